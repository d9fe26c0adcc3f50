import type { Router } from 'express';
import type { AppContext } from '../context.js';
import { reportsRouter } from './reports/index.js';
import { budgetsRouter } from './budgets/index.js';
import { obstaclesRouter } from './obstacles/index.js';
import { dashboardRouter } from './dashboard/index.js';
import { plansRouter } from './plans/index.js';
import { unitsRouter } from './units/index.js';
import { draftsRouter } from './drafts/index.js';
import { commentsRouter, draftCommentBlock } from './comments/index.js';
import { documentsRouter } from './documents/index.js';
import { auditRouter } from './audit/index.js';
import { privacyRouter, retentionJob } from './privacy/index.js';
import type { ScheduledJob } from '../lib/scheduler.js';
import type { KeptPage } from '../lib/page-cache.js';
import type { ReadBesideWard } from '../lib/beside-ward.js';
import { outreachRouter } from './outreach/index.js';
import { registerRouter } from './register/index.js';
import { digestJob, worklistRouter } from './worklist/index.js';
import { subscriptionsPurgeJob, subscriptionsRouter } from './subscriptions/index.js';

/**
 * Every feature's router, in the order they are mounted. Add a feature here. Public pages kept in
 * memory are added to `keptPages`, served early by createApp (src/middleware/kept-pages.ts).
 * `first` goes ahead of the home and sign-in routers too, `rest` after them.
 */
export function featureRouters(ctx: AppContext, keptPages?: KeptPage[], besideWard?: ReadBesideWard[]): { first: Router[]; rest: Router[] } {
  return {
    // First: a resident's comment (its POST and receipt) is the busiest request not answered early, and
    // each router ahead of it is a walk through its routes (the province's, the home page's and sign-in's,
    // about 25; plans … dashboard about 50). No path of theirs is one of its paths, so the order changes nothing else.
    first: [commentsRouter(ctx, keptPages, besideWard)],
    rest: [
      plansRouter(ctx),
      unitsRouter(ctx),
      reportsRouter(ctx),
      budgetsRouter(ctx),
      obstaclesRouter(ctx),
      dashboardRouter(ctx),
      // The draft page shows its comments: handed in here, since comments import drafts and not the other way.
      draftsRouter(ctx, { commentBlock: draftCommentBlock, keptPages }),
      documentsRouter(ctx),
      registerRouter(ctx),
      auditRouter(ctx),
      privacyRouter(ctx),
      outreachRouter(ctx),
      worklistRouter(ctx),
      subscriptionsRouter(ctx),
    ],
  };
}

/**
 * Every job the app runs on a schedule (src/lib/scheduler.ts), started by
 * src/server.ts only. Add a job here (digests, deadline checks …).
 */
export const scheduledJobs: ScheduledJob[] = [retentionJob, digestJob, subscriptionsPurgeJob];
