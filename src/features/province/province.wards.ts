/** The SUPERADMIN's work: wards of the deployment and each ward's first administrator. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { acrossWards } from '../../db/ward-scope.js';
import { audit } from '../../lib/audit.js';
import { FormError } from '../../lib/validation.js';
import { hashPassword } from '../auth/index.js';
import type { NewWardInput } from './province.schemas.js';

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I): easy to read out over the phone. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export async function listWards(db: Db) {
  return acrossWards(async () => {
    const [wards, admins] = await Promise.all([
      db.ward.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true, committeeName: true, createdAt: true } }),
      db.user.groupBy({ by: ['wardId'], where: { role: 'ADMIN', active: true, wardId: { not: null } }, _count: { _all: true } }),
    ]);
    const adminCount = new Map(admins.map((a) => [a.wardId, a._count._all]));
    return wards.map((w) => ({ ...w, admins: adminCount.get(w.id) ?? 0 }));
  });
}

/**
 * Creates the ward, its People's Committee unit and its first administrator in
 * one transaction (nothing half-made), audited in the new ward's log. Returns
 * the one-time password, which is stored nowhere but as a hash.
 */
export async function createWard(db: Db, actor: { userId: string; ip?: string }, input: NewWardInput) {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const created = await acrossWards(() =>
    db.$transaction(async (tx) => {
      if (await tx.ward.findUnique({ where: { slug: input.slug } })) {
        throw FormError.of('slug', `Đường dẫn “${input.slug}” đã được phường khác sử dụng. Vui lòng chọn đường dẫn khác.`);
      }
      if (await tx.user.findUnique({ where: { username: input.adminUsername } })) {
        throw FormError.of('adminUsername', `Tên đăng nhập “${input.adminUsername}” đã có người dùng. Vui lòng chọn tên khác.`);
      }
      const ward = await tx.ward.create({
        data: {
          slug: input.slug,
          name: input.name,
          placeName: input.placeName,
          committeeName: input.committeeName,
          parentBodyName: input.parentBodyName,
          address: input.address,
          phone: input.phone,
          email: input.email,
        },
      });
      const committee = await tx.unit.create({ data: { wardId: ward.id, name: input.committeeName, shortName: 'UBND phường', kind: 'COMMITTEE' } });
      const admin = await tx.user.create({
        data: {
          wardId: ward.id,
          unitId: committee.id,
          username: input.adminUsername,
          fullName: input.adminFullName,
          jobTitle: input.adminJobTitle,
          email: input.adminEmail,
          role: 'ADMIN',
          passwordHash,
        },
      });
      const who = { userId: actor.userId, wardId: ward.id, ip: actor.ip };
      await audit(tx, who, { action: 'ward.create', entityType: 'Ward', entityId: ward.id, after: { ...input, adminEmail: undefined } });
      await audit(tx, who, {
        action: 'user.create',
        entityType: 'User',
        entityId: admin.id,
        after: { username: admin.username, fullName: admin.fullName, role: admin.role, unit: committee.name },
      });
      return { ward, admin };
    }),
  );
  return { ...created, password };
}
