import type { NextFunction, Request, Response } from 'express';
import { runInWard } from '../db/ward-scope.js';

/**
 * Runs the rest of a ward's request inside `runInWard(req.ward.id)`: every query
 * below reaches only that ward's rows (src/db/scoped-client.ts). Mounted right
 * after loadWard. A request without a ward (province pages) gets no scope, so its
 * queries of ward data fail loudly unless they say `acrossWards(…)`.
 */
export function scopeToWard(req: Request, _res: Response, next: NextFunction) {
  if (!req.ward) return next();
  runInWard(req.ward.id, next);
}
