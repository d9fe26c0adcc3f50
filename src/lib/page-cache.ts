/**
 * Rendered public pages kept in this process's memory, each with the database stamp it was
 * rendered at (issue 10). A page is served from here only when the stamp read from the database
 * for this very request is the same and the page's time limit (a date boundary: opening,
 * closing, midnight in Vietnam) has not passed, so a change made by any process shows on the
 * next view. Only anonymous views without a flash message are kept: what an officer sees, or a
 * page that set a cookie, is never kept or served from here. A form page is kept with holes for
 * its per-request values (the CSRF token and the form's one-time id, renderKeptForm), filled
 * afresh on every view.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ReadBesideWard, stampText, type WardCompanion } from './beside-ward.js';
import { wardHtml } from './ward-links.js';

/**
 * A kept page as it goes out: the bytes (encoded once, not on every view), their content type and
 * their ETag (hashed once; Express would hash the page again on every send). A browser that sends the
 * ETag back gets 304 Not Modified from Express's res.send.
 */
export type KeptEntry = {
  stamp: string;
  expiresAt: number;
  body: Buffer;
  etag: string;
  type: string;
  /**
   * A page with per-request values (a form's CSRF token and one-time id): its bytes in parts, each
   * name the value that goes between two parts (body and etag are then empty: every answer differs).
   */
  holes: { parts: Buffer[]; names: string[] } | null;
};

/**
 * The text a per-request value is rendered as in a kept page with holes: letters and digits only (no
 * escaping changes it), random per process (no page text can hold it by chance).
 */
const HOLE_SEED = randomBytes(12).toString('hex');
export const holeMarker = (name: string) => `kept${HOLE_SEED}${name.replace(/[^A-Za-z0-9]/g, '')}`;

const HTML = 'text/html; charset=utf-8';

/** What a kept page holds in memory: its bytes (or parts) and its key. */
const sizeOf = (key: string, e: KeptEntry) => key.length * 2 + e.body.length + (e.holes ? e.holes.parts.reduce((n, p) => n + p.length, 0) : 0);

/**
 * Bounded both by count and by bytes: a crawler walking every comment page of a big draft
 * (?trang=…, ?sau=…) would otherwise fill it with hundreds of 30–100 KB pages. Least recently
 * used goes first; a page larger than the whole budget is sent but not kept.
 */
export class PageCache {
  private readonly entries = new Map<string, KeptEntry>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  private drop(key: string) {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= sizeOf(key, e);
    this.entries.delete(key);
  }

  /** The key of this request's page, or null when the page must be rendered for this visitor. */
  keyFor(req: Request, res: Response, params: readonly string[]): string | null {
    if (req.method !== 'GET' || req.user || (res.locals.flashMessages as unknown[] | undefined)?.length) return null;
    const query: string[] = [];
    for (const p of params) {
      const v = req.query[p];
      // A repeated parameter (?trang=2&trang=3) is read by the handler in its own way: never kept.
      if (v !== undefined && typeof v !== 'string') return null;
      query.push(v ?? '');
    }
    // The ward as read for this request (its names, address and contacts are on every page: a ward renamed
    // by any process is a new key at once), its address prefix and the address it was reached at (links,
    // feeds) are part of the page.
    return JSON.stringify([req.ward ?? null, String(res.locals.wardBase ?? ''), req.wardUrl ?? '', req.baseUrl + req.path, ...query]);
  }

  /** The kept page if it was rendered at this stamp and is still within its time limit. */
  get(key: string, stamp: string, now: Date): KeptEntry | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.stamp !== stamp || now.getTime() >= e.expiresAt) {
      this.drop(key);
      return null;
    }
    // Least recently used goes first: move this one to the end.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  /** Keeps a page; `holes` names the per-request values rendered in it as their holeMarker (a form's token). */
  set(key: string, stamp: string, expiresAt: Date, text: string, type = HTML, holes: readonly string[] = []): KeptEntry {
    const split = splitAtHoles(text, holes);
    const body = split ? Buffer.alloc(0) : Buffer.from(text, 'utf8');
    const etag = split ? '' : `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;
    const entry = { stamp, expiresAt: expiresAt.getTime(), body, etag, type, holes: split };
    this.drop(key);
    const size = sizeOf(key, entry);
    if (size > this.maxBytes) return entry;
    this.entries.set(key, entry);
    this.bytes += size;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    return entry;
  }

  get size() {
    return this.entries.size;
  }

  /** The bytes the kept pages hold now. */
  get heldBytes() {
    return this.bytes;
  }
}

/** The page cut at each hole's marker (null when none is in it): the parts, and which value goes after each. */
function splitAtHoles(text: string, holes: readonly string[]): KeptEntry['holes'] {
  if (holes.length === 0) return null;
  const byMarker = new Map(holes.map((name) => [holeMarker(name), name]));
  const parts: Buffer[] = [];
  const names: string[] = [];
  let from = 0;
  for (const m of text.matchAll(new RegExp([...byMarker.keys()].join('|'), 'g'))) {
    parts.push(Buffer.from(text.slice(from, m.index), 'utf8'));
    names.push(byMarker.get(m[0]) as string);
    from = m.index + m[0].length;
  }
  if (names.length === 0) return null;
  parts.push(Buffer.from(text.slice(from), 'utf8'));
  return { parts, names };
}

/**
 * Sends a kept page (or 304 when the browser already has these bytes: res.send compares the ETag). A page
 * with holes is joined with this request's values (`fill`, called before any header goes out: it may set a
 * cookie), without an ETag, as nothing in it is the same twice.
 */
export function sendKept(res: Response, entry: KeptEntry, fill?: () => Record<string, string>) {
  if (!entry.holes) {
    res.setHeader('Content-Type', entry.type);
    res.setHeader('ETag', entry.etag);
    res.send(entry.body);
    return;
  }
  if (!fill) throw new Error('A kept page with holes needs its values.');
  const values = fill();
  const { parts, names } = entry.holes;
  const chunks: Buffer[] = [parts[0]];
  for (let i = 0; i < names.length; i++) chunks.push(Buffer.from(values[names[i]] ?? '', 'utf8'), parts[i + 1]);
  const body = Buffer.concat(chunks);
  res.statusCode = 200;
  res.setHeader('Content-Type', entry.type);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** What a kept page's lookup found: the key (null: render for this visitor), the stamp read, the kept page. */
export type KeptLookup = { key: string | null; stamp: string | null; kept: KeptEntry | null };

/**
 * One kind of kept public page (the draft page, the draft list, a feed …): its cache, the query
 * parameters that pick one of its pages, how to read its stamp, and the exact paths it answers.
 * The handler of the route looks its page up here; so does the early middleware
 * (src/middleware/kept-pages.ts), which serves a kept page before the rest of the stack runs. A
 * lookup made early is reused by the handler when the request reaches it (the stamp is read once).
 */
export class KeptPage {
  private readonly early = new WeakMap<Request, KeptLookup>();
  /** The stamp read in the ward's own statement for a GET of this page (see besideWard), or null. */
  private readonly withWard: ReadBesideWard | null;

  constructor(
    private readonly page: {
      cache: PageCache;
      params: readonly string[];
      /** The route parameter (or '') when this path is exactly one of this route's, as the router would match it; else null. */
      match: (path: string) => string | null;
      /** The stamp the kept page must carry for this request, null when none may be served (another ward's draft). */
      stamp: (req: Request, param: string) => Promise<string | null>;
      /**
       * The same stamp as one SQL expression over the request's "Ward" row (its placeholders: `params`, from $1):
       * the ward's read (src/middleware/ward.ts) then returns it too, so a kept view costs one round trip to the
       * database instead of two. It must give exactly what `stamp` gives (both are built from one definition).
       */
      besideWard?: { sql: string; params: (param: string) => unknown[] };
      now: () => Date;
      /** This request's values for the holes of a kept page with holes (a form's CSRF token and one-time id). */
      fill?: (req: Request, res: Response) => Record<string, string>;
    },
  ) {
    const beside = page.besideWard;
    this.withWard = beside ? new ReadBesideWard({ method: 'GET', match: page.match, sql: beside.sql, params: (_req, param) => beside.params(param) }) : null;
  }

  /** What the ward's read should return beside the ward for this request (`path`: inside the ward), or null. */
  companion(req: Request, path: string): WardCompanion | null {
    return this.withWard?.companion(req, path) ?? null;
  }

  get cache() {
    return this.page.cache;
  }

  match(path: string): string | null {
    return this.page.match(path);
  }

  /** Sends one of this page's kept entries, with this request's values in its holes. */
  send(req: Request, res: Response, entry: KeptEntry) {
    const fill = this.page.fill;
    sendKept(res, entry, fill && (() => fill(req, res)));
  }

  async lookup(req: Request, res: Response, param: string): Promise<KeptLookup> {
    const key = this.page.cache.keyFor(req, res, this.page.params);
    const before = this.early.get(req);
    if (before && before.key === key) return before;
    const withWard = this.withWard?.value(req, param);
    const stamp = !key ? null : withWard ? stampText(withWard.value) : await this.page.stamp(req, param);
    const found = { key, stamp, kept: key && stamp !== null ? this.page.cache.get(key, stamp, this.page.now()) : null };
    this.early.set(req, found);
    return found;
  }
}

/**
 * Renders a view and sends it; keeps it under `key` (when given) if it went out as a plain 200 with
 * nothing personal in it. A kept page is rendered without the CSRF token (res.locals.csrfToken is a
 * getter that sets the browser's CSRF cookie as soon as the locals are merged for rendering): a page
 * that turns out to hold a form is rendered again the ordinary way and not kept.
 */
export function renderKept(
  res: Response,
  view: string,
  locals: Record<string, unknown>,
  keep: { cache: PageCache; key: string | null; stamp: string | null; expiresAt: Date } | null,
  next: NextFunction,
) {
  const ordinary = () =>
    res.render(view, locals, (err: Error | null, html: string) => {
      if (err) return next(err);
      res.send(html);
    });
  if (!keep?.key || keep.stamp === null) return ordinary();
  const { key, stamp, cache, expiresAt } = keep;
  const plain: Record<string, unknown> = {};
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(res.locals))) if ('value' in d) plain[name] = d.value;
  res.app.render(view, { ...plain, ...locals, csrfToken: '' }, (err: Error | null, rendered: string) => {
    if (err) return next(err);
    // app.render skips the ward's res.render, which moves the page's URLs inside /phuong/<slug>: do it here.
    const html = wardHtml(String(res.locals.wardBase ?? ''), rendered);
    if (html.includes('name="_csrf"') || res.statusCode !== 200 || res.getHeader('set-cookie')) return ordinary();
    sendKept(res, cache.set(key, stamp, expiresAt, html));
  });
}

/**
 * One database read shared by the requests that arrive while it has not started yet: a read in
 * flight serves only requests that came before it started, so no request is answered with a stamp
 * read before it arrived. Under load this turns fifty stamp queries into a few.
 */
export class NextRead<V> {
  private readonly state = new Map<string, { running: Promise<V>; next: Promise<V> | null }>();

  constructor(private readonly read: (key: string) => Promise<V>) {}

  get(key: string): Promise<V> {
    const s = this.state.get(key);
    if (!s) return this.start(key);
    if (!s.next) {
      s.next = s.running.then(
        () => this.start(key),
        () => this.start(key),
      );
    }
    return s.next;
  }

  private start(key: string): Promise<V> {
    const running = this.read(key);
    this.state.set(key, { running, next: null });
    const done = () => {
      const s = this.state.get(key);
      if (s && s.running === running && !s.next) this.state.delete(key);
    };
    running.then(done, done);
    return running;
  }
}

/**
 * Renders a form page for keeping: once, with each hole's marker where its per-request value goes (the
 * CSRF token here; the caller puts the other markers in `locals`), kept in parts and answered from them
 * with this request's values, as every later view is. The render is the ordinary one in every other
 * byte. A page that cannot be kept (not a plain 200, or a cookie already set) is rendered by `ordinary`.
 */
export function renderKeptForm(
  req: Request,
  res: Response,
  view: string,
  locals: Record<string, unknown>,
  keep: { page: KeptPage; key: string; stamp: string; expiresAt: Date; holes: readonly string[] },
  ordinary: () => unknown,
  next: NextFunction,
) {
  const plain: Record<string, unknown> = {};
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(res.locals))) if ('value' in d) plain[name] = d.value;
  res.app.render(view, { ...plain, ...locals, csrfToken: holeMarker('csrfToken') }, (err: Error | null, rendered: string) => {
    if (err) return next(err);
    if (res.statusCode !== 200 || res.getHeader('set-cookie')) return ordinary();
    const html = wardHtml(String(res.locals.wardBase ?? ''), rendered);
    keep.page.send(req, res, keep.page.cache.set(keep.key, keep.stamp, keep.expiresAt, html, HTML, ['csrfToken', ...keep.holes]));
  });
}
