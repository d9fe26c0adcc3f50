/**
 * Residents' side of comments: which draft and articles can be commented on,
 * submitting a comment, and finding it again by its receipt code.
 */
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { FormError } from '../../lib/validation.js';
import { newReceiptCode } from '../../domain/receipt-code.js';
import { effectiveDraftStatus, isContentPublic, isOpenForComment } from '../../domain/draft-status.js';
import { draftForWard } from '../drafts/index.js';
import { currentVersion } from '../drafts/index.js';
import { OTHER_GROUP, type CommentInput } from './comments.schemas.js';

export type CommentableDraft = Awaited<ReturnType<typeof loadDraftForComment>>;

/**
 * A draft whose content is public, with the articles of its current version.
 * Anything else (another ward, not yet open, unknown id) is a 404, so a forged id learns nothing.
 */
export async function loadDraftForComment(db: Db, wardId: string, draftId: string, now: Date) {
  const draft = await draftForWard(db, wardId, draftId);
  if (!isContentPublic(draft, now)) throw AppError.notFound('Không tìm thấy dự thảo này.');
  const version = await currentVersion(db, draft.id);
  if (!version) throw AppError.notFound('Không tìm thấy dự thảo này.');
  const articles = await db.draftSection.findMany({
    where: { versionId: version.id, kind: 'ARTICLE' },
    orderBy: { sortOrder: 'asc' },
    select: { id: true, label: true, heading: true },
  });
  return { draft, version, articles, status: effectiveDraftStatus(draft, now), open: isOpenForComment(draft, now) };
}

export async function residentialGroups(db: Db, wardId: string) {
  return db.unit.findMany({
    where: { wardId, kind: 'RESIDENTIAL_GROUP', active: true },
    orderBy: { sortOrder: 'asc' },
    select: { id: true, name: true },
  });
}

/**
 * Saves a comment on the current version. The caller has checked the period is
 * open; this re-checks it so a comment can never land on a closed draft.
 */
/**
 * Stores a resident's comment. `submissionId` is the one-time id of the form it
 * came from: if two copies of the same form race, the unique column lets only
 * one in and the other gets that comment back (`repeated`).
 */
export async function submitComment(db: Db, target: NonNullable<CommentableDraft>, input: CommentInput, wardId: string, now: Date, submissionId?: string) {
  if (!isOpenForComment(target.draft, now)) throw FormError.of('body', 'Thời gian góp ý cho dự thảo này đã kết thúc.');
  let sectionId: string | null = null;
  if (input.phan) {
    const article = target.articles.find((a) => a.id === input.phan);
    if (!article) throw FormError.of('phan', 'Điều được chọn không thuộc dự thảo này. Vui lòng chọn lại điều cần góp ý.');
    sectionId = article.id;
  }
  let residentialGroupId: string | null = null;
  let residentialOther = '';
  if (input.residentialGroup === OTHER_GROUP) {
    residentialOther = input.residentialOther;
  } else {
    const group = await db.unit.findFirst({ where: { id: input.residentialGroup, wardId, kind: 'RESIDENTIAL_GROUP', active: true } });
    if (!group) throw FormError.of('residentialGroup', 'Tổ dân phố được chọn không có trong danh sách. Vui lòng chọn lại.');
    residentialGroupId = group.id;
  }
  const individual = input.respondentType === 'INDIVIDUAL';
  const data = {
    draftId: target.draft.id,
    versionId: target.version.id,
    sectionId,
    respondentType: input.respondentType,
    authorName: input.authorName,
    organisationName: individual ? '' : input.organisationName,
    isAnonymous: input.publicName === 'anonymous',
    residentialGroupId,
    residentialOther,
    email: input.email,
    phone: input.phone,
    consentAt: input.consent ? now : null,
    body: input.body,
    status: target.draft.publishImmediately ? 'PUBLISHED' : 'PENDING',
    submissionId: (submissionId ?? null) as string | null,
    createdAt: now,
  };
  // A repeated code is astronomically rare; try again rather than fail the resident.
  for (let attempt = 0; ; attempt++) {
    try {
      return { comment: await db.comment.create({ data: { ...data, receiptCode: newReceiptCode() } }), repeated: false };
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002' && submissionId) {
        const earlier = await findBySubmission(db, target.draft.id, submissionId);
        if (earlier) return { comment: earlier, repeated: true };
        // The id is taken on another draft (a copied form): store this comment without it.
        data.submissionId = null;
      }
      if (attempt < 4 && (err as { code?: string }).code === 'P2002') continue;
      throw err;
    }
  }
}

/** The comment an earlier copy of the same rendered form created, if any. */
export async function findBySubmission(db: Db, draftId: string, submissionId: string) {
  return db.comment.findFirst({ where: { submissionId, draftId }, select: { id: true, receiptCode: true, email: true, consentAt: true, createdAt: true } });
}

/** What the receipt page shows: never the email or phone. */
export async function findByReceipt(db: Db, wardId: string, code: string) {
  return db.comment.findFirst({
    where: { receiptCode: code, draft: { wardId } },
    select: {
      id: true,
      receiptCode: true,
      status: true,
      hiddenReason: true,
      respondentType: true,
      isAnonymous: true,
      body: true,
      createdAt: true,
      draft: { select: { id: true, title: true, state: true, opensAt: true, closesAt: true } },
      section: { select: { label: true, heading: true } },
      version: { select: { number: true } },
      answer: { select: { outcome: true, explanation: true, updatedAt: true } },
    },
  });
}
