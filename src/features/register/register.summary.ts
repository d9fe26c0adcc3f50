/**
 * Registering a draft's summary of comments and answers: once the summary is
 * published and the chairman has signed it, the văn thư enters it in the
 * register; the .docx then carries that number and date.
 */
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { summaryDocumentTitle, SUMMARY_SYMBOL } from '../../domain/summary-document.js';
import type { RegisterDocumentInput } from './register.schemas.js';
import { addEntry, checkSigningDate, withRegisterRetry } from './register.service.js';

/** Published summaries of answers not yet in the register. */
export function pendingSummaries(db: Db, wardId: string) {
  return db.draft.findMany({
    where: { wardId, state: 'ANSWERED', registerEntries: { none: {} } },
    orderBy: { answeredAt: 'asc' },
    select: { id: true, title: true, draftingAgency: true, answeredAt: true },
  });
}

export async function registerSummary(ctx: AppContext, actor: Actor, ward: { placeName: string }, draftId: string, input: RegisterDocumentInput) {
  const now = ctx.now();
  const issuedOn = input.issuedOn ?? now;
  checkSigningDate(issuedOn, now);
  const draft = await ctx.db.draft.findFirst({
    where: { id: draftId, wardId: actor.wardId },
    select: { id: true, title: true, draftingAgency: true, state: true },
  });
  if (!draft) throw AppError.notFound('Không tìm thấy dự thảo.');
  if (draft.state !== 'ANSWERED') throw AppError.conflict('Bản tổng hợp, tiếp thu, giải trình của dự thảo này chưa được công bố nên chưa vào sổ được.');
  const chairman = await ctx.db.user.findFirst({
    where: { wardId: actor.wardId, role: 'CHAIRMAN', active: true },
    orderBy: { createdAt: 'asc' },
    select: { fullName: true },
  });
  return withRegisterRetry(() =>
    ctx.db.$transaction(async (tx) => {
      if (await tx.outgoingRegisterEntry.count({ where: { draftId, wardId: actor.wardId } })) {
        throw AppError.conflict('Bản tổng hợp này đã được vào sổ. Muốn sửa, hãy vào sổ văn bản đính chính.');
      }
      const entry = await addEntry(tx, {
        wardId: actor.wardId,
        symbol: SUMMARY_SYMBOL,
        documentType: 'Báo cáo',
        summary: summaryDocumentTitle(draft, ward),
        signedBy: chairman?.fullName ?? '',
        issuedOn,
        number: input.number,
        draftId,
        enteredById: actor.userId,
      });
      await audit(tx, actor, {
        action: 'register.summary',
        entityType: 'OutgoingRegisterEntry',
        entityId: entry.id,
        after: { draftId, number: entry.number, year: entry.year },
      });
      return entry;
    }),
  );
}
