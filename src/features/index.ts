import type { Router } from 'express';
import type { AppContext } from '../context.js';
import { reportsRouter } from './reports/reports.routes.js';
import { budgetsRouter } from './budgets/budgets.routes.js';
import { obstaclesRouter } from './obstacles/obstacles.routes.js';
import { dashboardRouter } from './dashboard/dashboard.routes.js';
import { plansRouter } from './plans/plans.routes.js';
import { unitsRouter } from './units/units.routes.js';
import { draftsRouter } from './drafts/drafts.routes.js';
import { commentsRouter } from './comments/comments.routes.js';
import { documentsRouter } from './documents/documents.routes.js';
import { auditRouter } from './audit/audit.routes.js';
import { privacyRouter } from './privacy/privacy.routes.js';
import { retentionJob } from './privacy/privacy.retention.js';
import type { ScheduledJob } from '../lib/scheduler.js';
import { outreachRouter } from './outreach/outreach.routes.js';
import { registerRouter } from './register/register.routes.js';
import { worklistRouter } from './worklist/worklist.routes.js';
import { subscriptionsRouter } from './subscriptions/subscriptions.routes.js';
import { digestJob } from './worklist/digest.js';
import { subscriptionsPurgeJob } from './subscriptions/subscriptions.service.js';

/**
 * Every feature's router, in the order they are mounted. Add a feature here.
 */
export function featureRouters(ctx: AppContext): Router[] {
  return [
    plansRouter(ctx),
    unitsRouter(ctx),
    reportsRouter(ctx),
    budgetsRouter(ctx),
    obstaclesRouter(ctx),
    dashboardRouter(ctx),
    commentsRouter(ctx),
    draftsRouter(ctx),
    documentsRouter(ctx),
    registerRouter(ctx),
    auditRouter(ctx),
    privacyRouter(ctx),
    outreachRouter(ctx),
    worklistRouter(ctx),
    subscriptionsRouter(ctx),
  ];
}

/**
 * Every job the app runs on a schedule (src/lib/scheduler.ts), started by
 * src/server.ts only. Add a job here (digests, deadline checks …).
 */
export const scheduledJobs: ScheduledJob[] = [retentionJob, digestJob, subscriptionsPurgeJob];
