/**
 * Residents' side of comments: which draft and articles can be commented on,
 * submitting a comment, and finding it again by its receipt code.
 */
import crypto from 'node:crypto';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { FormError } from '../../lib/validation.js';
import { effectiveDraftStatus, isContentPublic, isOpenForComment } from '../drafts/draft-status.js';
import { draftForWard } from '../drafts/drafts.service.js';
import { currentVersion } from '../drafts/drafts.versions.js';
import type { Refusal } from './comments.limits.js';
import { OTHER_GROUP, type CommentInput } from './comments.schemas.js';

// No 0/O, 1/I/L, so a code read over the phone or copied by hand is unambiguous.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** "GY-7KQ4-M2XD": 8 random symbols from a 31-letter alphabet (about 40 bits). */
export function newReceiptCode(): string {
  const pick = () => Array.from({ length: 4 }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join('');
  return `GY-${pick()}-${pick()}`;
}

/** Accepts what people type: lower case, spaces, missing dashes or prefix. Null when it cannot be a code. */
export function normaliseReceiptCode(input: string): string | null {
  let s = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (s.startsWith('GY') && s.length === 10) s = s.slice(2);
  if (s.length !== 8 || [...s].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return `GY-${s.slice(0, 4)}-${s.slice(4)}`;
}

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
 * Stores a resident's comment on the current version. The caller has checked the period is open;
 * this re-checks it so a comment can never land on a closed draft. `count` runs first inside the
 * comment's transaction (the rate limits: one statement) and may refuse it: then nothing is
 * stored and the refusal is returned. The limits and the comment commit together, once, so on
 * SQLite an accepted comment costs one disk sync, not six. `submissionId` is the one-time id of
 * the form it came from: if two copies of the same form race, the unique column lets only one
 * in and the other gets that comment back (`repeated`).
 */
export async function submitComment(
  db: Db,
  target: NonNullable<CommentableDraft>,
  input: CommentInput,
  wardId: string,
  now: Date,
  submissionId?: string,
  count: (tx: Tx) => Promise<Refusal | null> = async () => null,
) {
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
    const group = await db.unit.findFirst({ where: { id: input.residentialGroup, wardId, kind: 'RESIDENTIAL_GROUP', active: true }, select: { id: true } });
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
      const stored = await db.$transaction(
        async (tx) => {
          const refused = await count(tx);
          if (refused) return { refused };
          return { comment: await tx.comment.create({ data: { ...data, receiptCode: newReceiptCode() }, select: STORED }) };
        },
        // Fifty residents at once queue for SQLite's one writer: wait for the turn rather than fail.
        { maxWait: 10_000, timeout: 10_000 },
      );
      if (stored.refused) return { refused: stored.refused };
      return { comment: stored.comment, repeated: false };
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002' && data.submissionId) {
        const earlier = await findBySubmission(db, target.draft.id, data.submissionId);
        if (earlier) return { comment: earlier, repeated: true };
        // The id is taken on another draft (a copied form): store this comment without it.
        data.submissionId = null;
      }
      if (attempt < 4 && (err as { code?: string }).code === 'P2002') continue;
      throw err;
    }
  }
}

/** What the handler needs of a stored comment: its code, and the e-mail for the receipt. */
const STORED = { id: true, receiptCode: true, email: true, consentAt: true, createdAt: true } as const;

/** The comment an earlier copy of the same rendered form created, if any. */
export async function findBySubmission(db: Db, draftId: string, submissionId: string) {
  return db.comment.findFirst({ where: { submissionId, draftId }, select: STORED });
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
