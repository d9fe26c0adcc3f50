import type { Tx } from '../db/client.js';

/** Who is acting: passed from handlers to services so every change can be audited. */
export type Actor = { userId: string; wardId: string; ip?: string };

/**
 * Records an officer's change, inside the same transaction as the change itself,
 * so the log can never disagree with the data.
 */
export async function audit(tx: Tx, actor: Actor, entry: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown }) {
  await tx.auditLog.create({
    data: {
      wardId: actor.wardId,
      userId: actor.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: actor.ip ?? '',
    },
  });
}
