import type { NextFunction, Request, Response } from 'express';
import { toNFC } from '../lib/text.js';

/**
 * Composes every submitted text to NFC as soon as the body is parsed (urlencoded
 * here, multipart after multer), so handlers that read a field directly store
 * the same letters as those that validate it. See toNFC for why.
 */
export function normaliseBody(req: Request, _res: Response, next: NextFunction) {
  if (req.body && typeof req.body === 'object') req.body = toNFC(req.body);
  next();
}
