import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import multer from 'multer';
import { verifyCsrf } from '../middleware/csrf.js';
import { formatBytes } from './format.js';

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

export type CheckedUpload = {
  buffer: Buffer;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set when multer refused the upload (too large, too many): the handler re-renders its form with it. */
      uploadError?: string;
    }
  }
}

/**
 * Multer keeps uploads in memory (bounded by the size and count limits) so the
 * content can be checked before anything touches the disk; then the CSRF token
 * from the parsed multipart body is verified. A file that is too large or one
 * too many does not end on an error page: the message is kept in
 * `req.uploadError` and the handler shows it on the same form (400).
 */
export function acceptUploads(opts: { field: string; maxFiles: number; maxBytes: number; tooManyMessage?: string }): RequestHandler[] {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: opts.maxBytes, files: opts.maxFiles, fields: 200, fieldSize: 200_000 },
  }).array(opts.field, opts.maxFiles);
  const parse: RequestHandler = (req, res, next) => {
    upload(req, res, (err?: unknown) => {
      if (err instanceof multer.MulterError) {
        req.uploadError = uploadLimitMessage(err, opts);
        return next();
      }
      next(err);
    });
  };
  return [parse, (req: Request, res: Response, next: NextFunction) => verifyCsrf(req, res, next)];
}

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

/**
 * Checks a file's real type from its bytes. Returns null when the type is not
 * allowed or cannot be recognised (a .exe renamed to .pdf is refused here).
 */
export async function checkUpload(file: Express.Multer.File, allowed: readonly string[]): Promise<CheckedUpload | null> {
  const detected = await fileTypeFromBuffer(file.buffer);
  if (!detected || !allowed.includes(detected.mime)) return null;
  return {
    buffer: file.buffer,
    // Browsers send the name as latin1 bytes; multer does not decode UTF-8 names.
    originalName: cleanFileName(Buffer.from(file.originalname, 'latin1').toString('utf8')),
    mimeType: detected.mime,
    sizeBytes: file.size,
    sha256: crypto.createHash('sha256').update(file.buffer).digest('hex'),
  };
}

function cleanFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim();
  return (base || 'tep-dinh-kem').slice(0, 200);
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

/** Stores checked files on disk under random names and returns the keys; the caller records them in the database. */
export class FileStore {
  constructor(private readonly dir: string) {}

  async save(buffer: Buffer): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true });
    const key = crypto.randomBytes(18).toString('base64url');
    await fs.writeFile(path.join(this.dir, key), buffer, { flag: 'wx' });
    return key;
  }

  async remove(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => fs.rm(path.join(this.dir, k), { force: true })));
  }

  pathOf(key: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error('bad storage key');
    return path.join(this.dir, key);
  }

  /** Saves the files, runs `record` (a database transaction), and removes the files again if it fails. */
  async saveAll<T>(uploads: CheckedUpload[], record: (keys: string[]) => Promise<T>): Promise<T> {
    const keys: string[] = [];
    try {
      for (const u of uploads) keys.push(await this.save(u.buffer));
      return await record(keys);
    } catch (err) {
      await this.remove(keys);
      throw err;
    }
  }
}

/**
 * Sends a file the portal generated (.docx, .xlsx, .csv) as a download.
 * Express's res.attachment writes the UTF-8 name with an ASCII fallback.
 */
export function sendGeneratedFile(res: Response, body: Buffer | string, mimeType: string, fileName: string) {
  res.setHeader('Content-Type', mimeType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Disposition', attachmentHeader(fileName));
  res.send(body);
}

/**
 * Both forms of the name (RFC 6266): `filename` for old clients (ASCII only,
 * quotes and backslashes dropped) and `filename*` (RFC 5987, UTF-8) for the rest.
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends a stored file under its original name (Content-Disposition handles UTF-8 names). */
export function sendStoredFile(
  res: Response,
  store: FileStore,
  file: { storageKey: string; originalName: string; mimeType: string },
  inline = false,
) {
  res.setHeader('Content-Type', file.mimeType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Disposition', attachmentHeader(file.originalName));
  if (inline && file.mimeType.startsWith('image/')) {
    res.setHeader('Content-Disposition', res.getHeader('Content-Disposition')!.toString().replace(/^attachment/, 'inline'));
  }
  res.sendFile(store.pathOf(file.storageKey));
}
