/**
 * The public face of the drafts feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { DRAFT_PAGE_STAMP, draftPageData, publicDraftList, WARD_PAGES_STAMP, wardDraftTimes, wardPagesStamp } from './drafts.public.js';
export { draftsRouter } from './drafts.routes.js';
export { draftForWard, refreshSearchText, syncPortalActivity } from './drafts.service.js';
export { sectionSearchText, splitDraftText } from './drafts.text.js';
export { currentVersion } from './drafts.versions.js';
