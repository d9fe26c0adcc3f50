/**
 * The public face of the obstacles feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { obstaclesRouter } from './obstacles.routes.js';
