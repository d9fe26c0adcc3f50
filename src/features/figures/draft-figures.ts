/** Drafts to communicate in the period and how far they were (one of the figures of plan-figures.ts). */
import { periodEnd } from '../../domain/draft-period.js';
import { effectiveDraftStatus } from '../../domain/draft-status.js';
import { draftStateAt } from './as-of.js';
import type { VisibleComment } from './comment-figures.js';
import type { Moment, PlanFigures } from './plan-figures.js';
import type { PlanState } from './plan-state.js';

/** Drafts still to communicate in the period: existing at its end and not opened before it began; triggers with no draft yet count too. */
export function draftsInScope(state: PlanState, w: Moment) {
  const { histories } = state;
  const list = state.drafts
    .map((d) => ({ d, stored: draftStateAt(d, histories.drafts, w.at) }))
    .filter((x): x is { d: (typeof state.drafts)[number]; stored: string } => x.stored !== null)
    .filter(({ d, stored }) => !(w.bounds.gte && stored !== 'DRAFT' && d.opensAt < w.bounds.gte));
  const existingTriggerIds = new Set(state.drafts.filter((d) => draftStateAt(d, histories.drafts, w.at) !== null).map((d) => d.triggerId));
  const triggersWithoutDraft = state.triggers.filter((t) => t.receivedOn <= w.at && !existingTriggerIds.has(t.id)).length;
  const communicated = list.filter(({ d, stored }) => stored !== 'DRAFT' && d.opensAt <= w.at && w.inPeriod(d.opensAt)).length;
  return { list, inScope: list.length + triggersWithoutDraft, communicated };
}

export function draftFigures(drafts: ReturnType<typeof draftsInScope>, visible: VisibleComment[], at: Date): PlanFigures['drafts'] {
  return {
    inScope: drafts.inScope,
    communicated: drafts.communicated,
    percent: drafts.inScope === 0 ? 100 : Math.round((drafts.communicated / drafts.inScope) * 100),
    list: drafts.list.map(({ d, stored }) => {
      const own = visible.filter((c) => c.draftId === d.id);
      return {
        id: d.id,
        title: d.title,
        documentType: d.documentType,
        opensAt: d.opensAt,
        closesAt: periodEnd(d), // the real end: the early close when there was one
        status: effectiveDraftStatus({ state: stored, opensAt: d.opensAt, closesAt: d.closesAt }, at),
        received: own.length,
        answered: own.filter((c) => c.outcome).length,
      };
    }),
  };
}
