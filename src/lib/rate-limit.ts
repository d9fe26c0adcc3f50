import crypto from 'node:crypto';
import net from 'node:net';
import type { Db, Tx } from '../db/client.js';
import { hotRaw, hotRead } from '../db/hot-sql.js';

/** A limit: at most `limit` counted events per subject in each fixed window of `windowMs`. */
export type Limit = { name: string; limit: number; windowMs: number };

export type HitResult = { count: number; exceeded: boolean; retryAfterMs: number };

/**
 * Rate-limit counters kept in the database (RateLimitCounter), so every app
 * process sharing the database shares the limits. Fixed windows: one row per
 * limit, subject and window, incremented atomically by one INSERT … ON CONFLICT
 * DO UPDATE for all the limits an event counts towards. Subjects
 * (addresses, usernames, browser ids, texts) are stored only as a hash.
 * Expired rows are pruned now and then by whichever process counts.
 */
export class RateLimiter {
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** `hashes`: subjects already hashed for the same event (one SHA-256 per subject, however many limits count it). */
  private window(l: Limit, subject: string, hashes?: Map<string, string>) {
    const t = this.now().getTime();
    const start = Math.floor(t / l.windowMs) * l.windowMs;
    let hash = hashes?.get(subject);
    if (hash === undefined) {
      hash = subjectHash(subject);
      hashes?.set(subject, hash);
    }
    return { key: `${l.name}:${hash}:${start}`, windowStart: new Date(start), expiresAt: new Date(start + l.windowMs), retryAfterMs: start + l.windowMs - t };
  }

  /** Counts one event; `exceeded` when this one is past the limit. */
  async hit(l: Limit, subject: string): Promise<HitResult> {
    const [result] = await this.hitAll([{ limit: l, subject }]);
    return result;
  }

  /**
   * Counts one event on each of several limits in ONE statement (INSERT … ON CONFLICT DO UPDATE …
   * RETURNING, the same text on SQLite and PostgreSQL), optionally inside the caller's transaction
   * so the counts commit or roll back with what they guard. Results come in the order given.
   */
  async hitAll(hits: { limit: Limit; subject: string }[], db: Db | Tx = this.db): Promise<HitResult[]> {
    const q = this.counting(hits);
    const counted = await hotRaw<Record<string, unknown>>(db, q.sql, q.params);
    this.pruneNowAndThen();
    return q.read(counted);
  }

  /**
   * The statement that counts one event on each of several limits (INSERT … ON CONFLICT DO UPDATE …
   * RETURNING, the same text on SQLite and PostgreSQL, $n placeholders), and how its rows read as
   * results in the order given: run by hitAll, or by the SQLite writer thread (src/db/sqlite-writer.ts).
   * `hashes` is shared with the uncounting of the same event.
   */
  counting(hits: { limit: Limit; subject: string }[], hashes?: Map<string, string>) {
    const windows = hits.map((h) => this.window(h.limit, h.subject, hashes));
    // Rows in key order: two transactions counting the same keys lock them in the same order (no deadlock on PostgreSQL).
    const rows = [...new Map(windows.map((w) => [w.key, w])).values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    const values = rows.map((_, i) => `($${3 * i + 1}, 1, $${3 * i + 2}, $${3 * i + 3})`).join(', ');
    return {
      /**
       * Each key's limit: a count above it is past the limit (as `read` decides). Pairs, not an object keyed by
       * the keys: each new key (a hash) would make V8 build a new hidden class, on every comment (issue 10).
       */
      limits: windows.map((w, i): [string, number] => [w.key, hits[i].limit.limit]),
      sql: `INSERT INTO "RateLimitCounter" ("key", "count", "windowStart", "expiresAt") VALUES ${values}
      ON CONFLICT ("key") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1 RETURNING "key", "count"`,
      params: rows.flatMap((w) => [w.key, w.windowStart, w.expiresAt]),
      read: (counted: Record<string, unknown>[]): HitResult[] => {
        const counts = new Map(counted.map((r) => [String(r.key), Number(r.count)]));
        return windows.map((w, i) => {
          const count = counts.get(w.key) ?? 0;
          return { count, exceeded: count > hits[i].limit.limit, retryAfterMs: w.retryAfterMs };
        });
      },
    };
  }

  /** Takes back one count of each (a refused event that must not count), inside the caller's transaction. */
  async uncountAll(hits: { limit: Limit; subject: string }[], db: Db | Tx = this.db): Promise<void> {
    const q = this.uncounting(hits);
    await hotRaw(db, q.sql, q.params);
  }

  /** The statement of uncountAll, for the SQLite writer thread (`hashes`: as for counting). */
  uncounting(hits: { limit: Limit; subject: string }[], hashes?: Map<string, string>) {
    const keys = hits.map((h) => this.window(h.limit, h.subject, hashes).key);
    return {
      sql: `UPDATE "RateLimitCounter" SET "count" = "count" - 1 WHERE "key" IN (${keys.map((_, i) => `$${i + 1}`).join(', ')}) AND "count" > 0`,
      params: keys,
    };
  }

  /** Whether the limit is already used up, without counting (a read only). */
  async isOver(l: Limit, subject: string): Promise<boolean> {
    // A plain read on every receipt and login page: a prepared statement (src/db/hot-sql.ts), not a Prisma query.
    const [row] = await hotRead<{ count: unknown }>(this.db, `SELECT ${COUNTER_OF_KEY} AS "count"`, [this.keyOf(l, subject)]);
    return this.overFrom(l, row?.count);
  }

  /** The counter's key for `subject` in the current window of `l` (COUNTER_OF_KEY's parameter). */
  keyOf(l: Limit, subject: string): string {
    return this.window(l, subject).key;
  }

  /** isOver's answer from a count read by COUNTER_OF_KEY (NULL: nothing counted yet). */
  overFrom(l: Limit, count: unknown): boolean {
    return Number(count ?? 0) >= l.limit;
  }

  /** Deletes expired counters now and then (at most every five minutes per process), in the background. */
  pruneNowAndThen() {
    const t = this.now().getTime();
    if (Math.abs(t - this.lastPrune) < 5 * 60 * 1000) return;
    this.lastPrune = t;
    void this.db.rateLimitCounter.deleteMany({ where: { expiresAt: { lt: new Date(t) } } }).catch(() => undefined);
  }
}

/** One counter's count as an SQL expression (NULL when there is none yet); $1: its key (keyOf). */
export const COUNTER_OF_KEY = '(SELECT "count" FROM "RateLimitCounter" WHERE "key" = $1)';

/** How a subject (address, username, browser id, text) appears in a counter's key: never in clear. */
export function subjectHash(subject: string): string {
  return crypto.createHash('sha256').update(subject).digest('base64url').slice(0, 32);
}

/**
 * The address a limit counts: an IPv4 address as it is; an IPv6 address by its
 * /56 prefix, since one household or phone is given a whole range and could
 * otherwise rotate through it.
 */
export function addressKey(ip: string | undefined): string {
  const address = (ip ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (net.isIPv6(address)) {
    const [head, tail = ''] = address.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
    const bits = groups.map((g) => parseInt(g, 16).toString(2).padStart(16, '0')).join('');
    return `${BigInt(`0b${bits.slice(0, 56)}`).toString(16)}::/56`;
  }
  return address;
}

/** The minutes to tell a person to wait, rounded up. */
export function minutesLeft(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
