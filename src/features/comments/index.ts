/**
 * The public face of the comments feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { loadIntakeTarget } from './comments.offline.js';
export { draftCommentBlock } from './comments.public.js';
export { commentsRouter } from './comments.routes.js';
