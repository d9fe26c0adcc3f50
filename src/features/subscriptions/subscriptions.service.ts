/**
 * Residents who want to be told (issue 11): e-mail subscriptions to new drafts of the
 * ward (optionally one field) and to the summary of answers of one draft.
 * Double opt-in: nothing but the confirmation is sent before confirmedAt. The link
 * token is the subscription id signed with HMAC (so every later message can carry
 * an unsubscribe link); only its SHA-256 is stored, for lookup. Unsubscribing
 * deletes the row; unconfirmed rows are erased after PENDING_DAYS.
 */
import type { ScheduledJob } from '../../lib/scheduler.js';
import crypto from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { acrossWards } from '../../db/ward-scope.js';
import { formatDate } from '../../lib/format.js';
import { FormError } from '../../lib/validation.js';
import { wardMailName, wardPublicUrl } from '../../lib/ward-links.js';
import { isListedPublicly } from '../../domain/draft-status.js';
import { CONSENT_VERSION, PENDING_DAYS, type SubscribeInput } from './subscriptions.schemas.js';

type MailCtx = Pick<AppContext, 'db' | 'mailer' | 'config' | 'logger' | 'now'>;
/** What a mail needs of its ward: the sender's name and the links' address. */
const WARD_OF_MAIL = { name: true, slug: true, hostName: true } as const;
type WardOfMail = { name: string; slug: string; hostName: string | null };

const sign = (secret: string, id: string) => `${id}.${crypto.createHmac('sha256', secret).update(`subscription:${id}`).digest('base64url')}`;
const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export const confirmUrl = (base: string, token: string) => `${base}/nhan-tin/xac-nhan/${token}`;
export const unsubscribeUrl = (base: string, token: string) => `${base}/nhan-tin/huy/${token}`;

/** The subscription a link token opens, or null (wrong, forged or already erased). */
export async function findByToken(db: Db, wardId: string, token: string) {
  if (!/^[A-Za-z0-9_-]{10,40}\.[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db.subscription.findUnique({ where: { tokenHash: hashToken(token) }, include: { draft: { select: { id: true, title: true } } } });
  return row && row.wardId === wardId ? row : null;
}

/** Pending subscriptions older than PENDING_DAYS are erased (also a job for the scheduler). */
export async function purgeExpiredSubscriptions(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - PENDING_DAYS * 86_400_000);
  return (await db.subscription.deleteMany({ where: { confirmedAt: null, createdAt: { lt: cutoff } } })).count;
}

/** The fields residents can choose: those of the ward's drafts shown in public. */
export async function draftFields(db: Db, wardId: string, now: Date): Promise<string[]> {
  const rows = await db.draft.findMany({ where: { wardId, state: { not: 'DRAFT' } }, select: { field: true, state: true, opensAt: true, closesAt: true } });
  return [
    ...new Set(
      rows
        .filter((d) => isListedPublicly(d, now))
        .map((d) => d.field.trim())
        .filter(Boolean),
    ),
  ].sort((a, b) => a.localeCompare(b, 'vi'));
}

/** A draft residents can follow: shown in public and its summary not yet published. */
export async function followableDraft(db: Db, wardId: string, draftId: string, now: Date) {
  const d = await db.draft.findFirst({
    where: { id: draftId, wardId, state: { not: 'DRAFT' } },
    select: { id: true, title: true, state: true, opensAt: true, closesAt: true },
  });
  return d && isListedPublicly(d, now) ? d : null;
}

/**
 * Records a pending subscription and sends the confirmation. The same address asking
 * again for the same thing while a request is pending gets no second message (so the
 * form cannot be used to flood someone's mailbox); the page says the same either way.
 */
export async function subscribe(ctx: MailCtx, ward: { id: string; name: string; slug: string; hostName: string | null }, input: SubscribeInput): Promise<void> {
  const now = ctx.now();
  await purgeExpiredSubscriptions(ctx.db, now);
  let draftTitle = '';
  if (input.kind === 'DRAFT_SUMMARY') {
    const d = await followableDraft(ctx.db, ward.id, input.draftId, now);
    if (!d) throw FormError.of('kind', 'Không tìm thấy dự thảo này.');
    draftTitle = d.title;
  }
  const same = { wardId: ward.id, email: input.email, kind: input.kind, field: input.field, draftId: input.draftId || null };
  if (await ctx.db.subscription.findFirst({ where: same, select: { id: true } })) return;
  const id = crypto.randomBytes(16).toString('base64url');
  const token = sign(ctx.config.sessionSecret, id);
  await ctx.db.subscription.create({ data: { ...same, id, tokenHash: hashToken(token), consentAt: now, consentVersion: CONSENT_VERSION, createdAt: now } });
  const what =
    input.kind === 'NEW_DRAFTS'
      ? `các dự thảo mới lấy ý kiến của ${ward.name}${input.field ? ` thuộc lĩnh vực “${input.field}”` : ''}`
      : `bản tổng hợp, tiếp thu, giải trình ý kiến về ${draftTitle}`;
  const text = [
    'Kính gửi Quý ông/bà,',
    '',
    `Có yêu cầu đăng ký nhận thư báo về ${what} bằng địa chỉ này.`,
    `Để xác nhận, mở đường dẫn sau trong ${PENDING_DAYS} ngày và bấm “Xác nhận đăng ký”:`,
    confirmUrl(wardPublicUrl(ctx.config, ward), token),
    '',
    'Nếu không phải Quý ông/bà đăng ký, hãy bỏ qua thư này: yêu cầu sẽ tự xóa, không thư nào khác được gửi.',
    '',
    `${ward.name} – Cổng góp ý dự thảo (thư gửi tự động)`,
  ].join('\n');
  try {
    await ctx.mailer.send({ to: input.email, fromName: wardMailName(ward), subject: `Xác nhận đăng ký nhận thư báo – ${ward.name}`, text });
  } catch (err) {
    await ctx.db.subscription.deleteMany({ where: { id } });
    throw err;
  }
}

export async function confirmSubscription(db: Db, id: string, now: Date): Promise<boolean> {
  const cutoff = new Date(now.getTime() - PENDING_DAYS * 86_400_000);
  const row = await db.subscription.findUnique({ where: { id } });
  if (!row) return false;
  if (row.confirmedAt) return true;
  if (row.createdAt < cutoff) {
    await db.subscription.deleteMany({ where: { id } });
    return false;
  }
  await db.subscription.update({ where: { id }, data: { confirmedAt: now } });
  return true;
}

/** Unsubscribing erases the row: nothing about the address is kept. */
export async function unsubscribe(db: Db, id: string): Promise<void> {
  await db.subscription.deleteMany({ where: { id } });
}

/** Sends one message to each confirmed subscriber, with the unsubscribe link and the RFC 8058 headers. */
async function sendToSubscribers(ctx: MailCtx, ward: WardOfMail, rows: { id: string; email: string }[], subject: string, body: string[]) {
  let sent = 0;
  let failed = 0;
  for (const r of rows) {
    const url = unsubscribeUrl(wardPublicUrl(ctx.config, ward), sign(ctx.config.sessionSecret, r.id));
    const text = [...body, '', `Hủy đăng ký nhận thư báo này (một lần bấm): ${url}`].join('\n');
    try {
      await ctx.mailer.send({
        to: r.email,
        fromName: wardMailName(ward),
        subject,
        text,
        headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      sent++;
    } catch (err) {
      failed++;
      ctx.logger.error({ err, subscriptionId: r.id }, 'subscription mail failed');
    }
  }
  return { sent, failed };
}

/** A draft was published: tell the confirmed subscribers to new drafts (all fields, or its field). */
export async function notifyNewDraft(ctx: MailCtx, draftId: string) {
  const draft = await ctx.db.draft.findUnique({ where: { id: draftId }, include: { ward: { select: WARD_OF_MAIL } } });
  if (draft?.state !== 'PUBLISHED') return { sent: 0, failed: 0 };
  const rows = await ctx.db.subscription.findMany({
    where: { wardId: draft.wardId, kind: 'NEW_DRAFTS', confirmedAt: { not: null }, field: { in: ['', draft.field.trim().normalize('NFC')] } },
    select: { id: true, email: true },
  });
  return sendToSubscribers(ctx, draft.ward, rows, `Dự thảo mới lấy ý kiến: ${draft.title}`, [
    'Kính gửi Quý ông/bà,',
    '',
    `${draft.ward.name} lấy ý kiến về ${draft.title} (lĩnh vực: ${draft.field}), từ ngày ${formatDate(draft.opensAt)} đến hết ngày ${formatDate(draft.closesAt)}.`,
    `Đọc dự thảo và góp ý: ${wardPublicUrl(ctx.config, draft.ward)}/du-thao/${draft.id}`,
  ]);
}

/** The summary of answers of a draft was published: tell its confirmed subscribers. */
export async function notifySummary(ctx: MailCtx, draftId: string) {
  const draft = await ctx.db.draft.findUnique({ where: { id: draftId }, include: { ward: { select: WARD_OF_MAIL } } });
  if (draft?.state !== 'ANSWERED') return { sent: 0, failed: 0 };
  const rows = await ctx.db.subscription.findMany({ where: { draftId, kind: 'DRAFT_SUMMARY', confirmedAt: { not: null } }, select: { id: true, email: true } });
  return sendToSubscribers(ctx, draft.ward, rows, `Đã công bố tiếp thu, giải trình ý kiến: ${draft.title}`, [
    'Kính gửi Quý ông/bà,',
    '',
    `${draft.ward.name} đã công bố bản tổng hợp, tiếp thu, giải trình ý kiến về ${draft.title}.`,
    `Xem bản tổng hợp: ${wardPublicUrl(ctx.config, draft.ward)}/du-thao/${draft.id}/tiep-thu-giai-trinh`,
  ]);
}

/** Unconfirmed subscription requests are erased after PENDING_DAYS: checked every six hours. */
export const subscriptionsPurgeJob: ScheduledJob = {
  name: 'subscriptions-purge',
  intervalMs: 6 * 60 * 60 * 1000,
  async run(ctx, now) {
    // Deployment-wide housekeeping: unconfirmed requests of every ward.
    return { erased: await acrossWards(() => purgeExpiredSubscriptions(ctx.db, now)) };
  },
};
