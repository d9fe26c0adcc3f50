import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/app-error.js';
import { hotRead, isSqlite } from '../db/hot-sql.js';
import type { WardCompanion } from '../lib/beside-ward.js';
import { NextRead } from '../lib/page-cache.js';
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
const WARD_COLUMNS = `"id", "slug", "name", "placeName", "committeeName", "parentBodyName", "address", "phone", "email", "hostName"`;

/**
 * The ward's statement, with a kept page's stamp beside it when the request may be served one (the stamp
 * expression comes first, its placeholders from $1; the ward's own follow): a kept view then costs one round
 * trip to the database, not two (issue 10: on PostgreSQL each is a wait for the server and for a pool connection).
 */
const statements = new Map<string, string>();
function wardStatement(where: string, beside: WardCompanion | null): string {
  if (!beside) return `SELECT ${WARD_COLUMNS} FROM "Ward" WHERE ${where}`;
  const id = `${where}\0${beside.sql}\0${beside.params.length}`;
  let sql = statements.get(id);
  if (!sql) {
    const shifted = where.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + beside.params.length}`);
    sql = `SELECT ${beside.sql} AS "beside", ${WARD_COLUMNS} FROM "Ward" WHERE ${shifted}`;
    if (statements.size >= 100) statements.clear(); // only the kept pages' few fixed expressions come here
    statements.set(id, sql);
  }
  return sql;
}

type WardRow = CurrentWard & { beside?: unknown };

/** A ward of its own for each request (rows read once may be shared by several requests), without the stamp. */
const wardOf = (r: WardRow): CurrentWard => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  placeName: r.placeName,
  committeeName: r.committeeName,
  parentBodyName: r.parentBodyName,
  address: r.address,
  phone: r.phone,
  email: r.email,
  hostName: r.hostName,
});

/**
 * The province's pages (/tinh…, and / when WARD_SLUG is empty) belong to no ward:
 * they read every ward explicitly (src/features/province, acrossWards).
 */
export function isProvincePath(path: string, wardSlug: string): boolean {
  return path === '/tinh' || path.startsWith('/tinh/') || (wardSlug === '' && path === '/');
}

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
 *
 * `besideWard(req, path)`: what to read in the same statement as the ward for this request (a kept page's
 * stamp, src/middleware/kept-pages.ts: one round trip for a kept view), `path` being the path inside the
 * ward as the routers will see it.
 */
export function loadWard(ctx: AppContext, besideWard: (req: Request, path: string) => WardCompanion | null = () => null) {
  const baseUrl = ctx.config.baseUrl.replace(/\/$/, '');
  const defaultSlug = ctx.config.wardSlug;
  // On PostgreSQL a read waits for the server (and for one of the pool's few connections): the requests that
  // arrive before a read of the same statement has started share it (NextRead never hands a request a read
  // begun before it arrived, so a ward renamed is still seen on the next view). SQLite answers synchronously.
  const sqlite = isSqlite(ctx.db);
  const shared = new NextRead((key) => {
    const [sql, params] = JSON.parse(key) as [string, unknown[]];
    return hotRead<WardRow>(ctx.db, sql, params);
  });
  const read = (sql: string, params: unknown[]) => (sqlite ? hotRead<WardRow>(ctx.db, sql, params) : shared.get(JSON.stringify([sql, params])));
  const withBeside = async (where: string, params: unknown[], beside: WardCompanion | null) =>
    read(wardStatement(where, beside), beside ? [...beside.params, ...params] : params);
  const found = (row: WardRow | null, beside: WardCompanion | null): CurrentWard | null => {
    if (!row) return null;
    beside?.found(row.beside);
    return wardOf(row);
  };

  const atRoot = async (host: string, beside: WardCompanion | null) => {
    if (!host && !defaultSlug) return null;
    const rows = await withBeside(`"hostName" = $1 OR "slug" = $2 LIMIT 2`, [host || null, defaultSlug || null], beside);
    return found(rows.find((w) => host && w.hostName === host) ?? rows.find((w) => w.slug === defaultSlug) ?? null, beside);
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.wardBase = '';
    req.wardBase = '';
    const prefix = WARD_PREFIX.exec(req.path);
    if (prefix) {
      const slug = prefix[1];
      const base = `/phuong/${slug}`;
      const beside = besideWard(req, req.path.slice(base.length) || '/');
      const ward = SLUG.test(slug) ? found((await withBeside(`"slug" = $1`, [slug], beside))[0] ?? null, beside) : null;
      if (!ward) return next(AppError.notFound('Không tìm thấy phường này. Vui lòng kiểm tra lại địa chỉ.'));
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
    const ward = await atRoot(host, besideWard(req, req.path));
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
