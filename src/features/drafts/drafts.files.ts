/**
 * Files attached to a draft (the draft text, the submission, the impact
 * assessment …). Types are decided by content; the count per draft is limited.
 */
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { checkUploads, FILE_TYPE_GROUPS, storedFileData, type CheckedUpload } from '../../lib/uploads.js';
import { FormError } from '../../lib/validation.js';
import { draftForWard } from './drafts.service.js';

export const MAX_FILES_PER_DRAFT = 10;

export async function draftFiles(db: Db, draftId: string) {
  return db.storedFile.findMany({
    where: { draftId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, originalName: true, mimeType: true, sizeBytes: true, kind: true, createdAt: true },
  });
}

/** Checks every file's real type; one bad file refuses the whole upload. */
export async function checkDraftUploads(files: Express.Multer.File[]): Promise<CheckedUpload[]> {
  if (files.length === 0) throw FormError.of('files', 'Vui lòng chọn ít nhất một tệp.');
  const checked = await checkUploads(files, FILE_TYPE_GROUPS.documents);
  if (!checked.ok) throw FormError.of('files', checked.refusal.message);
  return checked.uploads;
}

export async function addDraftFiles(ctx: AppContext, actor: Actor, draftId: string, kind: string, uploads: CheckedUpload[]) {
  await draftForWard(ctx.db, actor.wardId, draftId);
  const existing = await ctx.db.storedFile.count({ where: { draftId } });
  if (existing + uploads.length > MAX_FILES_PER_DRAFT) {
    throw FormError.of('files', `Mỗi dự thảo có tối đa ${MAX_FILES_PER_DRAFT} tệp đính kèm (đã có ${existing} tệp).`);
  }
  await ctx.files.saveAll(uploads, (keys) =>
    ctx.db.$transaction(async (tx) => {
      for (const [i, u] of uploads.entries()) {
        const row = await tx.storedFile.create({
          data: {
            ...storedFileData(u, keys[i], actor, kind),
            draftId,
          },
        });
        await audit(tx, actor, {
          action: 'draft.file.add',
          entityType: 'StoredFile',
          entityId: row.id,
          after: { draftId, name: u.originalName, kind, sizeBytes: u.sizeBytes },
        });
      }
      // Re-count inside the transaction so two uploads at once cannot pass the limit together.
      if ((await tx.storedFile.count({ where: { draftId } })) > MAX_FILES_PER_DRAFT) {
        throw FormError.of('files', `Mỗi dự thảo có tối đa ${MAX_FILES_PER_DRAFT} tệp đính kèm.`);
      }
    }),
  );
}

export async function removeDraftFile(ctx: AppContext, actor: Actor, draftId: string, fileId: string) {
  const file = await ctx.db.$transaction(async (tx) => {
    await draftForWard(tx, actor.wardId, draftId);
    const f = await tx.storedFile.findFirst({ where: { id: fileId, draftId } });
    if (!f) throw AppError.notFound('Không tìm thấy tệp.');
    await tx.storedFile.delete({ where: { id: f.id } });
    await audit(tx, actor, { action: 'draft.file.remove', entityType: 'StoredFile', entityId: f.id, before: { draftId, name: f.originalName, kind: f.kind } });
    return f;
  });
  await ctx.files.remove([file.storageKey]);
}

export async function findDraftFile(db: Db, draftId: string, fileId: string) {
  const file = await db.storedFile.findFirst({ where: { id: fileId, draftId } });
  if (!file) throw AppError.notFound('Không tìm thấy tệp.');
  return file;
}
