/**
 * Downloads: comments as CSV and .xlsx (the officer's with contact details, the
 * public one with published comments and public fields only), streamed in batches.
 * Public rows are built from public fields only. The summary's files: comments.summary-files.ts.
 */
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { rawDate } from '../../db/hot-sql.js';
import { ANSWER_OUTCOME_LABELS, COMMENT_CHANNEL_LABELS, COMMENT_STATUS_LABELS, HIDDEN_REASON_LABELS, RESPONDENT_TYPE_LABELS } from '../../domain/enums.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { downloadFromThread } from '../../lib/export-thread.js';
import type { Cell, RowStream } from '../../lib/row-export.js';
import { officerResidence, publicDisplayName, publicResidence } from './comments.people.js';

const label = (map: Record<string, string>, key: string | null | undefined) => (key ? (map[key] ?? key) : '');

/**
 * Rows read from the database per round trip while an export streams. Small enough that a batch of
 * the longest comments (5,000 characters, with contact details and an answer) and its text fit the
 * export worker's heap limit many times over; a query per batch is an index seek.
 */
export const EXPORT_BATCH = 500;

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

/** A database read as the export worker does it (src/db/raw-reader.ts): $1, $2 … placeholders, rows as the driver gives them. */
export type RawRead = (sql: string, params: readonly unknown[]) => unknown[] | Promise<unknown[]>;

/** Where the next batch starts: the last row's createdAt as the driver gave it (sent back unchanged) and id. */
type After = { createdAt: unknown; id: string };

/**
 * One batch of the export, oldest first after the cursor: ONE SQL query with its joins (the same
 * text on both databases), run by the export worker on its own connection, without Prisma.
 * The public export reads public columns only.
 */
async function exportBatch(rawRead: RawRead, draftId: string, withContact: boolean, after: After | null): Promise<Record<string, unknown>[]> {
  const contact = withContact
    ? `c."receiptCode", c."status", c."hiddenReason", c."hiddenNote", c."residentialOther", c."email", c."phone", c."consentAt", c."notifiedAt",`
    : '';
  // The plain range on createdAt lets the index seek to the cursor; the OR alone would scan from the start.
  const from = after ? `AND c."createdAt" >= $2 AND (c."createdAt" > $3 OR (c."createdAt" = $4 AND c."id" > $5))` : '';
  const params = after ? [draftId, after.createdAt, after.createdAt, after.createdAt, after.id] : [draftId];
  return (await rawRead(
    `SELECT c."id", c."createdAt", c."channel", c."respondentType", c."authorName", c."organisationName", c."isAnonymous", c."body", ${contact}
            v."number" AS "versionNumber", s."label" AS "sectionLabel", u."name" AS "groupName", a."outcome", a."explanation"
     FROM "Comment" c
     JOIN "DraftVersion" v ON v."id" = c."versionId"
     LEFT JOIN "DraftSection" s ON s."id" = c."sectionId"
     LEFT JOIN "Unit" u ON u."id" = c."residentialGroupId"
     LEFT JOIN "CommentAnswer" a ON a."id" = c."answerId"
     WHERE c."draftId" = $1 ${withContact ? '' : `AND c."status" = 'PUBLISHED'`} ${from}
     ORDER BY c."createdAt" ASC, c."id" ASC
     LIMIT ${EXPORT_BATCH}`,
    params,
  )) as Record<string, unknown>[];
}

/**
 * Comments as table rows, oldest first, read in batches by keyset so an export of a million
 * comments never holds them all. `withContact` is for officers only: it adds contact details and
 * unpublished comments. Runs in the export worker (comments.export-worker.ts).
 */
export function commentRows(rawRead: RawRead, draft: { id: string; state: string }, withContact: boolean): RowStream {
  // The public sees answers once the summary is published; officers always.
  const showAnswers = withContact || draft.state === 'ANSWERED';
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const date = (v: unknown) => rawDate(v as Date | string | null);
  const group = (r: Record<string, unknown>) => ({ residentialGroup: r.groupName === null ? null : { name: String(r.groupName) } });
  async function* batches() {
    let after: After | null = null;
    let no = 0;
    for (;;) {
      const rows = await exportBatch(rawRead, draft.id, withContact, after);
      if (rows.length === 0) return;
      const last = rows[rows.length - 1];
      after = { createdAt: last.createdAt, id: String(last.id) };
      yield rows.map((r): Cell[] =>
        withContact
          ? [
              ++no,
              text(r.receiptCode),
              label(COMMENT_STATUS_LABELS, text(r.status)),
              label(HIDDEN_REASON_LABELS, r.hiddenReason as string | null),
              text(r.hiddenNote),
              formatDateTime(date(r.createdAt)),
              label(COMMENT_CHANNEL_LABELS, text(r.channel)),
              Number(r.versionNumber),
              r.sectionLabel === null ? 'Toàn bộ dự thảo' : String(r.sectionLabel),
              label(RESPONDENT_TYPE_LABELS, text(r.respondentType)),
              text(r.authorName),
              text(r.organisationName),
              r.isAnonymous ? 'Không (ẩn danh)' : 'Có',
              officerResidence({ ...group(r), residentialOther: text(r.residentialOther) }),
              text(r.email),
              text(r.phone),
              formatDateTime(date(r.consentAt)),
              text(r.body),
              label(ANSWER_OUTCOME_LABELS, r.outcome as string | null),
              r.outcome === null ? '' : text(r.explanation),
              formatDateTime(date(r.notifiedAt)),
            ]
          : [
              ++no,
              formatDate(date(r.createdAt)),
              label(COMMENT_CHANNEL_LABELS, text(r.channel)),
              Number(r.versionNumber),
              r.sectionLabel === null ? 'Toàn bộ dự thảo' : String(r.sectionLabel),
              label(RESPONDENT_TYPE_LABELS, text(r.respondentType)),
              publicDisplayName({
                isAnonymous: Boolean(r.isAnonymous),
                authorName: text(r.authorName),
                organisationName: text(r.organisationName),
                respondentType: text(r.respondentType),
              }),
              publicResidence(group(r)),
              text(r.body),
              showAnswers ? label(ANSWER_OUTCOME_LABELS, r.outcome as string | null) : '',
              showAnswers && r.outcome !== null ? text(r.explanation) : '',
            ],
      );
      if (rows.length < EXPORT_BATCH) return;
    }
  }
  return { headers: withContact ? OFFICER_HEADERS : PUBLIC_HEADERS, batches: batches() };
}

/** What the export worker is given: the database to read, the draft, which export. */
export type CommentExportJob = {
  databaseUrl: string;
  draft: { id: string; state: string };
  withContact: boolean;
  ext: 'csv' | 'xlsx';
  /** The .xlsx's title row. */
  title: string;
};

/**
 * Heap limits of an export worker (issue 10: peak RSS ≤ 150 MB at 1,000,000 comments). A young
 * generation of 2 MB is collected often and cheaply; the old generation holds the modules (exceljs
 * for a spreadsheet), one batch of rows and the zip's buffers. Measured: docs/performance-log.md.
 */
const LIMITS = {
  csv: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 },
  xlsx: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 48 },
};

/**
 * Streams a comment export to `res` from a worker thread (src/lib/export-thread.ts): the caller
 * has already checked who may have it. `start` sets the download's headers at the first byte.
 */
export function exportComments(res: ServerResponse, job: CommentExportJob, start: () => void, logger: Logger): Promise<void> {
  return downloadFromThread(res, {
    callerUrl: import.meta.url,
    worker: 'comments.export-worker',
    workerData: job,
    resourceLimits: LIMITS[job.ext],
    start,
    cut: (err) => logger.error({ err, draftId: job.draft.id, ext: job.ext }, 'export cut mid-download'),
  });
}
