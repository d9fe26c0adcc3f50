/**
 * The public face of the plans feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { checkTicks, tickablePlanned } from './planned.service.js';
export { plansRouter } from './plans.routes.js';
export { actingUnitId, assertMaySubmitForTask, isTaskUnit, loadTaskForWard, taskUnitOptions, type TaskWithUnits, taskIdFromQuery } from './task-access.js';
export { syncTaskState } from './task-progress.service.js';
