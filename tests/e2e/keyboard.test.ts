/**
 * Keyboard only: the skip link comes first and works, every focused control
 * shows a visible focus ring, the order follows the page, and after a failed
 * submit the error summary takes focus and its links move to the fields.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { check, useE2E } from './helpers/setup.js';

const e2e = useE2E();

type Focused = { tag: string; text: string; id: string; focusVisible: boolean; ring: boolean; inViewport: boolean; name: string };

async function focused(page: Page): Promise<Focused> {
  return (await page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', text: '', id: '', focusVisible: false, ring: false, inViewport: false, name: '' };
    const s = getComputedStyle(el);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || '').trim().slice(0, 80), id: el.id,
      name: el.getAttribute('name') || '',
      focusVisible: el.matches(':focus-visible'), ring: !!ring,
      inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    };
  })()`)) as Focused;
}

describe('keyboard only', () => {
  test('the skip link is the first stop, visible when focused, and moves to the main content', async () => {
    const v = await e2e.visitor({ device: 'desktop', javaScript: true });
    await v.page.goto('/');
    await v.page.keyboard.press('Tab');
    const first = await focused(v.page);
    expect(first.text).toBe('Bỏ qua, đến nội dung chính');
    expect(first.inViewport, 'skip link shows when focused').toBe(true);
    expect(first.ring, 'skip link has a focus ring').toBe(true);
    await v.page.keyboard.press('Enter');
    expect((await focused(v.page)).id).toBe('noi-dung');
    await v.page.keyboard.press('Tab');
    const inMain = (await v.page.evaluate('!!document.activeElement.closest("main")')) as boolean;
    expect(inMain, 'the next Tab after the skip link lands inside the main content').toBe(true);
  });

  test('every stop on the home page shows a focus ring, in reading order, header first', async () => {
    const v = await e2e.visitor({ device: 'desktop', javaScript: true });
    await v.page.goto('/');
    const stops: Focused[] = [];
    for (let i = 0; i < 40; i++) {
      await v.page.keyboard.press('Tab');
      const f = await focused(v.page);
      if (f.tag === 'body' || stops.some((s) => s.text === f.text && s.tag === f.tag && s.text)) break;
      stops.push(f);
    }
    expect(stops.length).toBeGreaterThan(5);
    for (const s of stops) {
      expect(s.focusVisible, `${s.tag} "${s.text}" matches :focus-visible`).toBe(true);
      expect(s.ring, `${s.tag} "${s.text}" shows an outline or box-shadow when focused`).toBe(true);
      expect(s.inViewport, `${s.tag} "${s.text}" is on screen when focused`).toBe(true);
    }
    const texts = stops.map((s) => s.text);
    expect(texts.slice(0, 3)).toEqual(['Bỏ qua, đến nội dung chính', expect.stringMatching(/Ủy ban nhân dân phường/i), 'Dự thảo lấy ý kiến']);
    expect(texts.indexOf('Cán bộ đăng nhập')).toBeLessThan(texts.indexOf('Xem dự thảo đang lấy ý kiến'));
  });

  test('the login form by keyboard: the error summary takes focus and its links move to the fields', async () => {
    const v = await e2e.visitor({ device: 'desktop', javaScript: true });
    await v.page.goto('/dang-nhap');
    // Skip link, then into the form.
    await v.page.keyboard.press('Tab');
    await v.page.keyboard.press('Enter');
    let guard = 0;
    while ((await focused(v.page)).id !== 'username' && guard++ < 20) await v.page.keyboard.press('Tab');
    const user = await focused(v.page);
    expect(user.id).toBe('username');
    expect(user.ring, 'text field focus ring').toBe(true);
    await v.page.keyboard.type('tuphap');
    await v.page.keyboard.press('Tab');
    expect((await focused(v.page)).id).toBe('password');
    await v.page.keyboard.press('Tab');
    const button = await focused(v.page);
    expect(button.text).toBe('Đăng nhập');
    expect(button.ring, 'button focus ring').toBe(true);
    await Promise.all([v.page.waitForNavigation(), v.page.keyboard.press('Enter')]);
    await check(v, 'login with errors', { status: 400 });

    const summary = await v.page.evaluate('document.activeElement.hasAttribute("data-error-summary")');
    expect(summary, 'the error summary has focus after the failed submit').toBe(true);
    expect((await focused(v.page)).ring, 'the focused error summary shows a ring').toBe(true);
    await v.page.keyboard.press('Tab');
    const link = await focused(v.page);
    expect(link.tag).toBe('a');
    expect(link.text).toMatch(/mật khẩu/i);
    await v.page.keyboard.press('Enter');
    const field = await focused(v.page);
    expect(field.id, 'the summary link moves focus to its field').toBe('password');
    expect(field.inViewport).toBe(true);
    expect(await v.page.getByLabel('Tên đăng nhập').inputValue()).toBe('tuphap');
  });

  test('the comment form by keyboard: a summary link to a group of radios moves to its first choice', async () => {
    const v = await e2e.visitor({ device: 'phone', javaScript: true });
    await v.page.goto('/du-thao');
    await v.page
      .getByRole('region', { name: /^Đang lấy ý kiến/ })
      .getByRole('heading')
      .getByRole('link')
      .first()
      .click();
    await v.page.getByRole('link', { name: 'Góp ý toàn bộ dự thảo' }).first().click();
    await v.page.waitForLoadState();
    let guard = 0;
    while ((await focused(v.page)).text !== 'Gửi góp ý' && guard++ < 40) await v.page.keyboard.press('Tab');
    expect((await focused(v.page)).text, 'the submit button is reachable by Tab').toBe('Gửi góp ý');
    expect((await focused(v.page)).ring).toBe(true);
    await Promise.all([v.page.waitForNavigation(), v.page.keyboard.press('Enter')]);
    await check(v, 'comment form with errors', { status: 400 });
    expect(await v.page.evaluate('document.activeElement.hasAttribute("data-error-summary")')).toBe(true);
    await v.page.keyboard.press('Tab');
    expect((await focused(v.page)).text).toMatch(/tư cách/);
    await v.page.keyboard.press('Enter');
    const radio = await focused(v.page);
    expect(radio.tag).toBe('input');
    expect(radio.name).toBe('respondentType');
    expect(radio.ring, 'the radio shows a focus ring').toBe(true);
    // The honeypot is never reached by Tab.
    const stops: string[] = [];
    for (let i = 0; i < 30; i++) {
      await v.page.keyboard.press('Tab');
      stops.push((await v.page.evaluate('document.activeElement.name || ""')) as string);
    }
    expect(stops).not.toContain('website');
  });
});
