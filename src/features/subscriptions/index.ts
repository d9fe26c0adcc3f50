/**
 * The public face of the subscriptions feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { ONE_CLICK_UNSUBSCRIBE, subscriptionsRouter } from './subscriptions.routes.js';
export { notifyNewDraft, notifySummary, subscriptionsPurgeJob } from './subscriptions.service.js';
