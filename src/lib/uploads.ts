import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { AppError } from './app-error.js';
import { ARCHIVE_REFUSED, inspectArchive } from './archive-check.js';
import { normaliseBody } from '../middleware/nfc.js';
import { formatBytes } from './format.js';
import type { FileStore } from './file-store.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What each kind of upload may contain, decided by the file's bytes, never its name. */
export const FILE_TYPE_GROUPS = {
  documents: ['application/pdf', DOCX_MIME, 'application/vnd.oasis.opendocument.text', XLSX_MIME, 'image/png', 'image/jpeg', 'image/webp'],
  evidence: ['application/pdf', DOCX_MIME, 'application/vnd.oasis.opendocument.text', XLSX_MIME, 'image/png', 'image/jpeg', 'image/webp'],
  docx: [DOCX_MIME],
} as const;

export const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  [DOCX_MIME]: 'Word (.docx)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument (.odt)',
  [XLSX_MIME]: 'Excel (.xlsx)',
  'image/png': 'Ảnh PNG',
  'image/jpeg': 'Ảnh JPEG',
  'image/webp': 'Ảnh WebP',
};

export const ALLOWED_TYPES_TEXT = 'PDF, Word (.docx), OpenDocument (.odt), Excel (.xlsx), ảnh PNG/JPEG/WebP';

/** Zip-based types: inspected for zip bombs before anything parses them. */
const ARCHIVE_TYPES = new Set<string>([DOCX_MIME, XLSX_MIME, 'application/vnd.oasis.opendocument.text']);

export type CheckedUpload = {
  /** The temporary file multer wrote (removed when the response ends); FileStore copies it. */
  path: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
};

declare global {
  namespace Express {
    interface Request {
      /** Set when multer refused the upload (too large, too many): the handler re-renders its form with it. */
      uploadError?: string;
    }
  }
}

/**
 * Multer streams uploads to temporary files under DATA_DIR/tmp (bounded by the
 * size and count limits), so ten uploads at once do not sit in memory; the
 * files are removed when the response ends. (CSRF was already checked, before
 * any of the body was read, by middleware/csrf.ts.) A file that is too large, one too many or
 * a name with a NUL byte does not end on an error page: the message is kept in
 * `req.uploadError` and the handler shows it on the same form (400). A body
 * that is not valid multipart is a 400 page, never a 500.
 */
export function acceptUploads(opts: { field: string; maxFiles: number; maxBytes: number; tmpDir: string; tooManyMessage?: string }): RequestHandler[] {
  const upload = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) => {
        fs.mkdir(opts.tmpDir, { recursive: true }).then(
          () => cb(null, opts.tmpDir),
          (err: Error) => cb(err, opts.tmpDir),
        );
      },
      filename: (_req, _file, cb) => cb(null, `upload-${crypto.randomBytes(12).toString('hex')}`),
    }),
    limits: { fileSize: opts.maxBytes, files: opts.maxFiles, fields: 200, fieldSize: 200_000 },
  }).array(opts.field, opts.maxFiles);
  const parse: RequestHandler = (req, res, next) => {
    // Whatever happens next, the temporary files go when the response is over.
    res.on('close', () => {
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      void Promise.all(files.map((f) => f.path && fs.rm(f.path, { force: true })));
    });
    upload(req, res, (err?: unknown) => {
      if (err instanceof multer.MulterError) {
        req.uploadError = uploadLimitMessage(err, opts);
        return next();
      }
      if (err) {
        req.log?.warn({ err: (err as Error).message }, 'malformed multipart body');
        return next(AppError.badRequest(MALFORMED_UPLOAD));
      }
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a control character in a file name is what this refuses.
      if (((req.files as Express.Multer.File[] | undefined) ?? []).some((f) => /[\u0000-\u001f\u007f]/.test(f.originalname))) {
        req.uploadError = BAD_FILE_NAME;
      }
      next();
    });
  };
  return [parse, normaliseBody];
}

const MALFORMED_UPLOAD = 'Dữ liệu tải lên bị hỏng hoặc không đầy đủ. Vui lòng chọn lại tệp và gửi lại biểu mẫu.';
const BAD_FILE_NAME = 'Tên tệp chứa ký tự không hợp lệ. Vui lòng đổi tên tệp (chỉ dùng chữ, số, dấu cách, gạch ngang) rồi tải lên lại.';

function uploadLimitMessage(err: multer.MulterError, opts: { maxFiles: number; maxBytes: number; tooManyMessage?: string }): string {
  if (err.code === 'LIMIT_FILE_SIZE') return `Tệp vượt quá dung lượng cho phép (tối đa ${formatBytes(opts.maxBytes)} mỗi tệp).`;
  if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE') {
    return opts.tooManyMessage ?? (opts.maxFiles === 1 ? 'Vui lòng chọn một tệp.' : `Chỉ được đính kèm tối đa ${opts.maxFiles} tệp.`);
  }
  return 'Tệp tải lên không hợp lệ.';
}

/** Files the browser sent in the named field (empty file inputs are dropped). */
export function uploadedFiles(req: Request): Express.Multer.File[] {
  const files = (req.files as Express.Multer.File[] | undefined) ?? [];
  return files.filter((f) => f.size > 0 && f.originalname);
}

/** Why an upload was refused: its type (from its bytes), or a hostile archive. */
export type UploadRefusal = { refused: 'type' | 'archive'; message: string };

/**
 * Checks a file's real type from the head of its bytes (a .exe renamed to .pdf
 * is refused here), and inspects zip-based documents for zip bombs before
 * anything parses them. The stored name loses control/bidi characters and
 * takes the extension of the detected type, so a name cannot disguise it.
 */
export async function checkUpload(file: Express.Multer.File, allowed: readonly string[]): Promise<CheckedUpload | UploadRefusal> {
  const displayName = uploadDisplayName(file);
  // file-type is loaded on the first upload checked, not at start (issue 10: idle memory).
  const { fileTypeFromFile } = await import('file-type');
  const detected = await fileTypeFromFile(file.path).catch(() => undefined);
  if (!detected || !allowed.includes(detected.mime)) {
    return {
      refused: 'type',
      message: `Tệp “${displayName}” không đúng định dạng cho phép (${ALLOWED_TYPES_TEXT}); định dạng được kiểm tra theo nội dung tệp.`,
    };
  }
  if (ARCHIVE_TYPES.has(detected.mime)) {
    const problem = await inspectArchive(file.path);
    if (problem) return { refused: 'archive', message: `Tệp “${displayName}”: ${ARCHIVE_REFUSED}` };
  }
  return {
    path: file.path,
    originalName: withExtension(cleanFileName(displayName), detected.ext),
    mimeType: detected.mime,
    sizeBytes: file.size,
    sha256: await sha256OfFile(file.path),
  };
}

/** Every file checked in turn; the first refusal stops the loop, so one bad file refuses the whole upload. */
export async function checkUploads(
  files: readonly Express.Multer.File[],
  allowed: readonly string[],
): Promise<{ ok: true; uploads: CheckedUpload[] } | { ok: false; refusal: UploadRefusal; file: Express.Multer.File }> {
  const uploads: CheckedUpload[] = [];
  for (const file of files) {
    const checked = await checkUpload(file, allowed);
    if ('refused' in checked) return { ok: false, refusal: checked, file };
    uploads.push(checked);
  }
  return { ok: true, uploads };
}

/** The uploaded name as the user would read it (browsers send UTF-8 bytes that multer reads as latin1), made safe to show. */
export function uploadDisplayName(file: Express.Multer.File): string {
  return stripInvisible(Buffer.from(file.originalname, 'latin1').toString('utf8')).normalize('NFC');
}

/** Control characters and bidi overrides/isolates/marks (U+202E can make "exe.pdf" read "fdp.exe"). */
function stripInvisible(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters from names is the point.
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g, '');
}

function cleanFileName(name: string): string {
  const base = path
    .basename(stripInvisible(name).replace(/\\/g, '/'))
    .replace(/[<>:"|?*]/g, '_')
    .trim();
  return (base || 'tep-dinh-kem').slice(0, 200);
}

/** "bao-cao.html" detected as PDF is stored as "bao-cao.html.pdf"; "bao-cao.PDF" stays. */
function withExtension(name: string, ext: string): string {
  const current = path.extname(name).slice(1).toLowerCase();
  if (current === ext || (ext === 'jpg' && current === 'jpeg')) return name;
  return `${name.slice(0, 200 - ext.length - 1)}.${ext}`;
}

/** The file's sha256, read as a stream (an upload is never held in memory whole). */
export async function sha256OfFile(filePath: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The columns of a StoredFile row for an upload saved under `storageKey`.
 * The caller adds the owner key (triggerId, progressReportId, draftId …).
 */
export function storedFileData(upload: CheckedUpload, storageKey: string, actor: { userId: string; wardId: string }, kind: string) {
  return {
    wardId: actor.wardId,
    storageKey,
    originalName: upload.originalName,
    mimeType: upload.mimeType,
    sizeBytes: upload.sizeBytes,
    sha256: upload.sha256,
    kind,
    uploadedById: actor.userId,
  };
}

export type { FileStore } from './file-store.js';

/** Sends a file the portal generated (.docx, .xlsx, .csv) as a download. */
export function sendGeneratedFile(res: Response, body: Buffer | string, mimeType: string, fileName: string) {
  startGeneratedDownload(res, mimeType, fileName);
  res.send(body);
}

/** The headers of a generated download whose body is then streamed into `res` (large exports). */
export function startGeneratedDownload(res: Response, mimeType: string, fileName: string) {
  res.setHeader('Content-Type', mimeType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Disposition', attachmentHeader(fileName));
}

/**
 * Both forms of the name (RFC 6266): `filename` for old clients (ASCII only,
 * quotes and backslashes dropped) and `filename*` (RFC 5987, UTF-8) for the rest.
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a stored file as a download. The Content-Type is the type detected
 * from its bytes at upload (never guessed from the name), the name goes in
 * Content-Disposition with an RFC 5987 `filename*`, and the browser may not
 * sniff. Files that are not public are never cached (`no-store`); public
 * draft attachments may be cached briefly unless the visitor is signed in.
 */
export async function sendStoredFile(
  res: Response,
  store: FileStore,
  file: { storageKey: string; originalName: string; mimeType: string },
  opts: { inline?: boolean; publicFile?: boolean } = {},
): Promise<void> {
  const inline = opts.inline === true && file.mimeType.startsWith('image/');
  const signedIn = res.getHeader('Cache-Control') === 'no-store';
  const headers = {
    'Content-Type': file.mimeType,
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': inline ? attachmentHeader(file.originalName).replace(/^attachment/, 'inline') : attachmentHeader(file.originalName),
    'Cache-Control': opts.publicFile && !signedIn ? 'public, max-age=300' : 'private, no-store',
  };
  const local = store.localPath(file.storageKey);
  if (local) {
    res.set(headers);
    // The kernel sends it, with ranges and conditional requests.
    await new Promise<void>((resolve, reject) =>
      res.sendFile(local, { headers: { 'Content-Type': file.mimeType } }, (err) => {
        if (!err || res.headersSent) return resolve();
        // The error page must not arrive as an attachment named like the file.
        res.removeHeader('Content-Disposition');
        reject(err);
      }),
    );
    return;
  }
  const bytes = await store.open(file.storageKey);
  if (!bytes) throw AppError.notFound('Không tìm thấy tệp.');
  res.set({ ...headers, 'Content-Length': String(bytes.sizeBytes) });
  // A chunk at a time from the database; a visitor who goes away stops the reading.
  await pipeline(bytes.stream, res).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ERR_STREAM_PREMATURE_CLOSE') res.destroy(err);
  });
}
