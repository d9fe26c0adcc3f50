/**
 * The shared look on the pages every visitor meets (home, login, errors,
 * officer home): accessibility, phone and desktop layout, no-JS forms, and the
 * design rules (lang="vi", one stylesheet, system fonts, nothing moving).
 */
import { describe, expect, test } from 'vitest';
import { check, logIn, screenshot, useE2E, type Visitor } from './helpers/setup.js';

const e2e = useE2E();

/** Layout rules checked on every page here: no sideways scrolling, one h1, nothing animated. */
async function expectCalmLayout(v: Visitor) {
  const facts = (await v.page.evaluate(`({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    h1: document.querySelectorAll('h1').length,
    lang: document.documentElement.lang,
    stylesheets: [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.getAttribute('href')),
    styleTags: document.querySelectorAll('style, [style]').length,
    fontFaces: document.fonts ? document.fonts.size : 0,
    marquee: document.querySelectorAll('marquee, blink').length,
  })`)) as { overflow: number; h1: number; lang: string; stylesheets: string[]; styleTags: number; fontFaces: number; marquee: number };
  expect(facts.overflow, `${v.page.url()} scrolls sideways at ${v.page.viewportSize()?.width}px`).toBeLessThanOrEqual(0);
  expect(facts.h1).toBe(1);
  expect(facts.lang).toBe('vi');
  expect(facts.stylesheets).toEqual(['/static/css/site.css']);
  expect(facts.styleTags).toBe(0);
  expect(facts.fontFaces, 'no web fonts').toBe(0);
  expect(facts.marquee).toBe(0);
  if (v.js) expect(await v.page.evaluate('document.getAnimations().length'), 'nothing moves by itself').toBe(0);
}

describe.each([
  { device: 'phone', javaScript: true },
  { device: 'desktop', javaScript: true },
] as const)('the shared pages on a $device', (opts) => {
  test('home page: ward and committee in the header, owner and contact in the footer', async () => {
    const v = await e2e.visitor(opts);
    await v.page.goto('/');
    await check(v, 'home');
    await expectCalmLayout(v);
    const header = v.page.getByRole('banner');
    await expect.poll(() => header.innerText()).toMatch(/Ủy ban nhân dân phường Trương Quang Trọng/i);
    const footer = v.page.getByRole('contentinfo');
    const footerText = await footer.innerText();
    expect(footerText).toContain('Cơ quan chủ quản');
    expect(footerText).toMatch(/Điện thoại: 0255 3000 000/);
    expect(footerText).toContain('ubnd.truongquangtrong@example.gov.vn');
    await expect
      .poll(() => v.page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allInnerTexts())
      .toEqual(expect.arrayContaining(['Dự thảo lấy ý kiến', 'Kế hoạch', 'Tra cứu góp ý', 'Cán bộ đăng nhập']));
  });

  test('login: a bad submission shows the error summary, per-field messages, and keeps the user name', async () => {
    const v = await e2e.visitor(opts);
    await v.page.goto('/');
    await v.page.getByRole('link', { name: 'Cán bộ đăng nhập' }).click();
    await check(v, 'login form');
    await expectCalmLayout(v);
    await v.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await check(v, 'login with errors', { status: 400 });
    const summary = v.page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa trước khi gửi' });
    await expect.poll(() => summary.isVisible()).toBe(true);
    await screenshot(v, 'login-errors');

    await v.page.getByLabel('Tên đăng nhập').fill('tuphap');
    await v.page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await v.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await check(v, 'login with wrong password', { status: 400 });
    expect(await v.page.getByLabel('Tên đăng nhập').inputValue()).toBe('tuphap');
    expect(await v.page.getByLabel('Mật khẩu').inputValue()).toBe('');
  });

  test('officer home after signing in, and signing out', async () => {
    const v = await e2e.visitor(opts);
    await v.page.goto('/can-bo');
    expect(new URL(v.page.url()).pathname).toBe('/dang-nhap');
    await logIn(v, 'tuphap');
    await v.page.goto('/can-bo');
    await check(v, 'officer home');
    await expectCalmLayout(v);
    await expect.poll(() => v.page.getByRole('heading', { level: 1 }).innerText()).toBe('Trang làm việc của cán bộ');
    await screenshot(v, 'officer-home');
    await v.page.getByRole('button', { name: /Đăng xuất/ }).click();
    await v.page.waitForLoadState();
    await expect.poll(() => v.page.getByRole('link', { name: 'Cán bộ đăng nhập' }).isVisible()).toBe(true);
  });

  test('a missing page answers 404 with a readable page', async () => {
    const v = await e2e.visitor(opts);
    await v.page.goto('/khong-co-trang-nay');
    await check(v, '404', { status: 404 });
    await expectCalmLayout(v);
    await expect.poll(() => v.page.getByRole('heading', { level: 1 }).innerText()).toBe('Không tìm thấy trang');
    await screenshot(v, 'not-found');
    await v.page.getByRole('link', { name: 'Về trang chủ' }).click();
    await v.page.waitForURL((u) => u.pathname === '/');
  });
});

describe('without JavaScript', () => {
  test('the login form still refuses bad input with the summary and signs in', async () => {
    const v = await e2e.visitor({ device: 'phone', javaScript: false });
    await v.page.goto('/dang-nhap');
    await v.page.getByLabel('Tên đăng nhập').fill('tuphap');
    await v.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await check(v, 'login with errors', { status: 400 });
    expect(await v.page.getByText('Có lỗi cần sửa trước khi gửi').isVisible()).toBe(true);
    expect(await v.page.getByLabel('Tên đăng nhập').inputValue()).toBe('tuphap');
    await logIn(v, 'tuphap');
    await v.page.goto('/can-bo');
    await check(v, 'officer home');
  });
});
