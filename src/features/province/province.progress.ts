/**
 * What the Sở Tư pháp reads: per ward, the figures of its plan, computed by the
 * very function the ward's own progress page uses (computePlanFigures), so a
 * figure here can never differ from the one the ward sees; and a ward's drafts
 * and progress reports, read-only.
 */
import type { Db } from '../../db/client.js';
import { acrossWards } from '../../db/ward-scope.js';
import { AppError } from '../../lib/app-error.js';
import { choosePlan, wardPlans } from '../dashboard/index.js';
import { computePlanFigures } from '../figures/index.js';
import { effectiveDraftStatus } from '../../domain/draft-status.js';

export type WardProgressRow = {
  ward: { slug: string; name: string };
  plan: { id: string; year: number; title: string } | null;
  draftsInScope: number;
  draftsCommunicated: number;
  /** Against the scheme's 100 % target: PlanFigures.drafts.percent. */
  draftsPercent: number;
  commentsReceived: number;
  commentsAnswered: number;
  tasksLate: number;
  budgetRequestedVnd: number;
  budgetApprovedVnd: number;
};

/** The same rule as PlanFigures.drafts.percent: nothing in scope counts as done. */
export const consultedPercent = (communicated: number, inScope: number) => (inScope === 0 ? 100 : Math.round((communicated / inScope) * 100));

/** One row per ward: its plan of the year asked for (or this year's, or its latest), as of now. */
export async function provinceProgress(db: Db, now: Date, year?: number) {
  return acrossWards(async () => {
    const wards = await db.ward.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true } });
    const rows: WardProgressRow[] = [];
    for (const w of wards) {
      const plan = choosePlan(await wardPlans(db, w.id), { year, now });
      const empty = {
        draftsInScope: 0,
        draftsCommunicated: 0,
        draftsPercent: 0,
        commentsReceived: 0,
        commentsAnswered: 0,
        tasksLate: 0,
        budgetRequestedVnd: 0,
        budgetApprovedVnd: 0,
      };
      if (!plan) {
        rows.push({ ward: { slug: w.slug, name: w.name }, plan: null, ...empty });
        continue;
      }
      const f = await computePlanFigures(db, { wardId: w.id, planId: plan.id, now });
      rows.push({
        ward: { slug: w.slug, name: w.name },
        plan: { id: plan.id, year: plan.year, title: plan.title },
        draftsInScope: f.drafts.inScope,
        draftsCommunicated: f.drafts.communicated,
        draftsPercent: f.drafts.percent,
        commentsReceived: f.comments.received,
        commentsAnswered: f.comments.answered,
        tasksLate: f.byStatus.OVERDUE,
        budgetRequestedVnd: f.budgets.requestedVnd,
        budgetApprovedVnd: f.budgets.approvedVnd,
      });
    }
    const withPlan = rows.filter((r) => r.plan);
    const sum = (pick: (r: WardProgressRow) => number) => withPlan.reduce((s, r) => s + pick(r), 0);
    const totals = {
      wards: rows.length,
      wardsWithPlan: withPlan.length,
      draftsInScope: sum((r) => r.draftsInScope),
      draftsCommunicated: sum((r) => r.draftsCommunicated),
      draftsPercent: consultedPercent(
        sum((r) => r.draftsCommunicated),
        sum((r) => r.draftsInScope),
      ),
      wardsAtTarget: withPlan.filter((r) => r.draftsPercent >= 100).length,
      commentsReceived: sum((r) => r.commentsReceived),
      commentsAnswered: sum((r) => r.commentsAnswered),
      tasksLate: sum((r) => r.tasksLate),
      budgetRequestedVnd: sum((r) => r.budgetRequestedVnd),
      budgetApprovedVnd: sum((r) => r.budgetApprovedVnd),
    };
    return { rows, totals };
  });
}

/** One ward, read-only: its plan figures, every draft with its comment counters, and its latest progress reports. */
export async function wardReview(db: Db, slug: string, now: Date, year?: number) {
  return acrossWards(async () => {
    const ward = await db.ward.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, committeeName: true } });
    if (!ward) throw AppError.notFound('Không tìm thấy phường, xã.');
    const plans = await wardPlans(db, ward.id);
    const plan = choosePlan(plans, { year, now });
    const [figures, drafts, reports] = await Promise.all([
      plan ? computePlanFigures(db, { wardId: ward.id, planId: plan.id, now }) : null,
      db.draft.findMany({
        where: { wardId: ward.id },
        orderBy: [{ opensAt: 'desc' }, { id: 'asc' }],
        take: 200,
        select: {
          id: true,
          title: true,
          field: true,
          state: true,
          opensAt: true,
          closesAt: true,
          closedEarlyAt: true,
          commentsPending: true,
          commentsPublished: true,
          commentsHidden: true,
        },
      }),
      db.progressReport.findMany({
        where: { task: { plan: { wardId: ward.id } } },
        orderBy: [{ reportedOn: 'desc' }, { id: 'asc' }],
        take: 50,
        select: {
          id: true,
          reportedOn: true,
          summary: true,
          progressPercent: true,
          status: true,
          unit: { select: { name: true } },
          task: { select: { ordinal: true, plan: { select: { year: true } } } },
        },
      }),
    ]);
    return {
      ward,
      plans,
      plan,
      figures,
      drafts: drafts.map((d) => ({ ...d, status: effectiveDraftStatus(d, now), received: d.commentsPending + d.commentsPublished + d.commentsHidden })),
      reports,
    };
  });
}
