/**
 * The public face of the auth feature: what other features, src/app.ts and the
 * scripts may use. Everything else in this folder is its own business
 * (scripts/check-boundaries.ts enforces it).
 */
export { authRouter } from './auth.routes.js';
export { LOGIN_LIMITS } from './auth.handlers.js';
export { loginSchema, normaliseUsername } from './auth.schemas.js';
export { DUMMY_HASH, hashPassword } from './auth.service.js';
export { keepTypedOnExpiredSession } from './form-stash.js';
