import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { createTestApp, csrfToken, deploymentFor, login, type TestApp, visibleText } from '../../helpers/test-app.js';
import { OPEN_TITLE, type Province, provinceLogin, setUpProvince, WARD_A } from './province-data.js';

describe('the province officers: progress, roles, sessions and new wards', () => {
  let t: TestApp;
  let p: Province;
  beforeAll(async () => {
    t = await createTestApp();
    p = await setUpProvince(t);
  });
  afterAll(() => t.close());

  describe('province progress (the same figures as the ward pages, counted by hand)', () => {
    it('shows per ward: drafts consulted against 100 %, comments received and answered, tasks late, budgets', async () => {
      const res = await p.reviewer.get('/tinh/can-bo/tien-do');
      expect(res.status).toBe(200);
      const row = (slug: string) => visibleText(res.text.match(new RegExp(`<tr data-ward="${slug}">[\\s\\S]*?</tr>`))?.[0] ?? '');
      // Ward A: 1 of 2 drafts in scope consulted (50 %), 3 comments, 1 answered, 2 tasks late, 7,000,000 requested, 5,000,000 approved.
      expect(row('nghia-lo')).toBe('Phường Nghĩa Lộ Năm 2025 1/2 (50 %) Chưa đạt 3 1 2 7.000.000 đ 5.000.000 đ');
      // Ward B: 1 of 1 (100 %), 3 comments (one hidden), 2 answered, 1 task late, 3,000,000 requested, 2,500,000 approved.
      expect(row('tra-cau')).toBe('Phường Trà Câu Năm 2025 1/1 (100 %) Đạt 3 2 1 3.000.000 đ 2.500.000 đ');
      // Another year: no plan.
      const y2024 = await p.reviewer.get('/tinh/can-bo/tien-do?nam=2024');
      expect(visibleText(y2024.text)).toContain('Chưa có kế hoạch năm 2024');
    });

    it('a ward page shows its drafts with comment statistics and its reports, read-only', async () => {
      const res = await p.reviewer.get('/tinh/can-bo/phuong/nghia-lo');
      expect(res.status).toBe(200);
      const text = visibleText(res.text);
      expect(text).toContain('Tình hình thực hiện – Phường Nghĩa Lộ');
      expect(text).toContain('50 % dự thảo đã lấy ý kiến (1/2)');
      expect(text).toContain(`${OPEN_TITLE} Đô thị Đang lấy ý kiến 01/10/2025 – 30/10/2025 3 1 2 0`);
      expect(res.text).not.toMatch(/<form method="post" action="\/tinh\/can-bo/);
      const seeded = await p.reviewer.get('/tinh/can-bo/phuong/truong-quang-trong');
      expect(visibleText(seeded.text)).toContain('Báo cáo tiến độ gần đây');
      expect((await p.reviewer.get('/tinh/can-bo/phuong/khong-co')).status).toBe(404);
    });
  });

  describe('roles and sessions', () => {
    it('a ward officer cannot sign in at the province, nor open /tinh/can-bo with a ward session', async () => {
      const officer = await t.loginAs('quantri');
      const res = await officer.get('/tinh/can-bo');
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/tinh/dang-nhap?next=%2Ftinh%2Fcan-bo');
      expect((await officer.get('/tinh/can-bo/phuong/moi')).status).toBe(302);
      const refused = await provinceLogin(t.agent(), 'quantri');
      expect(refused.status).toBe(400);
      expect(visibleText(refused.text)).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    });

    it('a province session is not valid in a ward officer area, and a province account cannot sign in at a ward', async () => {
      const res = await p.reviewer.get('/can-bo');
      expect(res.status).toBe(302);
      expect(res.headers.location).toMatch(/^\/dang-nhap/);
      await expect(login(t.agent(), 'sotuphap', DEMO_PASSWORD)).rejects.toThrow(/failed: 400/);
    });

    it('signs in to the page asked for, keeps officer pages out of caches, and signs out', async () => {
      const agent = t.agent();
      const first = await agent.get('/tinh/can-bo/tien-do');
      expect(first.headers.location).toBe('/tinh/dang-nhap?next=%2Ftinh%2Fcan-bo%2Ftien-do');
      const token = await csrfToken(agent, first.headers.location);
      const res = await agent
        .post('/tinh/dang-nhap')
        .type('form')
        .send({ _csrf: token, username: ' SoTuPhap ', password: 'matkhau-demo-2025', next: '/tinh/can-bo/tien-do' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/tinh/can-bo/tien-do');
      const page = await agent.get('/tinh/can-bo/tien-do');
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      const wrong = await provinceLogin(t.agent(), 'sotuphap', 'sai-mat-khau');
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('value="sotuphap"');
      const out = await agent
        .post('/tinh/dang-xuat')
        .type('form')
        .send({ _csrf: await csrfToken(agent, '/tinh/can-bo') });
      expect(out.status).toBe(303);
      expect((await agent.get('/tinh/can-bo')).status).toBe(302);
    });

    it('the reviewer changes nothing: province and ward POSTs are refused', async () => {
      const before = await t.db.ward.count();
      const token = await csrfToken(p.reviewer, '/tinh/can-bo');
      const res = await p.reviewer
        .post('/tinh/can-bo/phuong')
        .type('form')
        .send({ _csrf: token, ...WARD_A, slug: 'phuong-moi', adminUsername: 'ai-do' });
      expect(res.status).toBe(403);
      expect(visibleText(res.text)).toContain('Không có quyền truy cập');
      expect((await p.reviewer.get('/tinh/can-bo/phuong/moi')).status).toBe(403);
      const ward = await p.reviewer.post('/can-bo/don-vi/moi').type('form').send({ _csrf: token, name: 'Đơn vị mới', kind: 'SPECIALIST' });
      expect(ward.status).toBe(401);
      expect(await t.db.ward.count()).toBe(before);
      expect(await t.db.unit.count({ where: { name: 'Đơn vị mới' } })).toBe(0);
    });
  });

  describe('creating a ward (SUPERADMIN)', () => {
    it('created the ward, its committee and its first administrator, audited, with a one-time password shown once', async () => {
      const ward = await t.db.ward.findUniqueOrThrow({ where: { slug: 'nghia-lo' } });
      expect(ward).toMatchObject({ name: WARD_A.name, committeeName: WARD_A.committeeName, address: '01 Lê Lợi' });
      const user = await t.db.user.findUniqueOrThrow({ where: { username: 'quantri-nghialo' } });
      expect(user).toMatchObject({ wardId: ward.id, role: 'ADMIN', fullName: 'Phan Thị Mai' });
      const superadmin = await t.db.user.findUniqueOrThrow({ where: { username: 'quantri-tinh' } });
      const logs = await t.db.auditLog.findMany({ where: { wardId: ward.id }, orderBy: { action: 'asc' } });
      expect(logs.map((l) => [l.action, l.userId])).toEqual([
        ['user.create', superadmin.id],
        ['ward.create', superadmin.id],
      ]);
      expect(logs.map((l) => l.after).join(' ')).not.toContain(p.created['nghia-lo'].password);
      // Shown once: the page asked again does not show it.
      const again = await p.admin.get('/tinh/can-bo/phuong/nghia-lo/da-tao');
      expect(again.text).not.toContain(p.created['nghia-lo'].password);
      expect(visibleText(again.text)).toContain('đã được hiển thị và không thể xem lại');
      // The administrator signs in to the new ward's portal with it.
      const wardPortal = deploymentFor(t, 'nghia-lo').agent();
      await login(wardPortal, 'quantri-nghialo', p.created['nghia-lo'].password);
      expect((await wardPortal.get('/can-bo/don-vi')).status).toBe(200);
      // Its audit log tells the new administrator who created the ward, in Vietnamese.
      const log = visibleText((await wardPortal.get('/can-bo/nhat-ky')).text);
      expect(log).toContain('Tạo phường, xã (quản trị cấp tỉnh)');
      expect(log).toContain('Quản trị hệ thống cấp tỉnh');
      expect(log).toContain('Tên Ủy ban nhân dân');
    });

    it('refuses bad input with Vietnamese messages on the same form, keeps what was typed, and saves nothing', async () => {
      const wards = await t.db.ward.count();
      const users = await t.db.user.count();
      const token = await csrfToken(p.admin, '/tinh/can-bo/phuong/moi');
      const bad = await p.admin
        .post('/tinh/can-bo/phuong')
        .type('form')
        .send({ _csrf: token, ...WARD_A, slug: 'Nghĩa Lộ!', name: 'Phường Mới', adminUsername: 'quantri-moi', email: 'khong-phai-thu' });
      expect(bad.status).toBe(400);
      const text = visibleText(bad.text);
      expect(text).toContain('Đường dẫn chỉ gồm chữ không dấu');
      expect(text).toContain('Thư điện tử của phường không đúng định dạng');
      expect(bad.text).toContain('value="Phường Mới"');

      const taken = await p.admin
        .post('/tinh/can-bo/phuong')
        .type('form')
        .send({ _csrf: token, ...WARD_A, adminUsername: 'quantri-moi' });
      expect(taken.status).toBe(400);
      expect(visibleText(taken.text)).toContain('Đường dẫn “nghia-lo” đã được phường khác sử dụng');
      const userTaken = await p.admin
        .post('/tinh/can-bo/phuong')
        .type('form')
        .send({ _csrf: token, ...WARD_A, slug: 'phuong-moi', adminUsername: 'tuphap' });
      expect(userTaken.status).toBe(400);
      expect(visibleText(userTaken.text)).toContain('Tên đăng nhập “tuphap” đã có người dùng');
      expect(await t.db.ward.count()).toBe(wards);
      expect(await t.db.user.count()).toBe(users);
    });

    it('refuses a form without its CSRF token', async () => {
      const res = await p.admin
        .post('/tinh/can-bo/phuong')
        .type('form')
        .send({ ...WARD_A, slug: 'khong-token' });
      expect(res.status).toBe(403);
      expect(await t.db.ward.count({ where: { slug: 'khong-token' } })).toBe(0);
    });
  });
});
