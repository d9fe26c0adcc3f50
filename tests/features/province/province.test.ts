import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type TestAgent from 'supertest/lib/agent.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { createTestApp, csrfToken, deploymentFor, login, type TestApp, visibleText } from '../../helpers/test-app.js';
import { addBudget, addComments, addDraft, addPlan, provinceLogin } from './province-data.js';

const WARD_A = {
  slug: 'nghia-lo',
  name: 'Phường Nghĩa Lộ',
  placeName: 'Nghĩa Lộ',
  committeeName: 'Ủy ban nhân dân phường Nghĩa Lộ',
  parentBodyName: 'UBND tỉnh Quảng Ngãi',
  address: '01 Lê Lợi',
  phone: '0255 3822 111',
  email: 'nghialo@quangngai.gov.vn',
  adminUsername: 'quantri-nghialo',
  adminFullName: 'Phan Thị Mai',
  adminJobTitle: 'Công chức Văn phòng – Thống kê',
  adminEmail: '',
};
const WARD_B = {
  ...WARD_A,
  slug: 'tra-cau',
  name: 'Phường Trà Câu',
  placeName: 'Trà Câu',
  committeeName: 'Ủy ban nhân dân phường Trà Câu',
  adminUsername: 'quantri-tracau',
  adminFullName: 'Lê Văn Hùng',
};

describe('the province level', () => {
  let t: TestApp;
  let admin: TestAgent;
  let reviewer: TestAgent;
  const created: Record<string, { password: string; wardId: string; unitId: string }> = {};
  let openTitle = '';

  async function createWard(fields: typeof WARD_A) {
    const token = await csrfToken(admin, '/tinh/can-bo/phuong/moi');
    const res = await admin
      .post('/tinh/can-bo/phuong')
      .type('form')
      .send({ _csrf: token, ...fields });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/tinh/can-bo/phuong/${fields.slug}/da-tao`);
    const page = await admin.get(res.headers.location);
    const password = /data-testid="one-time-password">([^<]+)</.exec(page.text)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    const ward = await t.db.ward.findUniqueOrThrow({ where: { slug: fields.slug } });
    const unit = await t.db.unit.findFirstOrThrow({ where: { wardId: ward.id, kind: 'COMMITTEE' } });
    created[fields.slug] = { password, wardId: ward.id, unitId: unit.id };
    return page;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = t.agent();
    expect((await provinceLogin(admin, 'quantri-tinh')).status).toBe(303);
    reviewer = t.agent();
    expect((await provinceLogin(reviewer, 'sotuphap')).status).toBe(303);
    await createWard(WARD_A);
    await createWard(WARD_B);

    // Ward A: tasks due 30/06 and 31/03 are late on 15/10/2025; one draft consulted of two in scope.
    const a = created[WARD_A.slug];
    const planA = await addPlan(t.db, a.wardId, [{ due: '2025-06-30' }, { due: '2025-12-31' }, { due: '2025-03-31' }]);
    const d1 = await addDraft(t.db, a.wardId, {
      title: 'Quy chế lấy ý kiến Nhân dân về chỉnh trang đô thị',
      state: 'PUBLISHED',
      opens: '2025-10-01',
      closes: '2025-10-30',
      taskId: planA.taskIds[0],
    });
    openTitle = 'Quy chế lấy ý kiến Nhân dân về chỉnh trang đô thị';
    await addDraft(t.db, a.wardId, { title: 'Quy định về chợ tạm', state: 'DRAFT', opens: '2025-11-01', closes: '2025-11-30', taskId: planA.taskIds[1] });
    await addComments(t.db, d1, ['PUBLISHED', 'PUBLISHED', 'PENDING'], 1);
    await addBudget(t.db, planA.taskIds[0], a.unitId, 5_000_000, 'APPROVED', 5_000_000);
    await addBudget(t.db, planA.taskIds[1], a.unitId, 2_000_000, 'SUBMITTED', null);

    // Ward B: one task late (30/09); its one draft in scope was consulted (closed 25/09).
    const b = created[WARD_B.slug];
    const planB = await addPlan(t.db, b.wardId, [{ due: '2025-12-31' }, { due: '2025-09-30' }]);
    const d3 = await addDraft(t.db, b.wardId, {
      title: 'Đề án nếp sống văn minh',
      state: 'PUBLISHED',
      opens: '2025-09-01',
      closes: '2025-09-25',
      taskId: planB.taskIds[0],
    });
    await addComments(t.db, d3, ['PUBLISHED', 'PUBLISHED', 'HIDDEN'], 2);
    await addBudget(t.db, planB.taskIds[0], b.unitId, 3_000_000, 'ADJUSTED', 2_500_000);
    // Open drafts outside the plan: one on land, and 22 on rural transport to fill two pages.
    await addDraft(t.db, b.wardId, { title: 'Phương án bồi thường đất đai', field: 'Đất đai', state: 'PUBLISHED', opens: '2025-10-10', closes: '2025-11-10' });
    for (let i = 1; i <= 22; i++) {
      await addDraft(t.db, b.wardId, {
        title: `Phương án giao thông nông thôn số ${i}`,
        field: 'Giao thông nông thôn',
        state: 'PUBLISHED',
        opens: '2025-10-01',
        closes: `2025-11-${String(i).padStart(2, '0')}`,
      });
    }
  });
  afterAll(() => t.close());

  describe('landing page', () => {
    it('lists every ward and every draft open for comment across them, with links by the agreed URL scheme', async () => {
      const res = await t.agent().get('/tinh');
      expect(res.status).toBe(200);
      const text = visibleText(res.text);
      expect(text).toContain('Cổng góp ý dự thảo các phường, xã tỉnh Quảng Ngãi');
      for (const name of ['Phường Trương Quang Trọng', WARD_A.name, WARD_B.name]) expect(text).toContain(name);
      expect(res.text).toContain('href="/phuong/nghia-lo/"');
      expect(res.text).toContain('href="/phuong/truong-quang-trong/"');
      const open = await t.db.draft.count({ where: { state: 'PUBLISHED', opensAt: { lte: t.clock.now() }, closesAt: { gte: t.clock.now() } } });
      expect(text).toContain(`Dự thảo đang lấy ý kiến (${open})`);
      // Sorted by closing day: the ones closing soonest first, across wards.
      expect(text).toContain(openTitle);
      const d1 = await t.db.draft.findFirstOrThrow({ where: { title: openTitle } });
      expect(res.text).toContain(`href="/phuong/nghia-lo/du-thao/${d1.id}"`);
      // Closed and unpublished drafts are not listed.
      expect(text).not.toContain('Đề án nếp sống văn minh');
      expect(text).not.toContain('Quy định về chợ tạm');
    });

    it('finds drafts without diacritics, and with decomposed (NFD) or composed input alike', async () => {
      for (const q of ['lay y kien chinh trang', 'lấy ý kiến chỉnh trang', 'lấy ý kiến chỉnh trang'.normalize('NFD'), 'LAY Y KIEN CHINH TRANG']) {
        const res = await t.agent().get('/tinh').query({ q });
        const text = visibleText(res.text);
        expect(text, q).toContain(openTitle);
        expect(text, q).toContain('Tìm thấy 1 dự thảo');
        expect(text, q).not.toContain('Phương án bồi thường đất đai');
      }
    });

    it('filters by ward and by field, and pages through the results keeping the filters', async () => {
      const byWard = visibleText((await t.agent().get('/tinh').query({ phuong: 'nghia-lo' })).text);
      expect(byWard).toContain('Tìm thấy 1 dự thảo');
      expect(byWard).toContain(openTitle);

      const page1 = await t.agent().get('/tinh').query({ 'linh-vuc': 'Giao thông nông thôn' });
      const text1 = visibleText(page1.text);
      expect(text1).toContain('Tìm thấy 22 dự thảo');
      expect(text1).toContain('Trang 1 / 2');
      expect(text1).toContain('Phương án giao thông nông thôn số 1 ');
      expect(text1).toContain('số 20 ');
      expect(text1).not.toContain('số 21 ');
      expect(text1).not.toContain(openTitle);
      const next = /href="([^"]+)">Trang sau/.exec(page1.text)?.[1]?.replace(/&amp;/g, '&') ?? '';
      expect(next).toContain('trang=2');
      const text2 = visibleText((await t.agent().get(next)).text);
      expect(text2).toContain('Trang 2 / 2');
      expect(text2).toContain('số 21 ');
      expect(text2).toContain('số 22 ');
      expect(text2).not.toContain('số 20 ');

      const both = visibleText((await t.agent().get('/tinh').query({ phuong: 'nghia-lo', 'linh-vuc': 'Giao thông nông thôn' })).text);
      expect(both).toContain('Không có dự thảo nào đang lấy ý kiến phù hợp.');
    });

    it('is the root page when WARD_SLUG is empty, with the province name from PROVINCE_NAME', async () => {
      const other = await createTestApp({ WARD_SLUG: '', PROVINCE_NAME: 'Kon Tum' });
      try {
        const res = await other.agent().get('/');
        expect(res.status).toBe(200);
        expect(visibleText(res.text)).toContain('Cổng góp ý dự thảo các phường, xã tỉnh Kon Tum');
        expect(visibleText(res.text)).toContain('Phường Trương Quang Trọng');
      } finally {
        await other.close();
      }
    });
  });

  describe('feeds and sitemap', () => {
    it('the RSS and Atom feeds carry the opened drafts of every ward, each linking to its ward', async () => {
      const d1 = await t.db.draft.findFirstOrThrow({ where: { title: openTitle } });
      const d3 = await t.db.draft.findFirstOrThrow({ where: { title: 'Đề án nếp sống văn minh' } });
      const seeded = await t.db.draft.findFirstOrThrow({
        where: { ward: { slug: 'truong-quang-trong' }, state: { not: 'DRAFT' }, opensAt: { lte: t.clock.now() } },
      });
      const rss = await t.agent().get('/tinh/du-thao/feed.rss');
      expect(rss.headers['content-type']).toContain('application/rss+xml');
      expect(XMLValidator.validate(rss.text)).toBe(true);
      const items = new XMLParser().parse(rss.text).rss.channel.item as { title: string; link: string }[];
      const links = items.map((i) => i.link);
      expect(links).toContain(`${t.ctx.config.baseUrl}/phuong/nghia-lo/du-thao/${d1.id}`);
      expect(links).toContain(`${t.ctx.config.baseUrl}/phuong/tra-cau/du-thao/${d3.id}`);
      expect(links).toContain(`${t.ctx.config.baseUrl}/phuong/truong-quang-trong/du-thao/${seeded.id}`);
      expect(items.find((i) => i.link.endsWith(d1.id))?.title).toBe(`${openTitle} (Phường Nghĩa Lộ)`);

      const atom = await t.agent().get('/tinh/du-thao/feed.atom');
      expect(XMLValidator.validate(atom.text)).toBe(true);
      expect(atom.text).toContain(`/phuong/tra-cau/du-thao/${d3.id}`);
    });

    it('the sitemap covers every ward and its published drafts, never an unpublished one', async () => {
      const res = await t.agent().get('/tinh/sitemap.xml');
      expect(XMLValidator.validate(res.text)).toBe(true);
      const locs = [...res.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      const base = t.ctx.config.baseUrl;
      for (const slug of ['truong-quang-trong', 'nghia-lo', 'tra-cau']) expect(locs).toContain(`${base}/phuong/${slug}/`);
      const d3 = await t.db.draft.findFirstOrThrow({ where: { title: 'Đề án nếp sống văn minh' } });
      expect(locs).toContain(`${base}/phuong/tra-cau/du-thao/${d3.id}`);
      const unpublished = await t.db.draft.findFirstOrThrow({ where: { title: 'Quy định về chợ tạm' } });
      expect(locs.some((l) => l.includes(unpublished.id))).toBe(false);
    });
  });

  describe('province progress (the same figures as the ward pages, counted by hand)', () => {
    it('shows per ward: drafts consulted against 100 %, comments received and answered, tasks late, budgets', async () => {
      const res = await reviewer.get('/tinh/can-bo/tien-do');
      expect(res.status).toBe(200);
      const row = (slug: string) => visibleText(res.text.match(new RegExp(`<tr data-ward="${slug}">[\\s\\S]*?</tr>`))?.[0] ?? '');
      // Ward A: 1 of 2 drafts in scope consulted (50 %), 3 comments, 1 answered, 2 tasks late, 7,000,000 requested, 5,000,000 approved.
      expect(row('nghia-lo')).toBe('Phường Nghĩa Lộ Năm 2025 1/2 (50 %) Chưa đạt 3 1 2 7.000.000 đ 5.000.000 đ');
      // Ward B: 1 of 1 (100 %), 3 comments (one hidden), 2 answered, 1 task late, 3,000,000 requested, 2,500,000 approved.
      expect(row('tra-cau')).toBe('Phường Trà Câu Năm 2025 1/1 (100 %) Đạt 3 2 1 3.000.000 đ 2.500.000 đ');
      // Another year: no plan.
      const y2024 = await reviewer.get('/tinh/can-bo/tien-do?nam=2024');
      expect(visibleText(y2024.text)).toContain('Chưa có kế hoạch năm 2024');
    });

    it('a ward page shows its drafts with comment statistics and its reports, read-only', async () => {
      const res = await reviewer.get('/tinh/can-bo/phuong/nghia-lo');
      expect(res.status).toBe(200);
      const text = visibleText(res.text);
      expect(text).toContain('Tình hình thực hiện – Phường Nghĩa Lộ');
      expect(text).toContain('50 % dự thảo đã lấy ý kiến (1/2)');
      expect(text).toContain(`${openTitle} Đô thị Đang lấy ý kiến 01/10/2025 – 30/10/2025 3 1 2 0`);
      expect(res.text).not.toMatch(/<form method="post" action="\/tinh\/can-bo/);
      const seeded = await reviewer.get('/tinh/can-bo/phuong/truong-quang-trong');
      expect(visibleText(seeded.text)).toContain('Báo cáo tiến độ gần đây');
      expect((await reviewer.get('/tinh/can-bo/phuong/khong-co')).status).toBe(404);
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
      const res = await reviewer.get('/can-bo');
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
      const token = await csrfToken(reviewer, '/tinh/can-bo');
      const res = await reviewer
        .post('/tinh/can-bo/phuong')
        .type('form')
        .send({ _csrf: token, ...WARD_A, slug: 'phuong-moi', adminUsername: 'ai-do' });
      expect(res.status).toBe(403);
      expect(visibleText(res.text)).toContain('Không có quyền truy cập');
      expect((await reviewer.get('/tinh/can-bo/phuong/moi')).status).toBe(403);
      const ward = await reviewer.post('/can-bo/don-vi/moi').type('form').send({ _csrf: token, name: 'Đơn vị mới', kind: 'SPECIALIST' });
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
      expect(logs.map((l) => l.after).join(' ')).not.toContain(created['nghia-lo'].password);
      // Shown once: the page asked again does not show it.
      const again = await admin.get('/tinh/can-bo/phuong/nghia-lo/da-tao');
      expect(again.text).not.toContain(created['nghia-lo'].password);
      expect(visibleText(again.text)).toContain('đã được hiển thị và không thể xem lại');
      // The administrator signs in to the new ward's portal with it.
      const wardPortal = deploymentFor(t, 'nghia-lo').agent();
      await login(wardPortal, 'quantri-nghialo', created['nghia-lo'].password);
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
      const token = await csrfToken(admin, '/tinh/can-bo/phuong/moi');
      const bad = await admin
        .post('/tinh/can-bo/phuong')
        .type('form')
        .send({ _csrf: token, ...WARD_A, slug: 'Nghĩa Lộ!', name: 'Phường Mới', adminUsername: 'quantri-moi', email: 'khong-phai-thu' });
      expect(bad.status).toBe(400);
      const text = visibleText(bad.text);
      expect(text).toContain('Đường dẫn chỉ gồm chữ không dấu');
      expect(text).toContain('Thư điện tử của phường không đúng định dạng');
      expect(bad.text).toContain('value="Phường Mới"');

      const taken = await admin
        .post('/tinh/can-bo/phuong')
        .type('form')
        .send({ _csrf: token, ...WARD_A, adminUsername: 'quantri-moi' });
      expect(taken.status).toBe(400);
      expect(visibleText(taken.text)).toContain('Đường dẫn “nghia-lo” đã được phường khác sử dụng');
      const userTaken = await admin
        .post('/tinh/can-bo/phuong')
        .type('form')
        .send({ _csrf: token, ...WARD_A, slug: 'phuong-moi', adminUsername: 'tuphap' });
      expect(userTaken.status).toBe(400);
      expect(visibleText(userTaken.text)).toContain('Tên đăng nhập “tuphap” đã có người dùng');
      expect(await t.db.ward.count()).toBe(wards);
      expect(await t.db.user.count()).toBe(users);
    });

    it('refuses a form without its CSRF token', async () => {
      const res = await admin
        .post('/tinh/can-bo/phuong')
        .type('form')
        .send({ ...WARD_A, slug: 'khong-token' });
      expect(res.status).toBe(403);
      expect(await t.db.ward.count({ where: { slug: 'khong-token' } })).toBe(0);
    });
  });
});
