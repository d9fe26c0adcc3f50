/**
 * Residents' side of comments: which draft and articles can be commented on,
 * submitting a comment, and finding it again by its receipt code.
 */
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { FormError } from '../../lib/validation.js';
import { newReceiptCode } from '../../domain/receipt-code.js';
import { effectiveDraftStatus, isContentPublic, isOpenForComment } from '../../domain/draft-status.js';
import type { Refusal } from './comments.limits.js';
import { OTHER_GROUP, type CommentInput } from './comments.schemas.js';

export type CommentableDraft = Awaited<ReturnType<typeof loadDraftForComment>>;

/**
 * A draft whose content is public, with the articles of its current version.
 * Anything else (another ward, not yet open, unknown id) is a 404, so a forged id learns nothing.
 */
export async function loadDraftForComment(db: Db, wardId: string, draftId: string, now: Date) {
  // One query (the form and its submission are the intake's hot path): the draft, the version
  // residents comment on (the newest published one, else the newest, as currentVersion) and its articles.
  const rows = await db.$queryRaw<DraftForCommentRow[]>`
    SELECT d."id", d."title", d."state", d."opensAt", d."closesAt", d."closedEarlyAt", d."publishImmediately",
           v."id" AS "versionId", v."number" AS "versionNumber", s."id" AS "articleId", s."label", s."heading"
    FROM "Draft" d
    LEFT JOIN "DraftVersion" v ON v."id" = (
      SELECT cv."id" FROM "DraftVersion" cv WHERE cv."draftId" = d."id" ORDER BY (cv."publishedAt" IS NULL), cv."number" DESC LIMIT 1)
    LEFT JOIN "DraftSection" s ON s."versionId" = v."id" AND s."kind" = 'ARTICLE'
    WHERE d."id" = ${draftId} AND d."wardId" = ${wardId}
    ORDER BY s."sortOrder"`;
  if (rows.length === 0) throw AppError.notFound('Không tìm thấy dự thảo.');
  const r = rows[0];
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  const draft = {
    id: r.id,
    title: r.title,
    state: r.state,
    opensAt: new Date(r.opensAt),
    closesAt: new Date(r.closesAt),
    closedEarlyAt: date(r.closedEarlyAt),
    publishImmediately: Boolean(r.publishImmediately),
  };
  if (!isContentPublic(draft, now) || !r.versionId) throw AppError.notFound('Không tìm thấy dự thảo này.');
  const version = { id: r.versionId, number: Number(r.versionNumber) };
  const articles = rows.filter((a) => a.articleId).map((a) => ({ id: a.articleId as string, label: a.label as string, heading: a.heading as string }));
  return { draft, version, articles, status: effectiveDraftStatus(draft, now), open: isOpenForComment(draft, now) };
}

type DraftForCommentRow = {
  id: string;
  title: string;
  state: string;
  opensAt: Date | string;
  closesAt: Date | string;
  closedEarlyAt: Date | string | null;
  publishImmediately: boolean | number;
  versionId: string | null;
  versionNumber: number | bigint | null;
  articleId: string | null;
  label: string | null;
  heading: string | null;
};

/** The ward's active residential groups, in their order (one raw read: it is on every comment form). */
export async function residentialGroups(db: Db, wardId: string) {
  return db.$queryRaw<{ id: string; name: string }[]>`
    SELECT "id", "name" FROM "Unit" WHERE "wardId" = ${wardId} AND "kind" = 'RESIDENTIAL_GROUP' AND "active" = ${true} ORDER BY "sortOrder" ASC`;
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
    const [group] = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Unit" WHERE "id" = ${input.residentialGroup} AND "wardId" = ${wardId} AND "kind" = 'RESIDENTIAL_GROUP' AND "active" = ${true}`;
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

/**
 * What the receipt page shows: never the email or phone (read only to tell whether contact details are held). One query with its joins (the receipt
 * is the last step of every comment) instead of Prisma's five.
 */
export async function findByReceipt(db: Db, wardId: string, code: string) {
  const rows = await db.$queryRaw<ReceiptRow[]>`
    SELECT c."id", c."receiptCode", c."status", c."hiddenReason", c."respondentType", c."isAnonymous", c."body", c."createdAt",
           c."consentWithdrawnAt", c."contactErasedAt", c."email", c."phone", c."residentialOther", c."authorName",
           d."id" AS "draftId", d."title", d."state", d."opensAt", d."closesAt",
           s."label" AS "sectionLabel", s."heading" AS "sectionHeading", v."number" AS "versionNumber",
           a."outcome", a."explanation", a."updatedAt" AS "answeredAt"
    FROM "Comment" c
    JOIN "Draft" d ON d."id" = c."draftId"
    JOIN "DraftVersion" v ON v."id" = c."versionId"
    LEFT JOIN "DraftSection" s ON s."id" = c."sectionId"
    LEFT JOIN "CommentAnswer" a ON a."id" = c."answerId"
    WHERE c."receiptCode" = ${code} AND d."wardId" = ${wardId}`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    receiptCode: r.receiptCode,
    status: r.status,
    hiddenReason: r.hiddenReason,
    respondentType: r.respondentType,
    isAnonymous: Boolean(r.isAnonymous),
    body: r.body,
    createdAt: new Date(r.createdAt),
    draft: { id: r.draftId, title: r.title, state: r.state, opensAt: new Date(r.opensAt), closesAt: new Date(r.closesAt) },
    section: r.sectionLabel === null ? null : { label: r.sectionLabel, heading: r.sectionHeading ?? '' },
    version: { number: Number(r.versionNumber) },
    answer: r.outcome === null ? null : { outcome: r.outcome, explanation: r.explanation ?? '', updatedAt: new Date(r.answeredAt as Date | string) },
    // For the privacy feature's contactStateOf only (whether withdrawal is offered); never rendered.
    contact: {
      consentWithdrawnAt: r.consentWithdrawnAt === null ? null : new Date(r.consentWithdrawnAt),
      contactErasedAt: r.contactErasedAt === null ? null : new Date(r.contactErasedAt),
      email: r.email,
      phone: r.phone,
      residentialOther: r.residentialOther,
      authorName: r.authorName,
    },
  };
}

type ReceiptRow = {
  id: string;
  receiptCode: string;
  status: string;
  hiddenReason: string | null;
  respondentType: string;
  isAnonymous: boolean | number;
  body: string;
  createdAt: Date | string;
  consentWithdrawnAt: Date | string | null;
  contactErasedAt: Date | string | null;
  email: string;
  phone: string;
  residentialOther: string;
  authorName: string;
  draftId: string;
  title: string;
  state: string;
  opensAt: Date | string;
  closesAt: Date | string;
  sectionLabel: string | null;
  sectionHeading: string | null;
  versionNumber: number | bigint;
  outcome: string | null;
  explanation: string | null;
  answeredAt: Date | string | null;
};
