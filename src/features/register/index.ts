/**
 * The public face of the register feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { registerRouter } from './register.routes.js';
export { registerDocumentSchema, type RegisterDocumentInput } from './register.schemas.js';
export { addEntry, checkSigningDate, nextFreeNumber, summaryEntry, withRegisterRetry, yearOf } from './register.service.js';
