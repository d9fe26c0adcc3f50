/**
 * The public face of the privacy feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { retentionJob } from './privacy.retention.js';
export { privacyRouter } from './privacy.routes.js';
export { contactState, contactStateOf } from './privacy.service.js';
