/**
 * The public face of the worklist feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { digestJob } from './digest.js';
export { worklistRouter } from './worklist.routes.js';
export { totalWaiting, workFor } from './worklist.service.js';
