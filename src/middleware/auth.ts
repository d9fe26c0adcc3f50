import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../domain/enums.js';
import { AppError } from '../lib/app-error.js';
import type { Db } from '../db/client.js';
import { hotRead } from '../db/hot-sql.js';
import type { Actor } from '../lib/audit.js';

export type CurrentUser = {
  id: string;
  wardId: string;
  unitId: string | null;
  unitName: string | null;
  username: string;
  fullName: string;
  role: Role;
};

declare global {
  namespace Express {
    interface Request {
      user?: CurrentUser;
    }
  }
}

/** The officer and their unit's name, in the request's ward (one statement prepared once: src/db/hot-sql.ts). */
const OFFICER = `
    SELECT u."id", u."wardId", u."unitId", u."username", u."fullName", u."role", u."active", n."name" AS "unitName"
    FROM "User" u LEFT JOIN "Unit" n ON n."id" = u."unitId"
    WHERE u."id" = $1 AND u."wardId" = $2`;
type OfficerRow = Omit<CurrentUser, 'role' | 'wardId'> & { wardId: string; role: string; active: boolean | number };

/**
 * Loads the signed-in officer (if any) for every request; views see it as
 * `currentUser`. A session made on another ward's deployment (or for an
 * officer of another ward) is not accepted here: the visitor is anonymous.
 * Read by hand-written SQL rather than Prisma: every officer page does this (issue 10).
 */
export function loadUser(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const userId = req.session?.userId;
    // Province pages have no req.ward: their accounts are loaded by src/features/province.
    if (userId && req.ward && req.session.wardId === req.ward.id) {
      const [user] = await hotRead<OfficerRow>(db, OFFICER, [userId, req.ward.id]);
      if (user?.active) {
        req.user = {
          id: user.id,
          wardId: user.wardId,
          unitId: user.unitId,
          unitName: user.unitName ?? null,
          username: user.username,
          fullName: user.fullName,
          role: user.role as Role,
        };
      } else {
        delete req.session.userId;
      }
    }
    res.locals.currentUser = req.user ?? null;
    next();
  };
}

/** A requireRole guard carries the roles it admits, so tests can read every route's rule from the router itself. */
export type RoleGuard = ((req: Request, res: Response, next: NextFunction) => void) & { allowedRoles: readonly Role[] | 'any-officer' };

/** Officer routes: signed in, and (when roles are given) holding one of them. */
export function requireRole(...roles: Role[]): RoleGuard {
  const guard = (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) {
      if (req.method === 'GET') {
        return res.redirect(`/dang-nhap?next=${encodeURIComponent(req.originalUrl)}`);
      }
      return next(AppError.unauthorized());
    }
    if (roles.length > 0 && !roles.includes(req.user.role)) return next(AppError.forbidden());
    next();
  };
  return Object.assign(guard, { allowedRoles: roles.length > 0 ? roles : ('any-officer' as const) });
}

/** The signed-in user, for handlers behind requireRole. */
export function currentUser(req: Request): CurrentUser {
  if (!req.user) throw AppError.unauthorized();
  return req.user;
}

/** Who did it, for the audit log: the signed-in officer, their ward and the client address. */
export function actorOf(req: Request): Actor {
  const user = currentUser(req);
  return { userId: user.id, wardId: user.wardId, ip: req.ip };
}
