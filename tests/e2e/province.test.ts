/**
 * The province pages in a real browser, on a 360 px phone and a 1440 px desktop:
 * the landing page and a search typed without diacritics, the province sign-in,
 * the Sở Tư pháp's progress page and a ward's page, and the SUPERADMIN's form
 * for a new ward (refused, then accepted, the one-time password shown once).
 * Each page passes axe and fits the phone.
 */
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.js';
import { check, expectErrorSummary, go, screenshot, useE2E, type Visitor } from './helpers/setup.js';

const e2e = useE2E();

async function provinceLogIn(v: Visitor, username: string) {
  await v.page.goto('/tinh/dang-nhap');
  await v.page.getByLabel('Tên đăng nhập').fill(username);
  await v.page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await go(v, v.page.getByRole('button', { name: 'Đăng nhập' }));
  expect(new URL(v.page.url()).pathname, `province login as ${username}`).toBe('/tinh/can-bo');
}

describe.each(['phone', 'desktop'] as const)('province pages on a %s', (device) => {
  test('landing page, search without diacritics, the reviewer’s progress and ward pages', async () => {
    const v = await e2e.visitor({ device, javaScript: true });
    const { page } = v;
    await page.goto('/tinh');
    await check(v, 'province landing');
    await screenshot(v, 'province-landing');
    const open = await e2e.server.db.draft.findFirstOrThrow({ where: { state: 'PUBLISHED', opensAt: { lte: new Date() }, closesAt: { gte: new Date() } } });
    const words = open.title.split(' ').slice(0, 3).join(' ');
    const folded = words
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D');
    await page.getByLabel('Tìm dự thảo đang lấy ý kiến').fill(folded);
    await go(v, page.getByRole('button', { name: 'Tìm' }));
    await check(v, 'province search');
    expect(await page.getByRole('link', { name: open.title }).count()).toBeGreaterThan(0);

    await provinceLogIn(v, 'sotuphap');
    await check(v, 'province officer home');
    await go(v, page.getByRole('link', { name: 'Tiến độ các phường, xã', exact: true }).first());
    await check(v, 'province progress');
    await screenshot(v, 'province-progress');
    await go(v, page.getByRole('link', { name: 'Phường Trương Quang Trọng' }).first());
    await check(v, 'province view of a ward');
    expect(await page.getByRole('heading', { name: 'Dự thảo và thống kê ý kiến' }).isVisible()).toBe(true);
  });

  test('the SUPERADMIN creates a ward: errors on the same form, then the one-time password once', async () => {
    const v = await e2e.visitor({ device, javaScript: true });
    const { page } = v;
    await provinceLogIn(v, 'quantri-tinh');
    await go(v, page.getByRole('link', { name: 'Các phường, xã', exact: true }));
    await check(v, 'wards list');
    await go(v, page.getByRole('link', { name: 'Thêm phường, xã' }));
    await check(v, 'new ward form');
    await page.getByLabel('Tên phường, xã').fill('Phường Nghĩa Chánh');
    await page.locator('#slug').fill('Nghĩa Chánh');
    await go(v, page.getByRole('button', { name: 'Tạo phường, xã' }));
    const messages = await expectErrorSummary(v, 'new ward form with errors');
    expect(messages.join(' ')).toContain('Đường dẫn chỉ gồm chữ không dấu');
    expect(await page.getByLabel('Tên phường, xã').inputValue()).toBe('Phường Nghĩa Chánh');
    await screenshot(v, 'province-new-ward-errors');

    const slug = `nghia-chanh-${device}`;
    await page.locator('#slug').fill(slug);
    await page.getByLabel('Tên Ủy ban nhân dân').fill('Ủy ban nhân dân phường Nghĩa Chánh');
    await page.getByLabel('Địa danh ghi trên văn bản').fill('Nghĩa Chánh');
    await page.getByLabel('Cơ quan cấp trên').fill('UBND tỉnh Quảng Ngãi');
    await page.locator('#adminUsername').fill(`quantri-${slug}`);
    await page.locator('#adminFullName').fill('Ngô Thị Lan');
    await go(v, page.getByRole('button', { name: 'Tạo phường, xã' }));
    await check(v, 'ward created');
    const password = (await page.getByTestId('one-time-password').innerText()).trim();
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    await page.reload();
    expect(await page.getByTestId('one-time-password').count()).toBe(0);
  });
});
