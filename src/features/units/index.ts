/**
 * The public face of the units feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { unitsRouter } from './units.routes.js';
