/**
 * The summary of comments and answers (bản tổng hợp, tiếp thu, giải trình ý kiến),
 * grouped by article in the order of the current version, whole-draft comments first.
 * Built from public fields only, so the page and its downloads can never leak contact details.
 * The page reads it a window at a time (comments.summary-page.ts); so do the downloads
 * (comments.summary-files.ts), whatever the number of comments.
 */
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { isContentPublic } from '../../domain/draft-status.js';
import { draftForWard } from '../drafts/index.js';

export type SummaryComment = {
  no: number;
  displayName: string;
  respondentType: string;
  residence: string;
  versionNumber: number;
  sectionLabel: string;
  body: string;
  createdAt: Date;
  answer: { id: string; outcome: string; explanation: string } | null;
  /** Numbers of the other comments answered together with this one. */
  sharedWith: number[];
  /** How it reached the ward (ONLINE, MEETING, WRITTEN, PHONE, FORWARDED). */
  channel: string;
  /** Part of a confirmed group of similar comments large enough to be a campaign. */
  campaign: boolean;
};
export type SummaryGroup = { key: string; title: string; comments: SummaryComment[] };

/** A draft whose content is public in the ward, for the summary pages; anything else is a 404. */
export async function publicSummaryDraft(db: Db, wardId: string, draftId: string, now: Date) {
  const draft = await draftForWard(db, wardId, draftId);
  if (!isContentPublic(draft, now)) throw AppError.notFound('Không tìm thấy dự thảo này.');
  return draft;
}

export type DraftForSummary = { id: string; title: string; state: string; summaryNote: string; answeredAt: Date | null };

export const summaryTitle = (draftTitle: string) =>
  `BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý đối với ${/^dự thảo/iu.test(draftTitle) ? draftTitle : `Dự thảo ${draftTitle}`}`;
