/**
 * Rendered public pages kept in this process's memory, each with the database stamp it was
 * rendered at (issue 10). A page is served from here only when the stamp read from the database
 * for this very request is the same and the page's time limit (a date boundary: opening,
 * closing, midnight in Vietnam) has not passed, so a change made by any process shows on the
 * next view. Only anonymous views without a flash message are kept: what an officer sees, or a
 * page that set a cookie (a CSRF token was made for a form), is never kept or served from here.
 */
import type { NextFunction, Request, Response } from 'express';
import { wardHtml } from './ward-links.js';

type Entry = { stamp: string; expiresAt: number; html: string };

export class PageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 500) {}

  /** The key of this request's page, or null when the page must be rendered for this visitor. */
  keyFor(req: Request, res: Response, params: readonly string[]): string | null {
    if (req.method !== 'GET' || req.user || (res.locals.flashMessages as unknown[] | undefined)?.length) return null;
    const query = params.map((p) => {
      const v = req.query[p];
      return typeof v === 'string' ? v : '';
    });
    // The ward and its address prefix, if any, are part of every link on the page.
    return JSON.stringify([req.ward?.id ?? '', String(res.locals.wardBase ?? ''), req.baseUrl + req.path, ...query]);
  }

  /** The kept page if it was rendered at this stamp and is still within its time limit. */
  get(key: string, stamp: string, now: Date): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.stamp !== stamp || now.getTime() >= e.expiresAt) {
      this.entries.delete(key);
      return null;
    }
    // Least recently used goes first: move this one to the end.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.html;
  }

  set(key: string, stamp: string, expiresAt: Date, html: string) {
    this.entries.delete(key);
    this.entries.set(key, { stamp, expiresAt: expiresAt.getTime(), html });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size() {
    return this.entries.size;
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
    cache.set(key, stamp, expiresAt, html);
    res.send(html);
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
