/**
 * The register of outgoing documents (sổ đăng ký văn bản đi). Decree 30/2020,
 * Art. 15: numbers run from 01 on 1 January to 31 December, are unique within
 * the year, and are given by the văn thư when the signed document is
 * registered. Here: one sequence per (ward, year, sequenceKey); the number is
 * always the next free one (no gaps), a duplicate is refused by a unique
 * constraint, and an entry is never edited (a correction is a new entry).
 */
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { dayjs, TIME_ZONE } from '../../lib/format.js';
import { FormError } from '../../lib/validation.js';
import { formatDocumentNumber } from '../../domain/document-numbering.js';
import type { CorrectionInput, PaperEntryInput, Sequencing } from './register.schemas.js';

export const SINGLE_SEQUENCE = '*';

export const yearOf = (date: Date) => dayjs(date).tz(TIME_ZONE).year();

export function sequenceKeyFor(sequencing: string, symbol: string): string {
  return sequencing === 'SINGLE' ? SINGLE_SEQUENCE : symbol;
}

export async function sequencingOf(db: Db | Tx, wardId: string): Promise<Sequencing> {
  const ward = await db.ward.findUniqueOrThrow({ where: { id: wardId }, select: { registerSequencing: true } });
  return ward.registerSequencing === 'SINGLE' ? 'SINGLE' : 'PER_SYMBOL';
}

/** The number the next document of this symbol would get in `year`. */
export async function nextFreeNumber(db: Db | Tx, wardId: string, year: number, symbol: string): Promise<number> {
  const sequenceKey = sequenceKeyFor(await sequencingOf(db, wardId), symbol);
  const max = await db.outgoingRegisterEntry.aggregate({ where: { wardId, year, sequenceKey }, _max: { number: true } });
  return (max._max.number ?? 0) + 1;
}

/** The next free number of each sequence used this year (and of the usual types), to suggest on the register page. */
export async function nextNumbers(db: Db, wardId: string, year: number, usual: string[]): Promise<string[]> {
  const sequencing = await sequencingOf(db, wardId);
  const used = await db.outgoingRegisterEntry.groupBy({ by: ['sequenceKey'], where: { wardId, year }, _max: { number: true } });
  const max = new Map(used.map((u) => [u.sequenceKey, u._max.number ?? 0]));
  if (sequencing === 'SINGLE') return [String((max.get(SINGLE_SEQUENCE) ?? 0) + 1).padStart(2, '0')];
  const symbols = [...new Set([...usual, ...max.keys()])].filter((k) => k !== SINGLE_SEQUENCE);
  return symbols.map((sym) => formatDocumentNumber((max.get(sym) ?? 0) + 1, sym));
}

export type NewEntry = {
  wardId: string;
  symbol: string;
  documentType: string;
  summary: string;
  signedBy: string;
  issuedOn: Date;
  recipients?: string;
  /** A number already taken in the paper register; null = the next free one. */
  number?: number | null;
  documentId?: string | null;
  draftId?: string | null;
  correctsEntryId?: string | null;
  enteredById: string | null;
};

/**
 * Writes one entry inside the caller's transaction. A typed number must be the
 * next free one: a lower number is already in the register (a duplicate), a
 * higher one would leave a gap, and both are refused with the number to use.
 */
export async function addEntry(tx: Tx, e: NewEntry) {
  const year = yearOf(e.issuedOn);
  const sequenceKey = sequenceKeyFor(await sequencingOf(tx, e.wardId), e.symbol);
  const max = await tx.outgoingRegisterEntry.aggregate({ where: { wardId: e.wardId, year, sequenceKey }, _max: { number: true } });
  const next = (max._max.number ?? 0) + 1;
  if (e.number != null && e.number !== next) {
    const typed = formatDocumentNumber(e.number, e.symbol);
    throw FormError.of(
      'number',
      e.number < next
        ? `Số ${typed} đã có trong sổ văn bản đi năm ${year}. Số tiếp theo còn trống là ${formatDocumentNumber(next, e.symbol)}.`
        : `Số ${typed} bỏ trống các số từ ${String(next).padStart(2, '0')} đến ${String(e.number - 1).padStart(2, '0')}. Sổ văn bản đi không được có số trống: hãy vào sổ lần lượt các văn bản đã ký mang những số đó trước (mục "Vào sổ văn bản ký ngoài Cổng").`,
    );
  }
  return tx.outgoingRegisterEntry.create({
    data: {
      wardId: e.wardId,
      year,
      sequenceKey,
      number: next,
      symbol: e.symbol,
      documentType: e.documentType,
      summary: e.summary,
      signedBy: e.signedBy,
      issuedOn: e.issuedOn,
      recipients: e.recipients ?? '',
      documentId: e.documentId ?? null,
      draftId: e.draftId ?? null,
      correctsEntryId: e.correctsEntryId ?? null,
      enteredById: e.enteredById,
    },
  });
}

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';

/**
 * Runs a registering transaction, again when another văn thư took the same
 * number at the same moment (the unique constraint refused the second insert):
 * the retry reads the new maximum and takes the following number. A typed
 * number that lost the race is then reported as taken by addEntry itself.
 */
export async function withRegisterRetry<T>(run: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i < attempts && isUniqueViolation(err)) {
        await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 20 * i)));
        continue;
      }
      throw err;
    }
  }
}

/** A signing date in the future cannot be registered: the document is registered after signature. */
export function checkSigningDate(issuedOn: Date, now: Date, field = 'issuedOn') {
  if (dayjs(issuedOn).tz(TIME_ZONE).startOf('day').isAfter(dayjs(now).tz(TIME_ZONE))) {
    throw FormError.of(field, 'Ngày ký không được sau ngày hôm nay: văn bản chỉ được vào sổ sau khi đã ký.');
  }
}

export async function listEntries(db: Db, wardId: string, year: number) {
  return db.outgoingRegisterEntry.findMany({
    where: { wardId, year },
    orderBy: [{ sequenceKey: 'asc' }, { number: 'asc' }],
    include: {
      enteredBy: { select: { fullName: true } },
      corrects: { select: { number: true, symbol: true, year: true } },
      correctedBy: { select: { number: true, symbol: true } },
      document: { select: { id: true } },
      draft: { select: { id: true } },
    },
  });
}

export async function yearsInRegister(db: Db, wardId: string): Promise<number[]> {
  const rows = await db.outgoingRegisterEntry.findMany({ where: { wardId }, distinct: ['year'], select: { year: true }, orderBy: { year: 'desc' } });
  return rows.map((r) => r.year);
}

export async function addPaperEntry(db: Db, actor: Actor, input: PaperEntryInput, now: Date) {
  checkSigningDate(input.issuedOn, now);
  return withRegisterRetry(() =>
    db.$transaction(async (tx) => {
      const entry = await addEntry(tx, { ...input, wardId: actor.wardId, enteredById: actor.userId });
      await audit(tx, actor, {
        action: 'register.add',
        entityType: 'OutgoingRegisterEntry',
        entityId: entry.id,
        after: { number: entry.number, symbol: entry.symbol, year: entry.year },
      });
      return entry;
    }),
  );
}

/** The correction is registered under a new number; the corrected entry stays as it was. */
export async function addCorrection(db: Db, actor: Actor, entryId: string, input: CorrectionInput, now: Date) {
  checkSigningDate(input.issuedOn, now);
  const old = await db.outgoingRegisterEntry.findFirst({ where: { id: entryId, wardId: actor.wardId } });
  if (!old) throw AppError.notFound('Không tìm thấy văn bản trong sổ.');
  return withRegisterRetry(() =>
    db.$transaction(async (tx) => {
      const entry = await addEntry(tx, {
        wardId: actor.wardId,
        symbol: old.symbol,
        documentType: old.documentType,
        summary: input.summary,
        signedBy: input.signedBy,
        issuedOn: input.issuedOn,
        recipients: old.recipients,
        correctsEntryId: old.id,
        enteredById: actor.userId,
      });
      await audit(tx, actor, {
        action: 'register.correct',
        entityType: 'OutgoingRegisterEntry',
        entityId: entry.id,
        after: { corrects: old.id, number: entry.number },
      });
      return entry;
    }),
  );
}

/** The head's choice applies to a whole year: it can change only while this year's register is empty. */
export async function setSequencing(db: Db, actor: Actor, value: Sequencing, now: Date) {
  const year = yearOf(now);
  await db.$transaction(async (tx) => {
    const used = await tx.outgoingRegisterEntry.count({ where: { wardId: actor.wardId, year } });
    const before = await sequencingOf(tx, actor.wardId);
    if (before === value) return;
    if (used > 0) {
      throw FormError.of(
        'registerSequencing',
        `Sổ văn bản đi năm ${year} đã có ${used} văn bản nên không đổi được cách đánh số giữa năm. Hãy đổi vào đầu năm sau, trước khi vào sổ văn bản đầu tiên của năm.`,
      );
    }
    await tx.ward.update({ where: { id: actor.wardId }, data: { registerSequencing: value } });
    await audit(tx, actor, {
      action: 'register.sequencing',
      entityType: 'Ward',
      entityId: actor.wardId,
      before: { registerSequencing: before },
      after: { registerSequencing: value },
    });
  });
}

/** The entry under which a draft's summary of answers was registered (the latest, a correction included). */
export function summaryEntry(db: Db, wardId: string, draftId: string) {
  return db.outgoingRegisterEntry.findFirst({ where: { wardId, draftId }, orderBy: { createdAt: 'desc' } });
}
