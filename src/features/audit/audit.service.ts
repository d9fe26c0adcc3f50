import type { Db } from '../../db/client.js';

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = { entityType?: string; userId?: string; page: number };

/** The ward's audit log, newest first, with who made each change. */
export async function listAuditEntries(db: Db, wardId: string, filter: AuditFilter) {
  const where = {
    wardId,
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.userId ? { userId: filter.userId } : {}),
  };
  const total = await db.auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page), pages);
  const [entries, entityTypes, users] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { user: { select: { fullName: true, username: true } } },
    }),
    db.auditLog.findMany({ where: { wardId }, distinct: ['entityType'], select: { entityType: true }, orderBy: { entityType: 'asc' } }),
    db.user.findMany({ where: { wardId }, select: { id: true, fullName: true, username: true }, orderBy: { fullName: 'asc' } }),
  ]);
  return {
    entries: entries.map((e) => ({ ...e, before: prettyJson(e.before), after: prettyJson(e.after) })),
    entityTypes: entityTypes.map((e) => e.entityType),
    users,
    total,
    page,
    pages,
  };
}

/** Stored JSON shown indented, so an officer can read what changed. */
function prettyJson(value: string | null): string {
  if (!value) return '';
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}
