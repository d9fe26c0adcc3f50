/**
 * The history figures of a past period are computed from (model StateChange):
 * services append a row in the same transaction as each change, never update or
 * delete one. `statesAsOf` answers "what was the state of each entity at that
 * moment": the latest row that had taken effect by then (ties: the later recorded).
 */
import type { Db, Tx } from '../db/client.js';

export const STATE_KINDS = ['TASK', 'TASK_BLOCK', 'BUDGET', 'OBSTACLE', 'DRAFT'] as const;
export type StateKind = (typeof STATE_KINDS)[number];

export type StateRow = {
  kind: StateKind;
  entityId: string;
  status: string;
  progressPercent: number | null;
  amountVnd: number | null;
  note: string;
  effectiveAt: Date;
  recordedAt: Date;
  recordedById: string | null;
};

export async function recordState(
  tx: Tx,
  entry: {
    wardId: string;
    kind: StateKind;
    entityId: string;
    status: string;
    effectiveAt: Date;
    recordedAt?: Date;
    recordedById?: string | null;
    progressPercent?: number | null;
    amountVnd?: number | null;
    note?: string;
  },
) {
  await tx.stateChange.create({
    data: {
      wardId: entry.wardId,
      kind: entry.kind,
      entityId: entry.entityId,
      status: entry.status,
      effectiveAt: entry.effectiveAt,
      ...(entry.recordedAt ? { recordedAt: entry.recordedAt } : {}),
      recordedById: entry.recordedById ?? null,
      progressPercent: entry.progressPercent ?? null,
      amountVnd: entry.amountVnd ?? null,
      note: entry.note ?? '',
    },
  });
}

/** Every row of these entities, oldest first (for history lists and in-memory as-of questions). */
export async function stateHistory(db: Db | Tx, kind: StateKind, entityIds: string[]): Promise<Map<string, StateRow[]>> {
  const out = new Map<string, StateRow[]>();
  if (entityIds.length === 0) return out;
  const rows = await db.stateChange.findMany({
    where: { kind, entityId: { in: entityIds } },
    orderBy: [{ effectiveAt: 'asc' }, { recordedAt: 'asc' }, { id: 'asc' }],
  });
  for (const r of rows) {
    const list = out.get(r.entityId) ?? [];
    list.push({ ...r, kind: r.kind as StateKind });
    out.set(r.entityId, list);
  }
  return out;
}

/** The row in force at `at` from a list ordered as stateHistory returns it; null before the first. */
export function stateAt(rows: StateRow[] | undefined, at: Date): StateRow | null {
  let found: StateRow | null = null;
  for (const r of rows ?? []) {
    if (r.effectiveAt <= at) found = r;
    else break;
  }
  return found;
}
