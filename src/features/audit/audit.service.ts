import type { Db } from '../../db/client.js';
import { actionLabel, entityLabel, entityName, fieldChanges, type Names } from './audit.present.js';

export const AUDIT_PAGE_SIZE = 25;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `from`/`to` are local days (midnight in Asia/Ho_Chi_Minh): the range includes the whole of `to`. */
export type AuditFilter = { entityType?: string; userId?: string; from?: Date | null; to?: Date | null; page: number };

/** The ward's audit log, newest first, with who made each change and what changed, field by field. */
export async function listAuditEntries(db: Db, wardId: string, filter: AuditFilter) {
  const createdAt = {
    ...(filter.from ? { gte: filter.from } : {}),
    ...(filter.to ? { lt: new Date(filter.to.getTime() + DAY_MS) } : {}),
  };
  const where = {
    wardId,
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.from || filter.to ? { createdAt } : {}),
  };
  const total = await db.auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page), pages);
  const [entries, entityTypes, users, units] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { user: { select: { fullName: true, username: true } } },
    }),
    db.auditLog.findMany({ where: { wardId }, distinct: ['entityType'], select: { entityType: true }, orderBy: { entityType: 'asc' } }),
    db.user.findMany({ where: { wardId }, select: { id: true, fullName: true, username: true }, orderBy: { fullName: 'asc' } }),
    db.unit.findMany({ where: { wardId }, select: { id: true, name: true } }),
  ]);
  const names: Names = new Map([...units.map((u) => [u.id, u.name] as const), ...users.map((u) => [u.id, u.fullName] as const)]);
  return {
    entries: entries.map((e) => ({
      id: e.id,
      createdAt: e.createdAt,
      user: e.user,
      action: actionLabel(e.action),
      entity: entityLabel(e.entityType),
      name: entityName(e.before, e.after),
      changes: fieldChanges(e.before, e.after, names),
    })),
    entityTypes: entityTypes.map((e) => ({ value: e.entityType, label: entityLabel(e.entityType) })),
    users,
    total,
    page,
    pages,
  };
}
