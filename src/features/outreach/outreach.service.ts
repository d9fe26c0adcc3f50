/**
 * Posters and loudspeaker bulletins for a draft: the printable A4 notice
 * (Thông báo lấy ý kiến) with a QR code drawn on the server, the spoken-style
 * bulletin (tin phát thanh) with its reading time, and the communication
 * activity each records on the draft's task when used.
 */
import type { Db } from '../../db/client.js';
import { CHANNEL_LABELS } from '../../domain/enums.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { formatDate } from '../../lib/format.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { loadIntakeTarget } from '../comments/index.js';

/** Broadcast reading pace: about 150 Vietnamese syllables a minute (slow and clear for outdoor loudspeakers). */
export const SYLLABLES_PER_MINUTE = 150;

/**
 * The draft, for the Justice officer or a unit of its task (the same people who
 * record meetings on it); only once it is published.
 */
export async function loadOutreachDraft(db: Db, user: CurrentUser, draftId: string, now: Date) {
  const { draft } = await loadIntakeTarget(db, user, draftId, now);
  if (draft.status === 'DRAFT') throw AppError.notFound('Dự thảo chưa được đăng tải.');
  return draft;
}
export type OutreachDraft = Awaited<ReturnType<typeof loadOutreachDraft>>;

export const draftUrl = (baseUrl: string, draftId: string) => `${baseUrl.replace(/\/$/, '')}/du-thao/${draftId}`;

/** The QR code of the draft's public page as an SVG drawn on the server (no script, no image request). */
export async function qrSvg(url: string): Promise<string> {
  // Loaded on the first outreach page, not at start (issue 10: idle memory).
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
}

/** "ngày 5 tháng 12 năm 2026", as it is read out. */
function spokenDate(d: Date): string {
  const [day, month, year] = formatDate(d).split('/').map(Number);
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/** The web address as it is read out: "truongquangtrong.gov.vn/du-thao", without the scheme. */
function spokenAddress(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

/** A short spoken-style bulletin generated from the draft; the officer edits it before use. */
export function bulletinText(draft: OutreachDraft, ward: { committeeName: string; name: string }, baseUrl: string): string {
  const summary = draft.summary.trim().replace(/\s+/g, ' ').replace(/\.?$/, '.');
  const parts = [
    `Kính thưa bà con nhân dân ${ward.name.replace(/^Phường/, 'phường')}.`,
    `${ward.committeeName} thông báo lấy ý kiến nhân dân đối với ${draft.title}.`,
    `Dự thảo có nội dung chính như sau: ${summary}`,
    draft.affectedGroups.trim() ? `Dự thảo liên quan trực tiếp đến ${draft.affectedGroups.trim().replace(/\.$/, '')}.` : '',
    `Thời gian lấy ý kiến từ ${spokenDate(draft.opensAt)} đến hết ${spokenDate(draft.closesAt)}.`,
    `Bà con có thể đọc toàn văn dự thảo và góp ý trên Trang thông tin điện tử của phường, địa chỉ ${spokenAddress(draftUrl(baseUrl, draft.id))}; góp ý trực tiếp hoặc gửi văn bản tại Bộ phận Tư pháp – Hộ tịch, Ủy ban nhân dân phường; hoặc góp ý tại cuộc họp của tổ dân phố.`,
    'Mọi ý kiến đều được tổng hợp, tiếp thu, giải trình và công khai trên Trang thông tin điện tử của phường.',
    'Rất mong bà con quan tâm đóng góp ý kiến. Xin trân trọng thông báo.',
  ];
  return parts.filter(Boolean).join('\n\n');
}

/** Syllables read out (words separated by spaces) and the reading time in seconds at SYLLABLES_PER_MINUTE. */
export function readingTime(text: string): { syllables: number; seconds: number; label: string } {
  const syllables = text
    .normalize('NFC')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const seconds = Math.max(1, Math.round((syllables * 60) / SYLLABLES_PER_MINUTE));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return { syllables, seconds, label: m ? `${m} phút${s ? ` ${s} giây` : ''}` : `${s} giây` };
}

/** Records the use of the poster or the bulletin as a communication activity on the draft's task. */
export async function recordOutreach(
  db: Db,
  actor: Actor,
  user: CurrentUser,
  draft: OutreachDraft,
  input: { channel: 'NOTICE_BOARD' | 'LOUDSPEAKER'; heldOn: Date; description: string; peopleReached: number; detail: Record<string, unknown> },
  now: Date,
) {
  const taskId = draft.taskId;
  if (!taskId) throw AppError.conflict('Dự thảo chưa gắn với nhiệm vụ của kế hoạch nên không ghi nhận được hoạt động truyền thông.');
  return db.$transaction(async (tx) => {
    const activity = await tx.communicationActivity.create({
      data: {
        taskId,
        unitId: user.role === 'UNIT' ? user.unitId : null,
        draftId: draft.id,
        channel: input.channel,
        heldOn: input.heldOn,
        description: input.description.slice(0, 1000),
        peopleReached: input.peopleReached,
        createdAt: now,
      },
    });
    await audit(tx, actor, {
      action: input.channel === 'LOUDSPEAKER' ? 'draft.bulletin' : 'draft.poster',
      entityType: 'CommunicationActivity',
      entityId: activity.id,
      after: { draftId: draft.id, channel: CHANNEL_LABELS[input.channel], heldOn: input.heldOn.toISOString(), ...input.detail },
    });
    return activity;
  });
}
