/** Obstacles of the period as they stood at the moment of the figures (one of the figures of plan-figures.ts). */
import type { ObstacleStatus } from '../../domain/enums.js';
import { obstacleAt, obstacleClosedOn } from './as-of.js';
import type { Moment, PlanFigures } from './plan-figures.js';
import type { PlanState, unresolvedAt } from './plan-state.js';

/** Obstacles existing at `at` and not closed before the period began; an answer given after `at` is not shown yet. */
export function obstacleFigures(state: PlanState, w: Moment, unresolved: ReturnType<typeof unresolvedAt>): PlanFigures['obstacles'] {
  const rows = state.obstacles
    .map((o) => ({ o, status: obstacleAt(o, state.histories.obstacles, w.at) }))
    .filter((x): x is { o: (typeof state.obstacles)[number]; status: string } => x.status !== null)
    .filter(({ o }) => {
      const closedOn = obstacleClosedOn(o, state.histories.obstacles);
      return !(w.bounds.gte && closedOn && closedOn < w.bounds.gte);
    });
  const shownAt = (o: (typeof rows)[number]['o']) => !(o.answeredAt && o.answeredAt > w.at);
  return {
    raised: rows.filter(({ o }) => w.inPeriod(o.createdAt)).length,
    open: unresolved.length,
    answered: rows.filter((x) => x.status === 'ANSWERED').length,
    closed: rows.filter((x) => x.status === 'CLOSED').length,
    list: rows.map(({ o, status }) => ({
      id: o.id,
      taskOrdinal: o.task?.ordinal ?? null,
      title: o.title,
      unitName: o.unit.name,
      status: status as ObstacleStatus,
      responseKind: shownAt(o) ? o.responseKind : null,
      response: shownAt(o) ? o.response : '',
      createdAt: o.createdAt,
      answeredAt: shownAt(o) ? o.answeredAt : null,
    })),
  };
}
