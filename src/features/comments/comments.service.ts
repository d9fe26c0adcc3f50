/**
 * Residents' side of comments: which draft and articles can be commented on,
 * submitting a comment, and finding it again by its receipt code.
 */
import type { Db, Tx } from '../../db/client.js';
import { hotRaw, hotRead, hotTransaction, hotWriter, rawDate, sqliteValue } from '../../db/hot-sql.js';
import type { GuardedWrite } from '../../db/sqlite-writer.js';
import type { WriteClaim } from '../../lib/write-claim.js';
import { AppError } from '../../lib/app-error.js';
import { randomBase36 } from '../../lib/signing.js';
import { FormError } from '../../lib/validation.js';
import { newReceiptCode } from '../../domain/receipt-code.js';
import { effectiveDraftStatus, isContentPublic, isOpenForComment } from '../../domain/draft-status.js';
import type { Refusal } from './comments.limits.js';
import { OTHER_GROUP, type CommentInput } from './comments.schemas.js';
import { DRAFT_PAGE_STAMP } from '../drafts/index.js';
import { stampText } from '../../lib/beside-ward.js';

export type CommentableDraft = Awaited<ReturnType<typeof loadDraftForComment>>;

// The intake's reads are hand-written statements run by src/db/hot-sql.ts (prepared once on SQLite),
// each filtered by the ward itself (tests/features/security/raw-queries.test.ts says why each is confined).
const DRAFT_FOR_COMMENT = `
    SELECT d."id", d."title", d."state", d."opensAt", d."closesAt", d."closedEarlyAt", d."publishImmediately",
           v."id" AS "versionId", v."number" AS "versionNumber", s."id" AS "articleId", s."label", s."heading"
    FROM "Draft" d
    LEFT JOIN "DraftVersion" v ON v."id" = (
      SELECT cv."id" FROM "DraftVersion" cv WHERE cv."draftId" = d."id" ORDER BY (cv."publishedAt" IS NULL), cv."number" DESC LIMIT 1)
    LEFT JOIN "DraftSection" s ON s."versionId" = v."id" AND s."kind" = 'ARTICLE'
    WHERE d."id" = $1 AND d."wardId" = $2
    ORDER BY s."sortOrder"`;
const GROUPS = `SELECT "id", "name" FROM "Unit" WHERE "wardId" = $1 AND "kind" = 'RESIDENTIAL_GROUP' AND "active" = $2 ORDER BY "sortOrder" ASC`;

/**
 * A draft whose content is public, with the articles of its current version and the ward's active residential
 * groups (the form lists them; a comment's group must be one of them). Anything else (another ward, not yet
 * open, unknown id) is a 404, so a forged id learns nothing. `stampRead`: the form's stamp (COMMENT_FORM_STAMP)
 * when it was read already, beside the ward or by the kept form's lookup.
 */
export async function loadDraftForComment(db: Db, wardId: string, draftId: string, now: Date, stampRead?: { value: unknown }) {
  const { rows, groups } = await keptForComment(db, wardId, draftId, stampRead);
  if (rows.length === 0) throw AppError.notFound('Không tìm thấy dự thảo.');
  const r = rows[0];
  const draft = {
    id: r.id,
    title: r.title,
    state: r.state,
    opensAt: rawDate(r.opensAt),
    closesAt: rawDate(r.closesAt),
    closedEarlyAt: rawDate(r.closedEarlyAt),
    publishImmediately: Boolean(r.publishImmediately),
  };
  if (!isContentPublic(draft, now) || !r.versionId) throw AppError.notFound('Không tìm thấy dự thảo này.');
  const version = { id: r.versionId, number: Number(r.versionNumber) };
  const articles = rows.filter((a) => a.articleId).map((a) => ({ id: a.articleId as string, label: a.label as string, heading: a.heading as string }));
  return { draft, version, articles, groups, status: effectiveDraftStatus(draft, now), open: isOpenForComment(draft, now) };
}

/**
 * The draft's rows and the ward's active groups for a comment, kept per draft under the form's stamp
 * (COMMENT_FORM_STAMP: the draft's "publicVersion", which database triggers move whenever the draft's shown
 * fields, state, dates, versions or articles change, and the groups as listed), so every column read here is
 * covered: a comment's post reads that one stamp, beside the ward, instead of the draft with its articles and
 * its group (issue 10). The stamp is read first, so what is kept under a stamp is never older than it.
 * Whether the draft is open is decided per request from them.
 */
type KeptForComment = { stamp: string; rows: DraftForCommentRow[]; groups: { id: string; name: string }[] };
const keptDrafts = new WeakMap<Db, Map<string, KeptForComment>>();
const KEPT_DRAFTS = 500;

async function keptForComment(db: Db, wardId: string, draftId: string, stampRead?: { value: unknown }): Promise<Omit<KeptForComment, 'stamp'>> {
  const stamp = stampRead ? stampText(stampRead.value) : await commentFormStamp(db, wardId, draftId);
  if (stamp === null) return { rows: [], groups: [] }; // not this ward's draft, or none
  const kept = keptDrafts.get(db) ?? new Map<string, KeptForComment>();
  keptDrafts.set(db, kept);
  const key = `${wardId} ${draftId}`;
  const hit = kept.get(key);
  if (hit?.stamp === stamp) return hit;
  // The draft, the version residents comment on (the newest published one, else the newest, as
  // currentVersion) and its articles in one query; the groups in another.
  const [rows, groups] = await Promise.all([hotRead<DraftForCommentRow>(db, DRAFT_FOR_COMMENT, [draftId, wardId]), residentialGroups(db, wardId)]);
  if (kept.size >= KEPT_DRAFTS) kept.clear(); // a ward has a few open drafts; ids that miss are never kept
  kept.set(key, { stamp, rows, groups });
  return { rows, groups };
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
  return hotRead<{ id: string; name: string }>(db, GROUPS, [wardId, true]);
}

/**
 * What the kept comment form is checked against, as one SQL expression over the request's "Ward" row (read in
 * the ward's own statement, src/middleware/ward.ts): the draft page's stamp (moved by database triggers with
 * everything the draft shows; NULL when the draft is not that ward's, which makes the whole stamp NULL), then
 * the ward's active residential groups as they are listed (each id with its name, length-prefixed so no two
 * lists read alike): a group added, closed, reordered or renamed changes it. $1: the draft's id.
 * string_agg with ORDER BY is the same text on SQLite (3.44 and later) and PostgreSQL.
 */
export const COMMENT_FORM_STAMP = `(${DRAFT_PAGE_STAMP} || '|' || COALESCE((SELECT string_agg(u."id" || ':' || length(u."name") || ':' || u."name", ',' ORDER BY u."sortOrder", u."id")
    FROM "Unit" u WHERE u."wardId" = "Ward"."id" AND u."kind" = 'RESIDENTIAL_GROUP' AND u."active" = TRUE), ''))`;

/** The same stamp read on its own (the form looked up without the ward's statement): one definition, one value. */
export async function commentFormStamp(db: Db, wardId: string, draftId: string): Promise<string | null> {
  const [row] = await hotRead<{ stamp: unknown }>(db, `SELECT ${COMMENT_FORM_STAMP} AS "stamp" FROM "Ward" WHERE "id" = $2`, [draftId, wardId]);
  return stampText(row?.stamp);
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
  now: Date,
  submissionId: string | undefined,
  limits: CommentWriteLimits,
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
    // One of the ward's active groups as the form's stamp saw them (read at the start of this request).
    const group = target.groups.find((g) => g.id === input.residentialGroup);
    if (!group) throw FormError.of('residentialGroup', 'Tổ dân phố được chọn không có trong danh sách. Vui lòng chọn lại.');
    residentialGroupId = group.id;
  }
  const individual = input.respondentType === 'INDIVIDUAL';
  const data: NewComment = {
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
    submissionId: submissionId ?? null,
    createdAt: now,
  };
  // On SQLite the counts and the row are written in one transaction on the writer thread (src/db/sqlite-writer.ts);
  // on PostgreSQL in a transaction on the hot path's pool (a Prisma one without it). The same statements either way.
  const writer = hotWriter(db);
  const store = async (): Promise<{ refused: Refusal } | { comment: ReturnType<typeof storedOf>; refused?: undefined }> => {
    const claim = limits.claim();
    if (writer) {
      const counts = limits.onThread();
      const job: GuardedWrite = {
        count: { sql: counts.count.sql, params: counts.count.params.map(sqliteValue) },
        limits: counts.limits,
        undo: { sql: counts.undo.sql, params: counts.undo.params.map(sqliteValue) },
        insert: { sql: INSERT_COMMENT, params: insertParams(data).map(sqliteValue) },
      };
      const done = await writer.write(job, claim);
      if (done.late) return { refused: LATE };
      const refused = counts.refusal(done.counted);
      // The thread refuses exactly when a count is past its limit, and `refusal` then names which.
      if (!refused !== Boolean(done.inserted)) throw new Error('The SQLite writer thread and the comment limits disagree');
      return refused ? { refused } : { comment: storedOf(done.inserted ?? []) };
    }
    const write = async (tx: Tx) => {
      const refused = await limits.count(tx);
      if (refused) return { refused };
      const comment = storedOf(await hotRaw<Record<string, unknown>>(tx, INSERT_COMMENT, insertParams(data)));
      // Past every statement that may wait for a lock: commit only if the request-time backstop has not answered.
      if (!claim.begin()) throw new LateWrite();
      return { comment };
    };
    const onPool = hotTransaction(db);
    try {
      if (onPool) return await onPool(write);
      // Fifty residents at once queue for SQLite's one writer: wait for the turn rather than fail.
      return await db.$transaction(write, { maxWait: 10_000, timeout: 10_000 });
    } catch (err) {
      if (err instanceof LateWrite) return { refused: LATE }; // rolled back
      throw err;
    }
  };
  // A repeated code is astronomically rare; try again rather than fail the resident.
  for (let attempt = 0; ; attempt++) {
    try {
      const stored = await store();
      if (stored.refused) return { refused: stored.refused };
      return { comment: stored.comment, repeated: false };
    } catch (err) {
      if (isUniqueViolation(err) && data.submissionId) {
        const earlier = await findBySubmission(db, target.draft.id, data.submissionId);
        if (earlier) return { comment: earlier, repeated: true };
        // The id is taken on another draft (a copied form): store this comment without it.
        data.submissionId = null;
      }
      if (attempt < 4 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

/** How a comment's write counts the flood limits (comments.limits.ts), and its claim against the request-time backstop. */
export type CommentWriteLimits = {
  /** A new claim for each try of the write (src/lib/write-claim.ts): taken just before it commits, unless the backstop took it first. */
  claim: () => WriteClaim;
  /** The counts inside the comment's transaction (PostgreSQL): a refusal means nothing is inserted. */
  count: (tx: Tx) => Promise<Refusal | null>;
  /** The same counts as statements for the SQLite writer thread, and how its counted rows read as a refusal. */
  onThread: () => Omit<GuardedWrite, 'insert'> & { refusal: (counted: Record<string, unknown>[]) => Refusal | null };
};

/** The request was answered ("not saved") before the write could commit: nothing was stored. */
export const LATE: Refusal = { field: 'gop-y', message: 'answered already' };

class LateWrite extends Error {}

type NewComment = {
  draftId: string;
  versionId: string;
  sectionId: string | null;
  respondentType: string;
  authorName: string;
  organisationName: string;
  isAnonymous: boolean;
  residentialGroupId: string | null;
  residentialOther: string;
  email: string;
  phone: string;
  consentAt: Date | null;
  body: string;
  status: string;
  submissionId: string | null;
  createdAt: Date;
};

/**
 * The comment's row, in one hand-written INSERT (Prisma's create costs ~1 ms of CPU more, on the
 * path every comment takes; the counter triggers on Comment run either way). Every key in it is
 * of the request's ward, which is why the ward-scoped layer's checks are not needed here:
 * the draft and its current version were read with d."wardId" = the ward (loadDraftForComment),
 * the article is one of that version's, and the residential group was found with u."wardId" =
 * the ward (submitComment). Other columns take their schema defaults.
 */
const INSERT_COMMENT = `
    INSERT INTO "Comment" ("id", "draftId", "versionId", "sectionId", "receiptCode", "respondentType", "authorName", "organisationName",
      "isAnonymous", "residentialGroupId", "residentialOther", "email", "phone", "consentAt", "body", "status", "submissionId", "createdAt")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
    RETURNING "id", "receiptCode", "email", "consentAt", "createdAt"`;

const insertParams = (c: NewComment) => [
  newCommentId(),
  c.draftId,
  c.versionId,
  c.sectionId,
  newReceiptCode(),
  c.respondentType,
  c.authorName,
  c.organisationName,
  c.isAnonymous,
  c.residentialGroupId,
  c.residentialOther,
  c.email,
  c.phone,
  c.consentAt,
  c.body,
  c.status,
  c.submissionId,
  c.createdAt,
];

/** The stored row as the handler reads it (dates are text on SQLite). */
function storedOf(rows: Record<string, unknown>[]) {
  const row = rows[0] as { id: string; receiptCode: string; email: string; consentAt: Date | string | null; createdAt: Date | string };
  return { ...row, consentAt: row.consentAt === null ? null : new Date(row.consentAt), createdAt: new Date(row.createdAt) };
}

/** A collision-resistant id like Prisma's cuid(): "c", the time in base 36, then 16 random base-36 symbols. */
function newCommentId(): string {
  return `c${Date.now().toString(36)}${randomBase36(16)}`;
}

/** A unique column already holds the value: Prisma's P2002, its adapter's kind for raw SQL, or better-sqlite3's own code. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return (
    e.code === 'P2002' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e.code === '23505' ||
    e.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation'
  );
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
  const rows = await hotRead<ReceiptRow>(db, RECEIPT, [code, wardId]);
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

const RECEIPT = `
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
    WHERE c."receiptCode" = $1 AND d."wardId" = $2`;

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
