import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, login, submitForm, type TestApp, visibleText } from '../../helpers/test-app.js';

describe('units and officer accounts (administrator)', () => {
  let t: TestApp;
  let admin: TestAgent;
  const counts = async () => ({ units: await t.db.unit.count(), users: await t.db.user.count(), audits: await t.db.auditLog.count() });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('quantri');
  });
  afterAll(() => t.close());

  it('lists the units by kind and the officer accounts', async () => {
    const res = await admin.get('/can-bo/don-vi');
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    for (const part of [
      'Công chức chuyên môn',
      'Công chức Tư pháp – Hộ tịch',
      'Tổ dân phố',
      'Tổ dân phố 8',
      'Cơ quan cấp trên / bên ngoài',
      'Sở Tư pháp tỉnh Quảng Ngãi',
      'tuphap',
      'Nguyễn Văn Thanh',
      'Chủ tịch UBND phường',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('creates a unit and audits it', async () => {
    const before = await counts();
    const res = await submitForm(admin, '/can-bo/don-vi/moi', '/can-bo/don-vi/moi', {
      name: 'Tổ dân phố 9',
      shortName: 'TDP 9',
      kind: 'RESIDENTIAL_GROUP',
      sortOrder: '30',
    });
    expect(res.status).toBe(303);
    const unit = await t.db.unit.findFirstOrThrow({ where: { name: 'Tổ dân phố 9' } });
    expect(unit).toMatchObject({ kind: 'RESIDENTIAL_GROUP', shortName: 'TDP 9', sortOrder: 30, active: true, wardId: t.wardId });
    expect(await counts()).toEqual({ ...before, units: before.units + 1, audits: before.audits + 1 });
    const log = await t.db.auditLog.findFirstOrThrow({ where: { entityId: unit.id, action: 'unit.create' } });
    expect(log.after).toContain('Tổ dân phố 9');
  });

  const badUnits: [string, Record<string, string>, string, string][] = [
    ['no name', { name: '' }, 'Vui lòng nhập tên đơn vị.', 'name'],
    ['a name already used in the ward', { name: 'Tổ dân phố 1' }, 'Phường đã có đơn vị tên “Tổ dân phố 1”', 'name'],
    ['no kind', { kind: '' }, 'Vui lòng chọn loại đơn vị.', 'kind'],
    ['a bad display order', { sortOrder: '-3' }, 'Thứ tự hiển thị phải là số nguyên', 'sortOrder'],
  ];
  for (const [what, over, message, field] of badUnits) {
    it(`refuses a unit with ${what} (400, message, values kept, nothing saved)`, async () => {
      const before = await counts();
      const res = await submitForm(admin, '/can-bo/don-vi/moi', '/can-bo/don-vi/moi', {
        name: 'Chi hội Người cao tuổi',
        shortName: 'NCT',
        kind: 'ORGANISATION',
        sortOrder: '12',
        ...over,
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Có lỗi cần sửa trước khi gửi');
      expect(visibleText(res.text)).toContain(message);
      expect(res.text).toContain(`href="#${field}"`);
      expect(res.text).toContain('value="NCT"');
      expect(await counts()).toEqual(before);
    });
  }

  it('renames a unit, refuses a rename onto another unit name, and audits before/after', async () => {
    const unit = await t.db.unit.findFirstOrThrow({ where: { name: 'Tổ dân phố 9' } });
    const path = `/can-bo/don-vi/${unit.id}/sua`;
    expect(visibleText((await admin.get(path)).text)).toContain('Sửa đơn vị');
    const clash = await submitForm(admin, path, path, { name: 'Tổ dân phố 2', shortName: 'TDP 9', kind: 'RESIDENTIAL_GROUP', sortOrder: '30' });
    expect(clash.status).toBe(400);
    expect(visibleText(clash.text)).toContain('Phường đã có đơn vị tên “Tổ dân phố 2”');
    const ok = await submitForm(admin, path, path, { name: 'Tổ dân phố 9A', shortName: 'TDP 9A', kind: 'RESIDENTIAL_GROUP', sortOrder: '31' });
    expect(ok.status).toBe(303);
    const log = await t.db.auditLog.findFirstOrThrow({ where: { entityId: unit.id, action: 'unit.update' } });
    expect(log.before).toContain('Tổ dân phố 9"');
    expect(log.after).toContain('Tổ dân phố 9A');
  });

  it('deactivates a unit (kept for history, no longer offered for new tasks) and reactivates it', async () => {
    const unit = await t.db.unit.findFirstOrThrow({ where: { name: 'Tổ dân phố 9A' } });
    const res = await submitForm(admin, '/can-bo/don-vi', `/can-bo/don-vi/${unit.id}/trang-thai`, { active: '0' });
    expect(res.status).toBe(303);
    expect((await t.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).active).toBe(false);
    expect(await t.db.auditLog.count({ where: { entityId: unit.id, action: 'unit.deactivate' } })).toBe(1);
    const plan = await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId } });
    const form = await admin.get(`/can-bo/ke-hoach/${plan.id}/nhiem-vu/moi`);
    expect(form.status).toBe(200);
    expect(form.text).not.toContain(`value="${unit.id}"`);
    expect(visibleText((await admin.get('/can-bo/don-vi')).text)).toContain('Ngừng hoạt động');
    await submitForm(admin, '/can-bo/don-vi', `/can-bo/don-vi/${unit.id}/trang-thai`, { active: '1' });
    expect((await t.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).active).toBe(true);
  });

  const validAccount = (over: Record<string, string> = {}) => {
    return {
      username: 'tdp2',
      fullName: 'Đặng Thị Mai',
      jobTitle: 'Tổ trưởng Tổ dân phố 2',
      email: 'mai@example.vn',
      role: 'UNIT',
      unitId: '',
      password: 'mat-khau-ban-dau-1',
      ...over,
    };
  };

  it('creates an officer account with a hashed password that works for signing in', async () => {
    const unit = await t.db.unit.findFirstOrThrow({ where: { name: 'Tổ dân phố 2' } });
    const before = await counts();
    const res = await submitForm(admin, '/can-bo/don-vi/tai-khoan/moi', '/can-bo/don-vi/tai-khoan/moi', validAccount({ username: 'TDP2', unitId: unit.id }));
    expect(res.status).toBe(303);
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'tdp2' } });
    expect(user).toMatchObject({ role: 'UNIT', unitId: unit.id, wardId: t.wardId, active: true });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await counts()).toEqual({ ...before, users: before.users + 1, audits: before.audits + 1 });
    const log = await t.db.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: 'user.create' } });
    expect(log.after).not.toContain('passwordHash');
    expect(log.after).not.toContain('mat-khau-ban-dau-1');
    const agent = t.agent();
    await login(agent, 'tdp2', 'mat-khau-ban-dau-1');
    expect(visibleText((await agent.get('/can-bo')).text)).toContain('Đặng Thị Mai');
  });

  const badAccounts: [string, Record<string, string>, string, string][] = [
    ['a password under 10 characters', { password: 'ngan123' }, 'Mật khẩu ban đầu phải có ít nhất 10 ký tự.', 'password'],
    ['no password', { password: '' }, 'Vui lòng nhập mật khẩu ban đầu.', 'password'],
    ['a username already taken', { username: 'tuphap' }, 'Tên đăng nhập “tuphap” đã có người dùng.', 'username'],
    ['a username with spaces and accents', { username: 'Trần Văn' }, 'Tên đăng nhập gồm 3–50 ký tự', 'username'],
    ['no full name', { fullName: '' }, 'Vui lòng nhập họ và tên.', 'fullName'],
    ['a bad email', { email: 'khong-phai-email' }, 'Thư điện tử không đúng định dạng', 'email'],
    ['an unknown role', { role: 'ROOT' }, 'Vui lòng chọn vai trò.', 'role'],
    ['a unit official without a unit', { role: 'UNIT', unitId: '' }, 'Tài khoản cán bộ đơn vị phải thuộc một đơn vị.', 'unitId'],
    ['a unit that does not exist', { unitId: 'khong-co' }, 'Đơn vị đã chọn không thuộc phường', 'unitId'],
  ];
  for (const [what, over, message, field] of badAccounts) {
    it(`refuses an account with ${what} (400, message, values kept but never the password, nothing saved)`, async () => {
      const unit = await t.db.unit.findFirstOrThrow({ where: { name: 'Tổ dân phố 3' } });
      const before = await counts();
      const res = await submitForm(
        admin,
        '/can-bo/don-vi/tai-khoan/moi',
        '/can-bo/don-vi/tai-khoan/moi',
        validAccount({ username: 'tdp3', unitId: unit.id, ...over }),
      );
      expect(res.status).toBe(400);
      expect(res.text).toContain('Có lỗi cần sửa trước khi gửi');
      expect(visibleText(res.text)).toContain(message);
      expect(res.text).toContain(`href="#${field}"`);
      if (over.fullName === undefined) expect(res.text).toContain('value="Đặng Thị Mai"');
      expect(res.text).not.toContain('mat-khau-ban-dau-1');
      expect(await counts()).toEqual(before);
    });
  }

  it('deactivates an account (its open session stops working, it cannot sign in) and reactivates it', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'vanphong' } });
    const officer = await t.loginAs('vanphong');
    const res = await submitForm(admin, '/can-bo/don-vi', `/can-bo/don-vi/tai-khoan/${user.id}/trang-thai`, { active: '0' });
    expect(res.status).toBe(303);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).active).toBe(false);
    expect((await officer.get('/can-bo')).status).toBe(302);
    await expect(t.loginAs('vanphong')).rejects.toThrow(/failed: 400/);
    const log = await t.db.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: 'user.deactivate' } });
    expect(log.before).toContain('"active":true');
    expect(log.after).toContain('"active":false');
    expect(log.after).not.toContain('passwordHash');
    await submitForm(admin, '/can-bo/don-vi', `/can-bo/don-vi/tai-khoan/${user.id}/trang-thai`, { active: '1' });
    expect((await (await t.loginAs('vanphong')).get('/can-bo')).status).toBe(200);
  });

  it('does not let an administrator lock their own account', async () => {
    const me = await t.db.user.findUniqueOrThrow({ where: { username: 'quantri' } });
    const res = await submitForm(admin, '/can-bo/don-vi', `/can-bo/don-vi/tai-khoan/${me.id}/trang-thai`, { active: '0' });
    expect(res.status).toBe(400);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: me.id } })).active).toBe(true);
  });
});
