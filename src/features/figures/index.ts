/**
 * The public face of the figures feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export {
  asOfMoment,
  computePlanFigures,
  countedActivitiesWhere,
  loadPlanState,
  periodBounds,
  tasksAt,
  unresolvedAt,
  type PlanFigures,
  type PlanState,
} from './plan-figures.js';
export type { PlannedCount, PlannedFigures } from './planned-figures.js';
