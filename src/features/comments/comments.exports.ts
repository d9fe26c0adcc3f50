/**
 * Downloads: comments as CSV and .xlsx (the officer's with contact details, the
 * public one with published comments and public fields only), streamed in batches.
 * Public rows are built from public fields only. The summary's files: comments.summary-files.ts.
 */
import type { Db } from '../../db/client.js';
import { rawDate } from '../../db/hot-sql.js';
import { Prisma } from '../../generated/sqlite/client.js'; // sql tags only: the same runtime serves both databases
import { ANSWER_OUTCOME_LABELS, COMMENT_CHANNEL_LABELS, COMMENT_STATUS_LABELS, HIDDEN_REASON_LABELS, RESPONDENT_TYPE_LABELS } from '../../domain/enums.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import type { Cell, RowStream } from '../../lib/row-export.js';
import { officerResidence, publicDisplayName, publicResidence } from './comments.public.js';

const label = (map: Record<string, string>, key: string | null | undefined) => (key ? (map[key] ?? key) : '');

/** Rows read from the database per round trip while an export streams (bounded memory at any size). */
export const EXPORT_BATCH = 2000;

const PUBLIC_HEADERS = [
  'STT',
  'Ngày góp ý',
  'Hình thức',
  'Phiên bản',
  'Góp ý cho',
  'Đối tượng',
  'Người góp ý',
  'Tổ dân phố / nơi cư trú',
  'Nội dung góp ý',
  'Kết quả',
  'Tiếp thu, giải trình',
];
const OFFICER_HEADERS = [
  'STT',
  'Mã tiếp nhận',
  'Trạng thái',
  'Lý do không công khai',
  'Ghi chú kiểm duyệt',
  'Thời điểm góp ý',
  'Hình thức',
  'Phiên bản',
  'Góp ý cho',
  'Đối tượng',
  'Họ và tên',
  'Cơ quan, tổ chức, doanh nghiệp',
  'Công khai tên',
  'Tổ dân phố / nơi cư trú',
  'Thư điện tử',
  'Điện thoại',
  'Đồng ý lưu thông tin lúc',
  'Nội dung góp ý',
  'Kết quả',
  'Tiếp thu, giải trình',
  'Đã báo qua thư lúc',
];

type ExportRow = {
  id: string;
  createdAt: Date;
  receiptCode: string;
  status: string;
  hiddenReason: string | null;
  hiddenNote: string;
  channel: string;
  respondentType: string;
  authorName: string;
  organisationName: string;
  isAnonymous: boolean;
  residentialOther: string;
  email: string;
  phone: string;
  consentAt: Date | null;
  notifiedAt: Date | null;
  body: string;
  version: { number: number };
  section: { label: string } | null;
  residentialGroup: { name: string } | null;
  answer: { outcome: string; explanation: string } | null;
};

/**
 * One batch of the export, oldest first after the cursor: ONE SQL query with its joins (the same
 * text on both databases). Prisma's findMany with four relations cost five queries per batch,
 * with IN lists of 2,000 ids through its query compiler, which kept the server's memory growing.
 * The public export reads public columns only.
 */
async function exportBatch(db: Db, draftId: string, withContact: boolean, after: { createdAt: Date; id: string } | null): Promise<ExportRow[]> {
  const contact = withContact
    ? Prisma.sql`c."receiptCode", c."status", c."hiddenReason", c."hiddenNote", c."residentialOther", c."email", c."phone", c."consentAt", c."notifiedAt",`
    : Prisma.empty;
  // The plain range on createdAt lets the index seek to the cursor; the OR alone would scan from the start.
  const from = after
    ? Prisma.sql`AND c."createdAt" >= ${after.createdAt} AND (c."createdAt" > ${after.createdAt} OR (c."createdAt" = ${after.createdAt} AND c."id" > ${after.id}))`
    : Prisma.empty;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT c."id", c."createdAt", c."channel", c."respondentType", c."authorName", c."organisationName", c."isAnonymous", c."body", ${contact}
           v."number" AS "versionNumber", s."label" AS "sectionLabel", u."name" AS "groupName", a."outcome", a."explanation"
    FROM "Comment" c
    JOIN "DraftVersion" v ON v."id" = c."versionId"
    LEFT JOIN "DraftSection" s ON s."id" = c."sectionId"
    LEFT JOIN "Unit" u ON u."id" = c."residentialGroupId"
    LEFT JOIN "CommentAnswer" a ON a."id" = c."answerId"
    WHERE c."draftId" = ${draftId} ${withContact ? Prisma.empty : Prisma.sql`AND c."status" = 'PUBLISHED'`} ${from}
    ORDER BY c."createdAt" ASC, c."id" ASC
    LIMIT ${EXPORT_BATCH}`;
  const date = (v: unknown) => rawDate(v as Date | string | null);
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return rows.map((r) => ({
    id: String(r.id),
    createdAt: rawDate(r.createdAt as Date | string),
    receiptCode: text(r.receiptCode),
    status: text(r.status),
    hiddenReason: (r.hiddenReason as string | null) ?? null,
    hiddenNote: text(r.hiddenNote),
    channel: text(r.channel),
    respondentType: text(r.respondentType),
    authorName: text(r.authorName),
    organisationName: text(r.organisationName),
    isAnonymous: Boolean(r.isAnonymous),
    residentialOther: text(r.residentialOther),
    email: text(r.email),
    phone: text(r.phone),
    consentAt: date(r.consentAt),
    notifiedAt: date(r.notifiedAt),
    body: text(r.body),
    version: { number: Number(r.versionNumber) },
    section: r.sectionLabel === null ? null : { label: String(r.sectionLabel) },
    residentialGroup: r.groupName === null ? null : { name: String(r.groupName) },
    answer: r.outcome === null ? null : { outcome: String(r.outcome), explanation: text(r.explanation) },
  }));
}

/**
 * Comments as table rows, oldest first, read in batches by keyset so an export of a million
 * comments never holds them all. `withContact` is for officers only: it adds contact details and
 * unpublished comments.
 */
export function commentRows(db: Db, draft: { id: string; state: string }, withContact: boolean): RowStream {
  // The public sees answers once the summary is published; officers always.
  const showAnswers = withContact || draft.state === 'ANSWERED';
  async function* batches() {
    let after: { createdAt: Date; id: string } | null = null;
    let no = 0;
    for (;;) {
      const rows = await exportBatch(db, draft.id, withContact, after);
      if (rows.length === 0) return;
      after = rows[rows.length - 1];
      yield rows.map((r): Cell[] =>
        withContact
          ? [
              ++no,
              r.receiptCode,
              label(COMMENT_STATUS_LABELS, r.status),
              label(HIDDEN_REASON_LABELS, r.hiddenReason),
              r.hiddenNote,
              formatDateTime(r.createdAt),
              label(COMMENT_CHANNEL_LABELS, r.channel),
              r.version.number,
              r.section?.label ?? 'Toàn bộ dự thảo',
              label(RESPONDENT_TYPE_LABELS, r.respondentType),
              r.authorName,
              r.organisationName,
              r.isAnonymous ? 'Không (ẩn danh)' : 'Có',
              officerResidence(r),
              r.email,
              r.phone,
              formatDateTime(r.consentAt),
              r.body,
              label(ANSWER_OUTCOME_LABELS, r.answer?.outcome),
              r.answer?.explanation ?? '',
              formatDateTime(r.notifiedAt),
            ]
          : [
              ++no,
              formatDate(r.createdAt),
              label(COMMENT_CHANNEL_LABELS, r.channel),
              r.version.number,
              r.section?.label ?? 'Toàn bộ dự thảo',
              label(RESPONDENT_TYPE_LABELS, r.respondentType),
              publicDisplayName(r),
              publicResidence(r),
              r.body,
              showAnswers ? label(ANSWER_OUTCOME_LABELS, r.answer?.outcome) : '',
              showAnswers ? (r.answer?.explanation ?? '') : '',
            ],
      );
      if (rows.length < EXPORT_BATCH) return;
    }
  }
  return { headers: withContact ? OFFICER_HEADERS : PUBLIC_HEADERS, batches: batches() };
}
