/**
 * The public face of the dashboard feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { dashboardRouter } from './dashboard.routes.js';
export { choosePlan, wardPlans } from './dashboard.service.js';
