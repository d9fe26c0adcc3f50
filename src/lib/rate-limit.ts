import crypto from 'node:crypto';
import net from 'node:net';
import type { Db } from '../db/client.js';

/** A limit: at most `limit` counted events per subject in each fixed window of `windowMs`. */
export type Limit = { name: string; limit: number; windowMs: number };

export type HitResult = { count: number; exceeded: boolean; retryAfterMs: number };

/**
 * Rate-limit counters kept in the database (RateLimitCounter), so every app
 * process sharing the database shares the limits. Fixed windows: one row per
 * limit, subject and window, incremented atomically (Prisma's upsert becomes a
 * single INSERT … ON CONFLICT DO UPDATE on SQLite and PostgreSQL). Subjects
 * (addresses, usernames, browser ids, texts) are stored only as a hash.
 * Expired rows are pruned now and then by whichever process counts.
 */
export class RateLimiter {
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  private window(l: Limit, subject: string) {
    const t = this.now().getTime();
    const start = Math.floor(t / l.windowMs) * l.windowMs;
    const hash = subjectHash(subject);
    return { key: `${l.name}:${hash}:${start}`, windowStart: new Date(start), expiresAt: new Date(start + l.windowMs), retryAfterMs: start + l.windowMs - t };
  }

  /** Counts one event; `exceeded` when this one is past the limit. */
  async hit(l: Limit, subject: string): Promise<HitResult> {
    const w = this.window(l, subject);
    const row = await this.upsert(w);
    this.pruneNowAndThen();
    return { count: row.count, exceeded: row.count > l.limit, retryAfterMs: w.retryAfterMs };
  }

  /** Whether the limit is already used up, without counting (a read only). */
  async isOver(l: Limit, subject: string): Promise<boolean> {
    const w = this.window(l, subject);
    const row = await this.db.rateLimitCounter.findUnique({ where: { key: w.key }, select: { count: true } });
    return (row?.count ?? 0) >= l.limit;
  }

  private async upsert(w: { key: string; windowStart: Date; expiresAt: Date }) {
    const args = {
      where: { key: w.key },
      create: { key: w.key, count: 1, windowStart: w.windowStart, expiresAt: w.expiresAt },
      update: { count: { increment: 1 } },
      select: { count: true },
    };
    try {
      return await this.db.rateLimitCounter.upsert(args);
    } catch (err) {
      // Two processes creating the same row at once: the loser increments it.
      if ((err as { code?: string }).code === 'P2002') return this.db.rateLimitCounter.upsert(args);
      throw err;
    }
  }

  private pruneNowAndThen() {
    const t = this.now().getTime();
    if (Math.abs(t - this.lastPrune) < 5 * 60 * 1000) return;
    this.lastPrune = t;
    void this.db.rateLimitCounter.deleteMany({ where: { expiresAt: { lt: new Date(t) } } }).catch(() => undefined);
  }
}

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
