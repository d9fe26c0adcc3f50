import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/app-error.js';

export type CurrentWard = {
  id: string;
  slug: string;
  name: string;
  placeName: string;
  committeeName: string;
  parentBodyName: string;
  address: string;
  phone: string;
  email: string;
};

declare global {
  namespace Express {
    interface Request {
      ward: CurrentWard;
    }
  }
}

/**
 * Resolves the ward this request is for. Today a deployment serves the one ward
 * named by WARD_SLUG; serving several later means choosing it here (by host name
 * or path) — every query below already filters by ward.
 */
export function loadWard(ctx: AppContext) {
  let cached: CurrentWard | null = null;
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!cached) {
      const ward = await ctx.db.ward.findUnique({ where: { slug: ctx.config.wardSlug } });
      if (!ward) return next(new AppError(503, 'Cổng thông tin chưa được khởi tạo dữ liệu phường.'));
      cached = ward;
    }
    req.ward = cached;
    res.locals.ward = cached;
    next();
  };
}
