import type { Request } from 'express';
import type { Tx } from '../../db/client.js';
import { addressKey, COUNTER_OF_KEY, minutesLeft, type HitResult, type RateLimiter, type Limit } from '../../lib/rate-limit.js';
import type { GuardedWrite } from '../../db/sqlite-writer.js';

/**
 * Flood limits for the public comment form, counted in the database so every
 * process shares them. They are set for a meeting in the ward hall: sixty
 * residents on one Wi-Fi (or behind one mobile carrier address) must all be
 * able to comment, so the per-address limit is loose; one browser (the random
 * id of its CSRF cookie, which a valid submission proves we issued) is held
 * tighter; the same text sent again on the same draft is refused; and the
 * hidden honeypot field still catches simple bots. Only accepted comments count
 * towards the comment limits, so fixing a typo never locks anyone out; a looser
 * cap on every attempt stops a bot hammering the form with bad input.
 */
export const COMMENT_LIMITS = {
  perAddress: { name: 'comment-addr', limit: 60, windowMs: 10 * 60 * 1000 },
  perBrowser: { name: 'comment-browser', limit: 10, windowMs: 10 * 60 * 1000 },
  attemptsPerAddress: { name: 'comment-try-addr', limit: 300, windowMs: 10 * 60 * 1000 },
  sameTextPerBrowser: { name: 'comment-text-browser', limit: 1, windowMs: 24 * 60 * 60 * 1000 },
  sameTextPerAddress: { name: 'comment-text-addr', limit: 5, windowMs: 60 * 60 * 1000 },
  /** Receipt look-ups that find nothing (guessing codes); a code that exists is never counted. */
  failedLookupsPerAddress: { name: 'lookup-miss-addr', limit: 60, windowMs: 10 * 60 * 1000 },
} satisfies Record<string, Limit>;

/** The text as a repeat would be recognised: composition, case and spacing ignored. */
function sameTextKey(draftId: string, body: string): string {
  return `${draftId}|${body.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

/** Why a comment was not stored, and the form field the message goes with. */
export type Refusal = { field: 'gop-y' | 'body'; message: string };

const floodMessage = (retryAfterMs: number) =>
  `Có quá nhiều lần gửi biểu mẫu từ địa chỉ mạng của bạn. Vui lòng thử lại sau ${minutesLeft(retryAfterMs)} phút; nội dung bạn đã nhập vẫn còn dưới đây.`;

const address = (req: Request) => addressKey(req.ip);

/** The counts a valid comment makes (the attempt first), and the refusal their results decide. */
function acceptedPlan(req: Request, draftId: string, body: string) {
  const text = sameTextKey(draftId, body);
  // Read once: req.ip walks the proxy chain (proxy-addr) at every read.
  const from = address(req);
  const by = req.browserId ?? from;
  const comment = [
    { limit: COMMENT_LIMITS.perBrowser, subject: by },
    { limit: COMMENT_LIMITS.perAddress, subject: from },
    { limit: COMMENT_LIMITS.sameTextPerBrowser, subject: `${by}|${text}` },
    { limit: COMMENT_LIMITS.sameTextPerAddress, subject: `${from}|${text}` },
  ];
  const decide = ([attempt, perBrowser, perAddress, textBrowser, textAddress]: HitResult[]): Refusal | null => {
    const over = [perBrowser, perAddress].find((h) => h.exceeded);
    if (attempt.exceeded) return { field: 'gop-y', message: floodMessage(attempt.retryAfterMs) };
    if (textBrowser.exceeded || textAddress.exceeded) {
      return {
        field: 'body',
        message: 'Góp ý có nội dung giống hệt đã được gửi cho dự thảo này. Nếu bạn muốn bổ sung ý kiến, vui lòng sửa nội dung rồi gửi lại.',
      };
    }
    if (over) {
      return {
        field: 'body',
        message: `Bạn đã gửi nhiều góp ý trong thời gian ngắn. Vui lòng thử lại sau ${minutesLeft(over.retryAfterMs)} phút; nội dung bạn đã nhập vẫn còn dưới đây. Nếu cần góp ý gấp, hãy liên hệ Bộ phận Tư pháp – Hộ tịch của UBND phường.`,
      };
    }
    return null;
  };
  return { hits: [{ limit: COMMENT_LIMITS.attemptsPerAddress, subject: from }, ...comment], comment, decide };
}

export function commentLimits(limiter: RateLimiter) {
  return {
    /** Counts a submission attempt; a message when the address has sent too many. */
    async attempt(req: Request): Promise<string | null> {
      const hit = await limiter.hit(COMMENT_LIMITS.attemptsPerAddress, address(req));
      return hit.exceeded ? floodMessage(hit.retryAfterMs) : null;
    },

    /**
     * Counts a valid comment inside the transaction that stores it: the attempt, the browser and
     * address limits and its text, in ONE statement (one commit with the comment itself, where
     * five separate writes used to commit one by one). A refusal (why, and which field shows it)
     * takes back the comment counts in the same transaction and keeps only the attempt: only
     * accepted comments count towards the comment limits.
     */
    async countAccepted(tx: Tx, req: Request, draftId: string, body: string): Promise<Refusal | null> {
      const plan = acceptedPlan(req, draftId, body);
      const refusal = plan.decide(await limiter.hitAll(plan.hits, tx));
      if (refusal) await limiter.uncountAll(plan.comment, tx);
      return refusal;
    },

    /**
     * The same as countAccepted, as the statements the SQLite writer thread runs around the comment's
     * INSERT (src/db/sqlite-writer.ts: it refuses when any count is past its limit, as `decide` does),
     * and how the counted rows read as the refusal afterwards.
     */
    acceptedCounts(
      req: Request,
      draftId: string,
      body: string,
    ): Omit<GuardedWrite, 'insert'> & { refusal: (counted: Record<string, unknown>[]) => Refusal | null } {
      const plan = acceptedPlan(req, draftId, body);
      // Each subject hashed once for both statements (four subjects, nine keys).
      const hashes = new Map<string, string>();
      const counting = limiter.counting(plan.hits, hashes);
      const uncounting = limiter.uncounting(plan.comment, hashes);
      limiter.pruneNowAndThen();
      return {
        count: { sql: counting.sql, params: counting.params },
        limits: counting.limits,
        undo: uncounting,
        refusal: (counted) => plan.decide(counting.read(counted)),
      };
    },

    /**
     * Whether the address has used up its failed look-ups; `read` is the count already read beside the ward
     * (lookupsExpression), else it is read now.
     */
    async lookupBlocked(req: Request, read?: { value: unknown }): Promise<boolean> {
      const limit = COMMENT_LIMITS.failedLookupsPerAddress;
      return read ? limiter.overFrom(limit, read.value) : limiter.isOver(limit, address(req));
    },

    /** lookupBlocked's read as an SQL expression and its parameters, to be read beside the ward (src/lib/beside-ward.ts). */
    lookupsExpression() {
      return { sql: COUNTER_OF_KEY, params: (req: Request) => [limiter.keyOf(COMMENT_LIMITS.failedLookupsPerAddress, address(req))] };
    },

    async lookupMissed(req: Request): Promise<void> {
      await limiter.hit(COMMENT_LIMITS.failedLookupsPerAddress, address(req));
    },
  };
}
