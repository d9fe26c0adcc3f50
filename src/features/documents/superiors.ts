import type { Db, Tx } from '../../db/client.js';

/** The bodies a ward answers to on a given date (WardSuperior). */
export type Superior = { superiorCommittee: string; justiceBody: string };

/**
 * The superior bodies valid on `date`: the row with validFrom ≤ date < validTo.
 * A ward with no rows (a deployment older than the table) falls back to its
 * parentBodyName, so documents never lose their parent body line.
 */
export async function superiorOn(db: Db | Tx, wardId: string, date: Date): Promise<Superior> {
  const row = await db.wardSuperior.findFirst({
    where: { wardId, validFrom: { lte: date }, OR: [{ validTo: null }, { validTo: { gt: date } }] },
    orderBy: { validFrom: 'desc' },
    select: { superiorCommittee: true, justiceBody: true },
  });
  if (row) return row;
  const ward = await db.ward.findUniqueOrThrow({ where: { id: wardId }, select: { parentBodyName: true } });
  return { superiorCommittee: ward.parentBodyName, justiceBody: '' };
}

/** "Sở Tư pháp tỉnh Quảng Ngãi" → the recipient line; an unknown body gives a neutral one. */
export function justiceRecipient(s: Superior): string {
  return s.justiceBody || 'Cơ quan tư pháp cấp trên';
}
