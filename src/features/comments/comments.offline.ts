/**
 * Comments received off-line: at a meeting or conference (họp tổ dân phố, hội
 * nghị), in writing, by phone, or forwarded by the Fatherland Front or another
 * organisation. The Justice officer or an official of a unit leading or
 * coordinating the draft's task records them as one intake (with the minutes or
 * the scan); each becomes an ordinary Comment marked with its channel, so it goes
 * through the same moderation, answers, statistics, summary and exports.
 * A meeting also counts as a communication activity on the draft's task.
 */
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { COMMENT_CHANNEL_LABELS, type CommentChannel } from '../../domain/enums.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { endOfDay, formatDate } from '../../lib/format.js';
import { foldVietnamese } from '../../lib/text.js';
import { storedFileData, type CheckedUpload } from '../../lib/uploads.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { currentVersion } from '../drafts/index.js';
import { loadOfficerDraft, type OfficerDraft } from './comments.moderation.js';
import type { IntakeInput, IntakeRow } from './comments.offline.schemas.js';
import { newReceiptCode } from '../../domain/receipt-code.js';
import { residentialGroups } from './comments.service.js';

export type IntakeTarget = Awaited<ReturnType<typeof loadIntakeTarget>>;

/**
 * The draft with what the intake form offers (articles of the current version,
 * residential groups, the units of its task). UNIT officials only for a draft
 * whose task their unit leads or coordinates; another ward's draft is a 404.
 */
export async function loadIntakeTarget(db: Db, user: CurrentUser, draftId: string, now: Date) {
  const draft = await loadOfficerDraft(db, user, draftId, now);
  const taskUnits = draft.taskId
    ? await db.taskUnit.findMany({ where: { taskId: draft.taskId }, include: { unit: { select: { id: true, name: true, sortOrder: true } } } })
    : [];
  const units = [...new Map(taskUnits.sort((a, b) => a.unit.sortOrder - b.unit.sortOrder).map((tu) => [tu.unitId, tu.unit])).values()];
  if (user.role === 'UNIT') {
    if (!user.unitId || !units.some((u) => u.id === user.unitId)) {
      throw AppError.forbidden('Chỉ đơn vị chủ trì hoặc phối hợp thực hiện nhiệm vụ của dự thảo này mới ghi nhận được ý kiến.');
    }
  } else if (user.role !== 'JUSTICE' && user.role !== 'ADMIN') {
    throw AppError.forbidden();
  }
  const version = await currentVersion(db, draft.id);
  const [articles, groups] = await Promise.all([
    version
      ? db.draftSection.findMany({
          where: { versionId: version.id, kind: 'ARTICLE' },
          orderBy: { sortOrder: 'asc' },
          select: { id: true, label: true, heading: true },
        })
      : [],
    residentialGroups(db, user.wardId),
  ]);
  return { draft, version, units, articles, groups };
}

/** Why comments cannot be recorded on this draft now, or null. */
export function intakeBlocker(draft: OfficerDraft): string | null {
  if (draft.status === 'DRAFT' || draft.status === 'UPCOMING') return 'Dự thảo chưa đến thời gian lấy ý kiến nên chưa ghi nhận được ý kiến.';
  if (draft.status === 'ANSWERED') return 'Đã công bố bản tổng hợp, tiếp thu, giải trình của dự thảo này nên không ghi nhận thêm ý kiến.';
  return null;
}

type Issue = { path: PropertyKey[]; message: string };

/** Rules that need the draft: the date inside the consultation period, known articles and groups, the unit. */
export function checkIntake(target: IntakeTarget, user: CurrentUser, input: IntakeInput, filledRows: number, now: Date): Issue[] {
  const issues: Issue[] = [];
  const { draft } = target;
  if (input.receivedOn > endOfDay(now)) issues.push({ path: ['receivedOn'], message: 'Ngày nhận ý kiến không được sau ngày hôm nay.' });
  else if (input.receivedOn > endOfDay(draft.closesAt)) {
    issues.push({ path: ['receivedOn'], message: `Ngày nhận ý kiến phải trong thời gian lấy ý kiến (đến ngày ${formatDate(draft.closesAt)}).` });
  } else if (endOfDay(input.receivedOn) < draft.opensAt) {
    issues.push({ path: ['receivedOn'], message: `Ngày nhận ý kiến phải trong thời gian lấy ý kiến (từ ngày ${formatDate(draft.opensAt)}).` });
  }
  if (user.role !== 'UNIT' && input.unitId && !target.units.some((u) => u.id === input.unitId)) {
    issues.push({ path: ['unitId'], message: 'Đơn vị được chọn không chủ trì hoặc phối hợp nhiệm vụ của dự thảo này. Vui lòng chọn lại.' });
  }
  if (filledRows === 0) issues.push({ path: ['rows', 0, 'body'], message: 'Vui lòng nhập ít nhất một ý kiến.' });
  return issues;
}

/** Rows with their index in the form, to report a wrong article or group on the right row. */
export function checkRows(target: IntakeTarget, raw: Record<string, string>[]): Issue[] {
  const issues: Issue[] = [];
  raw.forEach((r, i) => {
    if (r.phan && !target.articles.some((a) => a.id === r.phan))
      issues.push({ path: ['rows', i, 'phan'], message: 'Điều được chọn không thuộc dự thảo này. Vui lòng chọn lại.' });
    if (r.residentialGroup && !target.groups.some((g) => g.id === r.residentialGroup)) {
      issues.push({ path: ['rows', i, 'residentialGroup'], message: 'Tổ dân phố được chọn không có trong danh sách. Vui lòng chọn lại.' });
    }
  });
  return issues;
}

/** "Tập thể" (the meeting as a whole) is shown as such in public; a named speaker stays anonymous in public. */
export const isCollective = (speaker: string) => foldVietnamese(speaker).trim() === 'tap the';

/** What the meeting's communication activity says on the task: "Họp tổ dân phố 3 – lấy ý kiến Dự thảo … (tại …)". */
export function activityDescription(draftTitle: string, source: string, place: string) {
  const what = source || 'Hội nghị, cuộc họp lấy ý kiến';
  return `${what} – lấy ý kiến ${draftTitle}${place ? ` (tại ${place})` : ''}`.slice(0, 1000);
}

/**
 * Saves the intake, its file, its comments and (for a meeting on a draft with a
 * task) the communication activity, in one transaction; the file is removed again if it fails.
 */
export async function recordIntake(
  ctx: AppContext,
  actor: Actor,
  user: CurrentUser,
  target: IntakeTarget,
  input: IntakeInput,
  rows: IntakeRow[],
  upload: CheckedUpload | null,
) {
  const { draft, version } = target;
  if (!version) throw AppError.conflict('Dự thảo chưa có nội dung nên chưa ghi nhận được ý kiến.');
  const blocker = intakeBlocker(draft);
  if (blocker) throw AppError.conflict(blocker);
  const unitId = user.role === 'UNIT' ? user.unitId : input.unitId || null;
  const now = ctx.now();
  return ctx.files.saveAll(upload ? [upload] : [], (keys) =>
    ctx.db.$transaction(async (tx) => {
      const activity =
        input.channel === 'MEETING' && draft.taskId
          ? await tx.communicationActivity.create({
              data: {
                taskId: draft.taskId,
                unitId,
                draftId: draft.id,
                channel: 'MEETING',
                heldOn: input.receivedOn,
                description: activityDescription(draft.title, input.source, input.place),
                peopleReached: input.peoplePresent ?? 0,
                createdAt: now,
              },
            })
          : null;
      const intake = await tx.commentIntake.create({
        data: {
          draftId: draft.id,
          channel: input.channel,
          receivedOn: input.receivedOn,
          place: input.place,
          source: input.source,
          peoplePresent: input.peoplePresent,
          unitId,
          activityId: activity?.id ?? null,
          recordedById: actor.userId,
          createdAt: now,
          files: upload ? { create: [{ ...storedFileData(upload, keys[0], actor, 'INTAKE'), createdAt: now }] } : undefined,
        },
      });
      const codes: string[] = [];
      for (const r of rows) {
        const collective = isCollective(r.speaker);
        const comment = await tx.comment.create({
          data: {
            draftId: draft.id,
            versionId: version.id,
            sectionId: r.phan || null,
            receiptCode: newReceiptCode(),
            respondentType: 'INDIVIDUAL',
            authorName: collective ? 'Tập thể' : r.speaker,
            isAnonymous: !collective,
            residentialGroupId: r.residentialGroup || null,
            body: r.body,
            status: draft.publishImmediately ? 'PUBLISHED' : 'PENDING',
            channel: input.channel,
            intakeId: intake.id,
            createdAt: input.receivedOn,
          },
        });
        codes.push(comment.receiptCode);
      }
      await audit(tx, actor, {
        action: 'comment.intake',
        entityType: 'CommentIntake',
        entityId: intake.id,
        after: {
          draftId: draft.id,
          channel: input.channel,
          receivedOn: input.receivedOn.toISOString(),
          source: input.source,
          place: input.place,
          peoplePresent: input.peoplePresent,
          unitId,
          activityId: activity?.id ?? null,
          file: upload?.originalName ?? null,
          comments: codes,
        },
      });
      return { intake, codes, activity };
    }),
  );
}

/** The intakes of a draft, newest first, with their file and how many comments each brought. */
export async function listIntakes(db: Db, draftId: string) {
  return db.commentIntake.findMany({
    where: { draftId },
    orderBy: [{ receivedOn: 'desc' }, { createdAt: 'desc' }],
    include: {
      unit: { select: { name: true } },
      recordedBy: { select: { fullName: true } },
      files: { select: { id: true, originalName: true, sizeBytes: true } },
      _count: { select: { comments: true } },
    },
  });
}

/** A file of an intake of this draft, or 404. */
export async function findIntakeFile(db: Db, draftId: string, fileId: string) {
  const file = await db.storedFile.findFirst({ where: { id: fileId, intake: { draftId } } });
  if (!file) throw AppError.notFound('Không tìm thấy tệp.');
  return file;
}

export const channelLabel = (channel: string) => COMMENT_CHANNEL_LABELS[channel as CommentChannel] ?? channel;
