/** Budget estimates and their decisions as they stood at the moment of the figures (one of the figures of plan-figures.ts). */
import { BUDGET_STATUSES, type BudgetStatus } from '../../domain/enums.js';
import { budgetAt } from './as-of.js';
import type { PlanFigures } from './plan-figures.js';
import type { PlanState } from './plan-state.js';

/** Budget estimates with their decision as it stood at `at` (none yet: left out). */
export function estimatesAsOf(state: PlanState, at: Date) {
  return state.estimates
    .map((e) => ({ e, s: budgetAt(e, state.histories.budgets, at) }))
    .filter((x): x is { e: (typeof state.estimates)[number]; s: { status: string; approvedVnd: number | null } } => x.s !== null);
}
export type EstimateAsOf = ReturnType<typeof estimatesAsOf>[number];

export function budgetFigures(estimates: EstimateAsOf[]): PlanFigures['budgets'] {
  const byStatus = Object.fromEntries(BUDGET_STATUSES.map((s) => [s, { count: 0, requestedVnd: 0, approvedVnd: 0 }])) as PlanFigures['budgets']['byStatus'];
  for (const { e, s } of estimates) {
    const b = byStatus[s.status as BudgetStatus];
    if (!b) continue;
    b.count += 1;
    b.requestedVnd += e.requestedVnd;
    b.approvedVnd += s.approvedVnd ?? 0;
  }
  return {
    count: estimates.length,
    requestedVnd: estimates.reduce((s, x) => s + x.e.requestedVnd, 0),
    approvedVnd: estimates.reduce((s, x) => s + (x.s.approvedVnd ?? 0), 0),
    byStatus,
  };
}
