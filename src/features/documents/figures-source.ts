import type { Db } from '../../db/client.js';
import { computePlanFigures, countedActivitiesWhere, periodBounds, type PlanFigures } from '../figures/index.js';

/** The one place the documents feature asks for figures (the contract in FIGURES.md). */
export function figuresFor(db: Db, opts: { wardId: string; planId: string; from: Date | null; to: Date | null; now: Date }): Promise<PlanFigures> {
  return computePlanFigures(db, opts);
}

/**
 * How many facts of the plan fall inside the period: accepted progress reports,
 * counted communication activities, drafts opened, comments, budget estimates
 * and obstacles. A report of a period with none of them would be empty.
 */
export async function factsInPeriod(db: Db, wardId: string, planId: string, start: Date, end: Date): Promise<number> {
  const b = periodBounds(start, end);
  const range = { gte: b.gte, lte: b.lte };
  const drafts = { wardId, OR: [{ task: { planId } }, { trigger: { task: { planId } } }] };
  const counts = await Promise.all([
    db.progressReport.count({ where: { task: { planId }, status: 'ACCEPTED', reportedOn: range } }),
    db.communicationActivity.count({ where: countedActivitiesWhere(planId, start, end) }),
    db.draft.count({ where: { ...drafts, state: { not: 'DRAFT' }, opensAt: range } }),
    db.comment.count({ where: { draft: drafts, createdAt: range } }),
    db.budgetEstimate.count({ where: { task: { planId }, createdAt: range } }),
    // The same obstacles the figures list: raised by the end and not closed before the start.
    db.obstacle.count({ where: { planId, createdAt: { lte: b.lte }, OR: [{ closedAt: null }, { closedAt: { gte: b.gte } }] } }),
  ]);
  return counts.reduce((s, n) => s + n, 0);
}
