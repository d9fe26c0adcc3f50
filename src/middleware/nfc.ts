import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../lib/app-error.js';
import { toNFC } from '../lib/text.js';

/**
 * Composes every submitted text to NFC as soon as the body is parsed (urlencoded
 * here, multipart after multer), so handlers that read a field directly store
 * the same letters as those that validate it. See toNFC for why.
 */
export function normaliseBody(req: Request, _res: Response, next: NextFunction) {
  if (req.body && typeof req.body === 'object') req.body = withoutNul(toNFC(req.body));
  next();
}

/**
 * A NUL character has no place in any text a person types, and PostgreSQL cannot
 * store one (the query fails: a 500): it is dropped from every submitted string.
 */
function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (Array.isArray(value)) return value.map((v) => withoutNul(v)) as T;
  if (value && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withoutNul(v);
    return out as T;
  }
  return value;
}

/** A NUL in the address (a route parameter or a query value) is refused with 400 before any route reads it. */
export function refuseNulInUrl(req: Request, _res: Response, next: NextFunction) {
  if (/%00/.test(req.originalUrl)) return next(new AppError(400, 'Địa chỉ trang không hợp lệ.'));
  next();
}
