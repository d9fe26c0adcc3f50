/**
 * The province's own accounts (SUPERADMIN, PROVINCE_REVIEWER: User.wardId null)
 * and their sessions. A province session says so (`level: 'province'`) and
 * carries no wardId, so no ward's officer area accepts it (middleware/auth.ts
 * compares the session's ward); a ward officer's session is not accepted here.
 */
import argon2 from 'argon2';
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../../db/client.js';
import { PROVINCE_ROLES, type ProvinceRole } from '../../domain/enums.js';
import { AppError } from '../../lib/app-error.js';
import { acrossWards } from '../../db/ward-scope.js';
import { isProvincePath } from '../../middleware/ward.js';
import { DUMMY_HASH } from '../auth/index.js';

export type ProvinceUser = { id: string; username: string; fullName: string; role: ProvinceRole };

declare global {
  namespace Express {
    interface Request {
      provinceUser?: ProvinceUser;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    /** 'province': signed in at /tinh/dang-nhap with a province account. */
    level?: 'province';
  }
}

const isProvinceRole = (role: string): role is ProvinceRole => (PROVINCE_ROLES as readonly string[]).includes(role);

/** Checks a province account's (normalised) username and password; ward officers are refused like unknown users. */
export async function verifyProvinceLogin(db: Db, username: string, password: string): Promise<ProvinceUser | null> {
  // Accounts of every ward share one username space: the lookup is deployment-wide on purpose.
  const user = await acrossWards(() => db.user.findUnique({ where: { username } }));
  if (!user?.active || user.wardId !== null || !isProvinceRole(user.role)) {
    await argon2.verify(DUMMY_HASH, password).catch(() => false);
    return null;
  }
  if (!(await argon2.verify(user.passwordHash, password).catch(() => false))) return null;
  await acrossWards(() => db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } }));
  return { id: user.id, username: user.username, fullName: user.fullName, role: user.role };
}

/** Loads the signed-in province account on province pages only (views see it as `provinceUser`). */
export function loadProvinceUser(db: Db, wardSlug: string) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!isProvincePath(req.path, wardSlug)) return next();
    const userId = req.session?.userId;
    if (userId && req.session.level === 'province') {
      const user = await acrossWards(() => db.user.findUnique({ where: { id: userId } }));
      if (user?.active && user.wardId === null && isProvinceRole(user.role)) {
        req.provinceUser = { id: user.id, username: user.username, fullName: user.fullName, role: user.role };
      } else {
        delete req.session.userId;
        delete req.session.level;
      }
    }
    res.locals.provinceUser = req.provinceUser ?? null;
    // Province officer pages (and any page a province account sees) are never kept by a browser or proxy.
    if (req.provinceUser || req.path.startsWith('/tinh/can-bo')) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/** A province route guard; carries its roles so the every-route test reads each route's rule from the router. */
export type ProvinceRoleGuard = ((req: Request, res: Response, next: NextFunction) => void) & { allowedProvinceRoles: readonly ProvinceRole[] };

export function requireProvinceRole(...roles: ProvinceRole[]): ProvinceRoleGuard {
  const guard = (req: Request, res: Response, next: NextFunction) => {
    if (!req.provinceUser) {
      if (req.method === 'GET') return res.redirect(`/tinh/dang-nhap?next=${encodeURIComponent(req.originalUrl)}`);
      return next(AppError.unauthorized());
    }
    if (!roles.includes(req.provinceUser.role)) return next(AppError.forbidden());
    next();
  };
  return Object.assign(guard, { allowedProvinceRoles: roles });
}

export function currentProvinceUser(req: Request): ProvinceUser {
  if (!req.provinceUser) throw AppError.unauthorized();
  return req.provinceUser;
}
