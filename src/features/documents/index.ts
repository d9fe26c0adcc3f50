/**
 * The public face of the documents feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export type { Block, DocumentModel } from './document-model.js';
export { documentsRouter } from './documents.routes.js';
export { renderDocx } from './docx-render.js';
export { blankDateLine } from './plan-document.js';
export { justiceRecipient, superiorOn } from './superiors.js';
