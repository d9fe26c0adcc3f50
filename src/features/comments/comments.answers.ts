/**
 * Answers to comments (tiếp thu / tiếp thu một phần / giải trình), one answer
 * possibly shared by several identical comments, and publishing the summary of
 * answers, which tells residents who asked for it by email.
 */
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { recordState } from '../../lib/state-history.js';
import { formatDate } from '../../lib/format.js';
import { isStale, staleError, stampOf } from '../../lib/stale.js';
import { FormError } from '../../lib/validation.js';
import type { OfficerDraft } from './comments.moderation.js';
import { wardMailName, wardPublicUrl } from '../../lib/ward-links.js';

export async function answerComments(db: Db, actor: Actor, draftId: string, input: { commentIds: string[]; outcome: string; explanation: string }) {
  const ids = [...new Set(input.commentIds)];
  const comments = await db.comment.findMany({ where: { draftId, id: { in: ids } }, select: { id: true, status: true, answerId: true, receiptCode: true } });
  if (comments.length !== ids.length) throw FormError.of('commentIds', 'Có ý kiến được chọn không thuộc dự thảo này. Vui lòng tải lại trang và chọn lại.');
  const hidden = comments.filter((c) => c.status === 'HIDDEN');
  if (hidden.length) {
    throw FormError.of('commentIds', `Ý kiến không công khai không cần trả lời: ${hidden.map((c) => c.receiptCode).join(', ')}.`);
  }
  const answered = comments.filter((c) => c.answerId);
  if (answered.length) {
    throw FormError.of('commentIds', `Ý kiến đã có trả lời (hãy sửa trả lời đó): ${answered.map((c) => c.receiptCode).join(', ')}.`);
  }
  return db.$transaction(async (tx) => {
    const answer = await tx.commentAnswer.create({
      data: { draftId, outcome: input.outcome, explanation: input.explanation, answeredById: actor.userId },
    });
    // Only comments still unanswered: a concurrent answer must not be overwritten.
    const linked = await tx.comment.updateMany({ where: { id: { in: ids }, draftId, answerId: null }, data: { answerId: answer.id } });
    if (linked.count !== ids.length) throw FormError.of('commentIds', 'Một số ý kiến vừa được trả lời bởi người khác. Vui lòng tải lại trang.');
    await audit(tx, actor, {
      action: 'comment.answer',
      entityType: 'CommentAnswer',
      entityId: answer.id,
      after: { outcome: input.outcome, explanation: input.explanation, commentIds: ids },
    });
    return answer;
  });
}

export async function findAnswer(db: Db, draftId: string, answerId: string) {
  const answer = await db.commentAnswer.findFirst({
    where: { id: answerId, draftId },
    include: {
      comments: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, receiptCode: true, body: true, status: true, section: { select: { label: true } } },
      },
    },
  });
  if (!answer) throw AppError.notFound('Không tìm thấy trả lời này.');
  return answer;
}

/** What the answer edit form remembers of its answer (see lib/stale.ts). */
export const answerStamp = (a: { updatedAt: Date }) => stampOf(a.updatedAt);

export async function updateAnswer(db: Db, actor: Actor, draftId: string, answerId: string, input: { outcome: string; explanation: string }, seen?: string) {
  const before = await findAnswer(db, draftId, answerId);
  const stale = async () => {
    const current = await db.commentAnswer.findUniqueOrThrow({
      where: { id: before.id },
      select: { updatedAt: true, answeredBy: { select: { fullName: true } } },
    });
    return staleError('explanation', 'Trả lời này', current.answeredBy?.fullName, current.updatedAt);
  };
  if (isStale(seen, answerStamp(before))) throw await stale();
  await db.$transaction(async (tx) => {
    // Only over the version the officer saw: a save from an older tab must not silently replace a newer answer.
    const changed = await tx.commentAnswer.updateMany({
      where: { id: before.id, updatedAt: before.updatedAt },
      data: { outcome: input.outcome, explanation: input.explanation, answeredById: actor.userId },
    });
    if (changed.count !== 1) throw await stale();
    await audit(tx, actor, {
      action: 'comment.answer.update',
      entityType: 'CommentAnswer',
      entityId: before.id,
      before: { outcome: before.outcome, explanation: before.explanation },
      after: input,
    });
  });
}

/** Why the summary cannot be published yet, or null when it can. */
export async function summaryBlocker(db: Db, draft: OfficerDraft): Promise<string | null> {
  if (draft.status === 'ANSWERED') return 'Bản tổng hợp, tiếp thu, giải trình của dự thảo này đã được công bố.';
  if (draft.status !== 'CLOSED') return 'Chỉ công bố bản tổng hợp khi đã kết thúc thời gian lấy ý kiến.';
  // From the counters the triggers keep (perf_comment_counters, perf_summary_counts): no comment is counted,
  // so the page costs the same at a million comments. Published comments with an answer are the answers' sum.
  const answered = await db.commentAnswer.aggregate({ where: { draftId: draft.id }, _sum: { commentsPublished: true } });
  const pending = draft.commentsPending;
  const unanswered = draft.commentsPublished - (answered._sum.commentsPublished ?? 0);
  if (pending > 0) return `Còn ${pending} ý kiến chờ kiểm duyệt: hãy công khai hoặc không công khai trước khi công bố bản tổng hợp.`;
  if (unanswered > 0) return `Còn ${unanswered} ý kiến đã công khai chưa được trả lời: mọi ý kiến phải được tiếp thu hoặc giải trình trước khi công bố.`;
  return null;
}

/**
 * Publishes the summary: the draft becomes ANSWERED. Then each resident who left
 * an email and consented gets one message (per address) with the links; a failed
 * send leaves notifiedAt empty so it can be seen and retried, and never undoes the publication.
 */
export async function publishSummary(ctx: AppContext, actor: Actor, draft: OfficerDraft, summaryNote: string) {
  const blocker = await summaryBlocker(ctx.db, draft);
  if (blocker) throw FormError.of('summaryNote', blocker);
  const now = ctx.now();
  await ctx.db.$transaction(async (tx) => {
    const updated = await tx.draft.updateMany({ where: { id: draft.id, state: draft.state }, data: { state: 'ANSWERED', answeredAt: now, summaryNote } });
    if (updated.count !== 1) throw AppError.conflict('Dự thảo vừa được thay đổi bởi người khác. Vui lòng tải lại trang.');
    await recordState(tx, {
      wardId: actor.wardId,
      kind: 'DRAFT',
      entityId: draft.id,
      status: 'ANSWERED',
      effectiveAt: now,
      recordedAt: now,
      recordedById: actor.userId,
    });
    await audit(tx, actor, {
      action: 'draft.publishSummary',
      entityType: 'Draft',
      entityId: draft.id,
      before: { state: draft.state },
      after: { state: 'ANSWERED', answeredAt: now.toISOString(), summaryNote },
    });
  });
  return notifyResidents(ctx, draft, now);
}

async function notifyResidents(ctx: AppContext, draft: OfficerDraft, now: Date) {
  const recipients = await ctx.db.comment.findMany({
    where: { draftId: draft.id, email: { not: '' }, consentAt: { not: null }, consentWithdrawnAt: null, notifiedAt: null, status: { not: 'HIDDEN' } },
    select: { id: true, email: true, receiptCode: true },
    orderBy: { createdAt: 'asc' },
  });
  const byEmail = new Map<string, { id: string; receiptCode: string }[]>();
  for (const r of recipients) byEmail.set(r.email, [...(byEmail.get(r.email) ?? []), r]);
  const ward = await ctx.db.ward.findUniqueOrThrow({ where: { id: draft.wardId }, select: { name: true, slug: true, hostName: true } });
  const base = wardPublicUrl(ctx.config, ward);
  // "Phường Trương Quang Trọng" → "UBND phường Trương Quang Trọng": residents see which ward writes.
  const committee = wardMailName(ward);
  let sent = 0;
  for (const [email, comments] of byEmail) {
    const text = [
      'Kính gửi Quý ông/bà,',
      '',
      `Ủy ban nhân dân phường đã công bố bản tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với ${draft.title} (ngày ${formatDate(now)}).`,
      '',
      `Xem bản tổng hợp: ${base}/du-thao/${draft.id}/tiep-thu-giai-trinh`,
      ...comments.map((c) => `Trả lời cho góp ý mã ${c.receiptCode}: ${base}/gop-y/ma/${c.receiptCode}`),
      '',
      'Cảm ơn Quý ông/bà đã đóng góp ý kiến.',
      'Thư điện tử, số điện thoại (và họ tên, nếu Quý ông/bà chọn ẩn danh) được lưu 12 tháng kể từ ngày công bố bản tổng hợp này rồi tự động xóa.',
      'Quý ông/bà có thể rút lại sự đồng ý bất cứ lúc nào trên trang tra cứu góp ý bằng mã tiếp nhận (thông tin bị xóa ngay, không nhận thêm thư);',
      `quyền và cách yêu cầu sửa, xóa dữ liệu: ${base}/quyen-rieng-tu`,
      '',
      `Bộ phận Tư pháp – Hộ tịch, ${committee}`,
      '(Thư gửi tự động, vui lòng không trả lời thư này.)',
    ].join('\n');
    try {
      await ctx.mailer.send({ to: email, fromName: committee, subject: `Đã công bố tiếp thu, giải trình ý kiến: ${draft.title}`, text });
      await ctx.db.comment.updateMany({ where: { id: { in: comments.map((c) => c.id) } }, data: { notifiedAt: now } });
      sent++;
    } catch (err) {
      ctx.logger.error({ err, draftId: draft.id }, 'could not send the answer notification');
    }
  }
  return { sent, failed: byEmail.size - sent };
}
