/**
 * The daily e-mail digest: one message a day to each officer who opted in and has
 * something waiting — the same list, from the same definitions, as their home page.
 * Runs as the scheduled job `digestJob` (src/features/index.ts); tests call it directly with a moved clock.
 */
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { Role } from '../../domain/enums.js';
import { dayjs, formatDate, TIME_ZONE } from '../../lib/format.js';
import { type Actor, audit } from '../../lib/audit.js';
import type { ScheduledJob } from '../../lib/scheduler.js';
import { acrossWards, runInWard } from '../../db/ward-scope.js';
import type { DigestSettings } from './worklist.schemas.js';
import { totalWaiting, type WorkItem, workFor } from './worklist.service.js';
import { wardMailName, wardPublicUrl } from '../../lib/ward-links.js';

export type DigestContext = Pick<AppContext, 'db' | 'mailer' | 'config' | 'now'>;

/** The local calendar day, e.g. "2025-10-15": a digest goes out at most once per such day. */
export const localDay = (now: Date) => dayjs(now).tz(TIME_ZONE).format('YYYY-MM-DD');

export function digestText(opts: { fullName: string; wardName: string; items: WorkItem[]; baseUrl: string; now: Date }): string {
  const lines = [`Kính gửi ${opts.fullName},`, '', `Việc đang chờ bạn trên Cổng góp ý – ${opts.wardName}, ngày ${formatDate(opts.now)}:`, ''];
  for (const item of opts.items.filter((i) => i.count > 0)) {
    lines.push(`- ${item.label}: ${item.count}`, `  ${opts.baseUrl}${item.href}`);
    for (const l of item.lines.slice(0, 5)) lines.push(`    · ${l.label}${l.note ? ` (${l.note})` : ''}`);
  }
  lines.push('', `Trang làm việc: ${opts.baseUrl}/can-bo`, `Thôi nhận bản tin này: ${opts.baseUrl}/can-bo/tai-khoan`);
  return lines.join('\n');
}

/**
 * Sends today's digests. The day is claimed on the user row before sending (a
 * conditional update), so two runs — or two processes — never send twice; when
 * sending fails the claim is undone and the next run tries again.
 */
export async function runDailyDigest(ctx: DigestContext): Promise<{ sent: number; nothingWaiting: number }> {
  const now = ctx.now();
  const today = localDay(now);
  // The officers of every ward (across wards); each one's list is then read in their ward's scope.
  const users = await acrossWards(() =>
    ctx.db.user.findMany({
      where: { active: true, digestOptIn: true, email: { not: '' }, digestLastSentOn: { not: today } },
      select: {
        id: true,
        wardId: true,
        unitId: true,
        role: true,
        fullName: true,
        email: true,
        digestLastSentOn: true,
        ward: { select: { name: true, slug: true, hostName: true } },
      },
      orderBy: { username: 'asc' },
    }),
  );
  type Officer = (typeof users)[number] & { wardId: string; ward: NonNullable<(typeof users)[number]['ward']> };
  let sent = 0;
  let nothingWaiting = 0;
  for (const u of users) {
    if (!u.wardId || !u.ward) continue; // the province's own accounts have no ward work list
    const officer = u as Officer;
    await runInWard(officer.wardId, () => sendOne(officer));
  }
  return { sent, nothingWaiting };

  async function sendOne(u: Officer) {
    const items = await workFor(ctx.db, { wardId: u.wardId, unitId: u.unitId, role: u.role as Role }, now);
    if (totalWaiting(items) === 0) {
      nothingWaiting++;
      return;
    }
    const claimed = await ctx.db.user.updateMany({ where: { id: u.id, digestLastSentOn: u.digestLastSentOn }, data: { digestLastSentOn: today } });
    if (claimed.count !== 1) return;
    try {
      await ctx.mailer.send({
        to: u.email,
        subject: `Việc đang chờ bạn ngày ${formatDate(now)} – ${u.ward.name}`,
        fromName: wardMailName(u.ward),
        text: digestText({ fullName: u.fullName, wardName: u.ward.name, items, baseUrl: wardPublicUrl(ctx.config, u.ward), now }),
      });
      sent++;
    } catch (err) {
      await ctx.db.user.updateMany({ where: { id: u.id, digestLastSentOn: today }, data: { digestLastSentOn: u.digestLastSentOn } });
      throw err;
    }
  }
}

/** An officer's digest choice and address, for the settings form. */
export function digestSettings(db: Db, userId: string) {
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, digestOptIn: true } });
}

export async function saveDigestSettings(db: Db, actor: Actor, input: DigestSettings) {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, digestOptIn: true } });
    await tx.user.update({ where: { id: actor.userId }, data: { email: input.email, digestOptIn: input.digestOptIn } });
    await audit(tx, actor, { action: 'user.digest', entityType: 'User', entityId: actor.userId, before, after: input });
  });
}

/** The hour (Vietnam time) from which the day's digest goes out: officers read it at the start of the working day. */
export const DIGEST_HOUR = 7;

/**
 * The digest as a scheduled job: checked hourly; before 07:00 in Vietnam it waits,
 * from then on the first run of the day sends (runDailyDigest claims the day per user).
 */
export const digestJob: ScheduledJob = {
  name: 'daily-digest',
  intervalMs: 60 * 60 * 1000,
  async run(ctx, now) {
    if (Number(dayjs(now).tz(TIME_ZONE).format('H')) < DIGEST_HOUR) return { waiting: `until ${DIGEST_HOUR}:00` };
    return runDailyDigest({ ...ctx, now: () => now });
  },
};
