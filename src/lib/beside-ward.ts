import type { Request } from 'express';

/**
 * A value read in the same statement as the request's ward (src/middleware/ward.ts): `sql` is an expression
 * that may name the "Ward" row's columns ("Ward"."id"), with placeholders $1… for `params`; `found` gets its
 * value for the ward the request turned out to be for (not called when there is no such ward).
 */
export type WardCompanion = { sql: string; params: unknown[]; found: (value: unknown) => void };

/** A stamp as either driver gives it (a number or text), null when there is none. */
export const stampText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * A `match` for a route with one parameter: the first group of `pattern` (anchored, the parameter as
 * `([^/]+)`, as the router matches it), URL-decoded; null when the path is not the route's, or is not
 * decodable (the router answers that itself). `not` lists values another route of the same shape owns.
 */
export function routeParam(pattern: RegExp, not: readonly string[] = []): (path: string) => string | null {
  return (path) => {
    const m = pattern.exec(path);
    if (!m || not.includes(m[1])) return null;
    try {
      return decodeURIComponent(m[1]);
    } catch {
      return null;
    }
  };
}

/**
 * A value a route's handler needs on every request, read in the same statement as the request's ward
 * (src/middleware/ward.ts) instead of in a statement of its own: on SQLite each statement after a
 * comment's commit re-reads its pages (the connection's cache is dropped when another connection has
 * written), ~20–40 µs each; on PostgreSQL each is a round trip. Kept pages read their stamps this way
 * (KeptPage's besideWard, src/lib/page-cache.ts); the comment's post its form's stamp, the receipt its
 * address's failed look-ups (issue 10).
 *
 * `sql` is one SQL expression over the "Ward" row with its own placeholders from $1 (`params`); the value
 * is read only for requests of `method` whose path inside the ward `match`es (its parameter, else null).
 * The handler asks `value(req, param)`: what was read beside the ward for that very parameter, or, when
 * nothing was (another path or parameter, or the ward not found), undefined, and it reads on its own.
 */
export class ReadBesideWard {
  private readonly read = new WeakMap<Request, { param: string; value: unknown }>();

  constructor(
    private readonly o: {
      method: 'GET' | 'POST';
      match: (path: string) => string | null;
      sql: string;
      params: (req: Request, param: string) => unknown[];
    },
  ) {}

  /** What to read beside the ward for this request (`path`: inside the ward, as the routers will see it), or null. */
  companion(req: Request, path: string): WardCompanion | null {
    if (req.method !== this.o.method) return null;
    const param = this.o.match(path);
    if (param === null) return null;
    return { sql: this.o.sql, params: this.o.params(req, param), found: (value) => this.read.set(req, { param, value }) };
  }

  /** `{ value }` as read beside the ward for this request and parameter; undefined when it was not read. */
  value(req: Request, param: string): { value: unknown } | undefined {
    const got = this.read.get(req);
    return got && got.param === param ? { value: got.value } : undefined;
  }
}
