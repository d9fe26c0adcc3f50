/**
 * A data subject's rights over a comment's contact details (PDP Law 91/2025,
 * Decree 356/2025): an officer finds the comment by its receipt code and corrects
 * or erases them; the resident can withdraw consent with the receipt code. The
 * comment's text and answer always stay. Audit entries record that it happened,
 * the reason and which fields, never the old or new values.
 */
import type { Db, Prisma, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../../lib/audit.js';
import { audit } from '../../lib/audit.js';
import { normaliseReceiptCode } from '../../domain/receipt-code.js';
import type { CorrectContactInput } from './privacy.schemas.js';

/** A comment whose commenter can still withdraw: some personal detail is held and consent was not withdrawn yet (contactState reads the same rule on one row). */
const WITHDRAWABLE: Prisma.CommentWhereInput = {
  consentWithdrawnAt: null,
  OR: [{ email: { not: '' } }, { phone: { not: '' } }, { residentialOther: { not: '' } }, { authorName: { not: '' } }],
};

/** What is erased on request or on withdrawal: every personal detail, the name included (the comment then shows as anonymous). */
const ERASED = { authorName: '', email: '', phone: '', residentialOther: '', isAnonymous: true };

/** The comment of this ward with the receipt code, with its contact details (officers only). */
export async function commentForOfficer(db: Db | Tx, wardId: string, rawCode: string) {
  const code = normaliseReceiptCode(rawCode);
  if (!code) return null;
  return db.comment.findFirst({
    where: { receiptCode: code, draft: { wardId } },
    select: {
      id: true,
      receiptCode: true,
      status: true,
      respondentType: true,
      authorName: true,
      organisationName: true,
      isAnonymous: true,
      residentialOther: true,
      email: true,
      phone: true,
      consentAt: true,
      consentWithdrawnAt: true,
      contactErasedAt: true,
      body: true,
      createdAt: true,
      residentialGroup: { select: { name: true } },
      draft: { select: { id: true, title: true } },
    },
  });
}
export type OfficerComment = NonNullable<Awaited<ReturnType<typeof commentForOfficer>>>;

async function mustFind(tx: Tx, wardId: string, code: string) {
  const comment = await commentForOfficer(tx, wardId, code);
  if (!comment) throw AppError.notFound('Không tìm thấy góp ý có mã tiếp nhận này.');
  return comment;
}

/** Corrects name, e-mail and phone as the data subject asked. Returns the fields that changed. */
export async function correctContact(db: Db, actor: Actor, code: string, input: CorrectContactInput, now: Date) {
  return db.$transaction(async (tx) => {
    const c = await mustFind(tx, actor.wardId, code);
    const next = { authorName: input.authorName, email: input.email, phone: input.phone };
    const fields = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== c[k]);
    await tx.comment.update({
      where: { id: c.id },
      // Contact details given at the data subject's own request count as consented to.
      data: { ...next, consentAt: (next.email || next.phone) && !c.consentAt ? now : c.consentAt },
    });
    await audit(tx, actor, {
      action: 'privacy.correct',
      entityType: 'Comment',
      entityId: c.id,
      after: { receiptCode: c.receiptCode, reason: input.reason, fields },
    });
    return fields;
  });
}

/** Erases the contact details (and name) on the data subject's request. */
export async function eraseOnRequest(db: Db, actor: Actor, code: string, reason: string, now: Date) {
  await db.$transaction(async (tx) => {
    const c = await mustFind(tx, actor.wardId, code);
    await tx.comment.update({ where: { id: c.id }, data: { ...ERASED, contactErasedAt: now } });
    await audit(tx, actor, { action: 'privacy.erase', entityType: 'Comment', entityId: c.id, after: { receiptCode: c.receiptCode, reason } });
  });
}

/** Whether the receipt page offers withdrawal: something is still held, or it was already withdrawn. One read. */
export async function contactState(db: Db, commentId: string) {
  const row = await db.comment.findUniqueOrThrow({
    where: { id: commentId },
    select: { consentWithdrawnAt: true, contactErasedAt: true, email: true, phone: true, residentialOther: true, authorName: true },
  });
  return contactStateOf(row);
}

/** contactState of a comment row already read (the receipt page reads it with the comment). WITHDRAWABLE above, on one row. */
export function contactStateOf(row: {
  consentWithdrawnAt: Date | null;
  contactErasedAt: Date | null;
  email: string;
  phone: string;
  residentialOther: string;
  authorName: string;
}) {
  const holdsContact = row.consentWithdrawnAt === null && [row.email, row.phone, row.residentialOther, row.authorName].some((v) => v !== '');
  return { holdsContact, consentWithdrawnAt: row.consentWithdrawnAt, contactErasedAt: row.contactErasedAt };
}

/**
 * The resident withdraws consent with the receipt code: the contact details go at
 * once, so no more e-mails can be sent. Audited without a user (the resident has no account).
 */
export async function withdrawConsent(db: Db, wardId: string, code: string, now: Date, ip: string) {
  return db.$transaction(async (tx) => {
    const c = await mustFind(tx, wardId, code);
    const changed = await tx.comment.updateMany({ where: { id: c.id, ...WITHDRAWABLE }, data: { ...ERASED, contactErasedAt: now, consentWithdrawnAt: now } });
    if (changed.count === 0) return false;
    await tx.auditLog.create({
      data: {
        wardId,
        userId: null,
        action: 'privacy.withdrawConsent',
        entityType: 'Comment',
        entityId: c.id,
        after: JSON.stringify({ receiptCode: c.receiptCode }),
        ip,
      },
    });
    return true;
  });
}
