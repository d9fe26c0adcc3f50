import type { Db, Tx } from '../../db/client.js';
import { UNIT_KINDS, UNIT_KIND_LABELS } from '../../domain/enums.js';
import { type Actor, audit } from '../../lib/audit.js';
import { AppError } from '../../lib/app-error.js';
import { FormError } from '../../lib/validation.js';
import { hashPassword } from '../auth/index.js';
import type { AccountInput, UnitInput } from './units.schemas.js';

export async function unitsByKind(db: Db, wardId: string) {
  const units = await db.unit.findMany({
    where: { wardId },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
    include: { _count: { select: { users: true } } },
  });
  return UNIT_KINDS.map((kind) => ({ kind, label: UNIT_KIND_LABELS[kind], units: units.filter((u) => u.kind === kind) })).filter((g) => g.units.length);
}

export async function listAccounts(db: Db, wardId: string) {
  return db.user.findMany({
    where: { wardId },
    orderBy: [{ active: 'desc' }, { username: 'asc' }],
    select: {
      id: true,
      username: true,
      fullName: true,
      jobTitle: true,
      role: true,
      active: true,
      lastLoginAt: true,
      oidcSubject: true,
      unit: { select: { name: true } },
    },
  });
}

export async function activeUnitOptions(db: Db, wardId: string) {
  return db.unit.findMany({ where: { wardId, active: true }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }], select: { id: true, name: true } });
}

export async function findUnit(db: Db, wardId: string, unitId: string) {
  const unit = await db.unit.findFirst({ where: { id: unitId, wardId } });
  if (!unit) throw AppError.notFound('Không tìm thấy đơn vị.');
  return unit;
}

const nameTaken = (input: UnitInput) => FormError.of('name', `Phường đã có đơn vị tên “${input.name}”. Vui lòng đặt tên khác.`);

export async function createUnit(db: Db, actor: Actor, input: UnitInput) {
  return db.$transaction(async (tx) => {
    if (await tx.unit.findFirst({ where: { wardId: actor.wardId, name: input.name } })) throw nameTaken(input);
    const unit = await tx.unit.create({ data: { ...input, wardId: actor.wardId } });
    await audit(tx, actor, { action: 'unit.create', entityType: 'Unit', entityId: unit.id, after: unit });
    return unit;
  });
}

export async function updateUnit(db: Db, actor: Actor, unitId: string, input: UnitInput) {
  return db.$transaction(async (tx) => {
    const before = await tx.unit.findFirst({ where: { id: unitId, wardId: actor.wardId } });
    if (!before) throw AppError.notFound('Không tìm thấy đơn vị.');
    if (await tx.unit.findFirst({ where: { wardId: actor.wardId, name: input.name, id: { not: unitId } } })) throw nameTaken(input);
    const after = await tx.unit.update({ where: { id: unitId }, data: input });
    await audit(tx, actor, { action: 'unit.update', entityType: 'Unit', entityId: unitId, before, after });
  });
}

/** Units are never deleted (reports and tasks point at them); a unit that stops existing is deactivated. */
export async function setUnitActive(db: Db, actor: Actor, unitId: string, active: boolean) {
  return db.$transaction(async (tx) => {
    const before = await tx.unit.findFirst({ where: { id: unitId, wardId: actor.wardId } });
    if (!before) throw AppError.notFound('Không tìm thấy đơn vị.');
    const after = await tx.unit.update({ where: { id: unitId }, data: { active } });
    await audit(tx, actor, { action: active ? 'unit.activate' : 'unit.deactivate', entityType: 'Unit', entityId: unitId, before, after });
    return after;
  });
}

/** The audit log never holds a password hash. */
const publicUser = <T extends { passwordHash: string }>(u: T) => {
  const { passwordHash: _hash, ...rest } = u;
  return rest;
};

/** One province account opens one officer account: a subject already bound elsewhere is refused on the form. */
async function refuseTakenSubject(tx: Tx, subject: string | null, userId?: string) {
  if (!subject) return;
  const holder = await tx.user.findUnique({ where: { oidcSubject: subject }, select: { id: true } });
  if (holder && holder.id !== userId) {
    throw FormError.of('oidcSubject', 'Mã định danh này đã được gắn với một tài khoản cán bộ khác. Một tài khoản dùng chung chỉ mở được một tài khoản cán bộ.');
  }
}

export async function createAccount(db: Db, actor: Actor, input: AccountInput) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: input.username } })) {
      throw FormError.of('username', `Tên đăng nhập “${input.username}” đã có người dùng. Vui lòng chọn tên khác.`);
    }
    await refuseTakenSubject(tx, input.oidcSubject);
    if (input.unitId && !(await tx.unit.findFirst({ where: { id: input.unitId, wardId: actor.wardId, active: true } }))) {
      throw FormError.of('unitId', 'Đơn vị đã chọn không thuộc phường hoặc đã ngừng hoạt động.');
    }
    const user = await tx.user.create({
      data: {
        wardId: actor.wardId,
        unitId: input.unitId || null,
        username: input.username,
        fullName: input.fullName,
        jobTitle: input.jobTitle,
        email: input.email,
        role: input.role,
        oidcSubject: input.oidcSubject,
        passwordHash,
      },
    });
    await audit(tx, actor, { action: 'user.create', entityType: 'User', entityId: user.id, after: publicUser(user) });
    return user;
  });
}

export async function findAccount(db: Db, wardId: string, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId, wardId }, select: { id: true, username: true, fullName: true, oidcSubject: true } });
  if (!user) throw AppError.notFound('Không tìm thấy tài khoản.');
  return user;
}

/** Binds an officer account to a province single sign-on subject, or unbinds it (null). */
export async function setOidcSubject(db: Db, actor: Actor, userId: string, subject: string | null) {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id: userId, wardId: actor.wardId } });
    if (!before) throw AppError.notFound('Không tìm thấy tài khoản.');
    await refuseTakenSubject(tx, subject, userId);
    const after = await tx.user.update({ where: { id: userId }, data: { oidcSubject: subject } });
    await audit(tx, actor, { action: 'user.sso', entityType: 'User', entityId: userId, before: publicUser(before), after: publicUser(after) });
    return after;
  });
}

export async function setUserActive(db: Db, actor: Actor, userId: string, active: boolean) {
  if (userId === actor.userId && !active) throw AppError.badRequest('Bạn không thể tự khóa tài khoản của mình.');
  return db.$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id: userId, wardId: actor.wardId } });
    if (!before) throw AppError.notFound('Không tìm thấy tài khoản.');
    const after = await tx.user.update({ where: { id: userId }, data: { active } });
    // A deactivated officer is signed out everywhere at once: loadUser drops inactive users on their next request.
    await audit(tx, actor, {
      action: active ? 'user.activate' : 'user.deactivate',
      entityType: 'User',
      entityId: userId,
      before: publicUser(before),
      after: publicUser(after),
    });
    return after;
  });
}
