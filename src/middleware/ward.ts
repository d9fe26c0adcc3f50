import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/app-error.js';
import { hotRead } from '../db/hot-sql.js';
import { hostUrl, wardHtml, wardPath } from '../lib/ward-links.js';

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
  hostName: string | null;
};

declare global {
  namespace Express {
    interface Request {
      /** The ward whose portal this request is for (absent on the province's pages). */
      ward: CurrentWard;
      /** '' at the root, '/phuong/<slug>' under a ward's prefix: every URL of the page starts with it. */
      wardBase: string;
      /** The ward's absolute address as this request reached it (no trailing slash): feeds, sitemap, QR codes. */
      wardUrl: string;
    }
  }
}

const WARD_PREFIX = /^\/phuong\/([^/?#]+)(?=[/?#]|$)/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Read on every request, never cached (a ward renamed or given a host name by any process is seen on the
// next request): one statement prepared once on the hot path's own connection (src/db/hot-sql.ts), not a
// Prisma query, which was the largest part of a kept page's cost. The Ward table is public (names and
// addresses of wards); no other ward's data is read here.
const WARD_SELECT = `SELECT "id", "slug", "name", "placeName", "committeeName", "parentBodyName", "address", "phone", "email", "hostName" FROM "Ward"`;

/**
 * Resolves the ward a request is for:
 * - `/phuong/<slug>/…`: that ward, for any host; the prefix is taken off `req.url`,
 *   so every router keeps today's short paths, and put back on every URL of the
 *   answer (redirects and rendered pages, see src/lib/ward-links.ts);
 * - anything else: the ward whose `hostName` is the request's host, else the
 *   deployment's own ward (WARD_SLUG), at the root with the short URLs. With
 *   WARD_SLUG empty and no such host, the request has no ward (the province's pages).
 * One indexed lookup per request (slug and hostName are unique), never cached, so a
 * ward renamed or added by another process is seen at once.
 */
/**
 * The province's pages (/tinh…, and / when WARD_SLUG is empty) belong to no ward:
 * they read every ward explicitly (src/features/province, acrossWards).
 */
export function isProvincePath(path: string, wardSlug: string): boolean {
  return path === '/tinh' || path.startsWith('/tinh/') || (wardSlug === '' && path === '/');
}

export function loadWard(ctx: AppContext) {
  const baseUrl = ctx.config.baseUrl.replace(/\/$/, '');
  const defaultSlug = ctx.config.wardSlug;

  const atRoot = async (host: string) => {
    if (!host && !defaultSlug) return null;
    const found = await hotRead<CurrentWard>(ctx.db, `${WARD_SELECT} WHERE "hostName" = $1 OR "slug" = $2 LIMIT 2`, [host || null, defaultSlug || null]);
    return found.find((w) => host && w.hostName === host) ?? found.find((w) => w.slug === defaultSlug) ?? null;
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.wardBase = '';
    req.wardBase = '';
    const prefix = WARD_PREFIX.exec(req.path);
    if (prefix) {
      const slug = prefix[1];
      const ward = SLUG.test(slug) ? ((await hotRead<CurrentWard>(ctx.db, `${WARD_SELECT} WHERE "slug" = $1`, [slug]))[0] ?? null) : null;
      if (!ward) return next(AppError.notFound('Không tìm thấy phường này. Vui lòng kiểm tra lại địa chỉ.'));
      const base = `/phuong/${slug}`;
      // "/phuong/x" and "/phuong/x?a" are the ward's home page.
      const rest = req.url.slice(base.length);
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
      enterWard(req, res, ward, base, `${baseUrl}${base}`);
      return next();
    }
    // The province's own pages belong to no ward, whatever the host.
    if (req.path === '/tinh' || req.path.startsWith('/tinh/')) {
      res.locals.ward = null;
      return next();
    }
    const host = req.hostname?.toLowerCase().replace(/\.$/, '') ?? '';
    const ward = await atRoot(host);
    if (ward) {
      enterWard(req, res, ward, '', ward.hostName && ward.hostName === host ? hostUrl(baseUrl, ward.hostName) : baseUrl);
      return next();
    }
    if (defaultSlug) return next(new AppError(503, 'Cổng thông tin chưa được khởi tạo dữ liệu phường.'));
    // No ward (WARD_SLUG empty, no ward of this host): the province's landing page answers / (src/app.ts).
    res.locals.ward = null;
    next();
  };
}

function enterWard(req: Request, res: Response, ward: CurrentWard, base: string, url: string) {
  req.ward = ward;
  req.wardBase = base;
  req.wardUrl = url;
  res.locals.ward = ward;
  res.locals.wardBase = base;
  res.locals.baseUrl = url;
  if (base) keepUrlsInside(req, res, base);
}

/** Under a ward's prefix, every redirect and every rendered page keeps its root-relative URLs inside it. */
function keepUrlsInside(req: Request, res: Response, base: string) {
  const location = res.location.bind(res);
  res.location = (url: string) => location(wardPath(base, url));
  const render = res.render.bind(res) as (view: string, options: object, callback: (err: Error | null, html?: string) => void) => void;
  res.render = ((view: string, options?: object | ((err: Error | null, html?: string) => void), callback?: (err: Error | null, html?: string) => void) => {
    const done = typeof options === 'function' ? options : callback;
    render(view, typeof options === 'object' ? options : {}, (err, html) => {
      if (done) return done(err, err ? undefined : wardHtml(base, html ?? ''));
      if (err) return req.next?.(err);
      res.send(wardHtml(base, html ?? ''));
    });
  }) as Response['render'];
}

/** Ward pages only: a request without a ward (the province's pages at the root) skips the router this guards. */
export function requireWard(req: Request, _res: Response, next: NextFunction) {
  next(req.ward ? undefined : 'router');
}
