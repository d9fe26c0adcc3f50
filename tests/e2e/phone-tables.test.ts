/**
 * What a new user stumbled on, in a real browser: on a 360 px phone every table
 * shows its key columns (one card per row, each value under its column's name),
 * tap targets are at least 24×24 px (axe at WCAG 2.2 AA checks every page; the
 * per-article links are measured here), and the comment body has a live
 * character counter that the form does not need.
 */
import { describe, expect, test } from 'vitest';
import { check, logIn, logOut, screenshot, useE2E, type Visitor } from './helpers/setup.js';

const e2e = useE2E();

type CellFact = { label: string; before: string; text: string; left: number; right: number; width: number; height: number };

/** Every labelled cell of the page's tables: its box and the label drawn before it. */
async function labelledCells(v: Visitor): Promise<CellFact[]> {
  return (await v.page.evaluate(`[...document.querySelectorAll('table.table-cards [data-label]')].map((c) => {
    const r = c.getBoundingClientRect();
    return { label: c.getAttribute('data-label'), before: getComputedStyle(c, '::before').content, text: c.innerText.trim(),
      left: r.left, right: r.right, width: r.width, height: r.height };
  })`)) as CellFact[];
}

/** The cells of the given columns are on screen, whole, with their column's name shown before the value. */
async function expectColumnsVisible(v: Visitor, where: string, columns: string[]) {
  const cells = await labelledCells(v);
  const width = v.page.viewportSize()!.width;
  for (const column of columns) {
    const shown = cells.filter((c) => c.label === column && c.text !== '');
    expect(shown.length, `${where}: no "${column}" values`).toBeGreaterThan(0);
    for (const c of shown) {
      expect(c.left, `${where}: "${column}" ${c.text} starts off-screen`).toBeGreaterThanOrEqual(0);
      expect(c.right, `${where}: "${column}" ${c.text} ends off-screen`).toBeLessThanOrEqual(width);
      expect(c.height, `${where}: "${column}" hidden`).toBeGreaterThan(0);
      if (width <= 640) expect(c.before, `${where}: "${column}" has no label on a phone`).toMatch(new RegExp(`^"${column}"( / "")?$`));
    }
  }
  const overflow = (await v.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  expect(overflow, `${where} scrolls sideways`).toBeLessThanOrEqual(0);
}

describe('a 360 px phone', () => {
  test('budget line items, the drafts table and the monthly table show every key column, labelled', async () => {
    const v = await e2e.visitor({ device: 'phone', javaScript: true });
    const estimate = await e2e.server.db.budgetEstimate.findFirstOrThrow({
      where: { lines: { some: {} }, task: { plan: { ward: { slug: 'truong-quang-trong' } } } },
      orderBy: { createdAt: 'asc' },
    });
    await logIn(v, 'chutich');

    await v.page.goto(`/can-bo/du-toan/${estimate.id}`);
    await check(v, 'budget estimate');
    await expectColumnsVisible(v, 'budget lines', ['Nội dung chi', 'Số lượng', 'Đơn giá', 'Thành tiền']);
    const total = await v.page.locator('table.table-cards tfoot td[data-label="Thành tiền"]').boundingBox();
    expect(total && total.x + total.width).toBeLessThanOrEqual(360);
    await screenshot(v, 'budget-estimate-cards');

    // The audit log: field-by-field changes as cards, no sideways scrolling, a short page.
    const db = e2e.server.db;
    const ward = await db.ward.findUniqueOrThrow({ where: { slug: 'truong-quang-trong' } });
    const officer = await db.user.findFirstOrThrow({ where: { username: 'tuphap' } });
    const long = 'Quy định mức hỗ trợ cho tổ dân phố trên địa bàn phường. '.repeat(8);
    await db.auditLog.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        wardId: ward.id,
        userId: officer.id,
        action: 'draft.update',
        entityType: 'Draft',
        entityId: `e2e-${i}`,
        before: JSON.stringify({ title: `Dự thảo ${i}`, summary: long, opensAt: '2025-10-01T00:00:00.000Z', state: 'DRAFT' }),
        after: JSON.stringify({ title: `Dự thảo ${i} (sửa)`, summary: `${long}Bổ sung.`, opensAt: '2025-10-05T00:00:00.000Z', state: 'PUBLISHED' }),
      })),
    });
    await v.page.goto('/can-bo/nhat-ky');
    await check(v, 'audit log');
    const audit = (await v.page.evaluate(`({ overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      perEntry: document.body.scrollHeight / Math.max(1, document.querySelectorAll('.audit-entry').length),
      json: document.querySelectorAll('pre').length })`)) as { overflow: number; perEntry: number; json: number };
    expect(audit.overflow).toBeLessThanOrEqual(0);
    expect(audit.json).toBe(0);
    expect(await v.page.locator('.audit-entry').count()).toBe(25);
    expect(await v.page.locator('.audit-entry').first().innerText()).toMatch(/Sửa thông tin dự thảo — Dự thảo: Dự thảo \d+ \(sửa\)/);
    expect(audit.perEntry, 'px of page per audit entry').toBeLessThan(1500);
    await screenshot(v, 'audit-log');

    await v.page.goto('/can-bo/tien-do');
    await check(v, 'progress page');
    await expectColumnsVisible(v, 'progress page', ['Đề nghị', 'Được duyệt', 'Hoạt động', 'Số người', 'Báo cáo']);
    await screenshot(v, 'progress-cards');

    await logOut(v);
    await logIn(v, 'tuphap');
    await v.page.goto('/can-bo/du-thao');
    await check(v, 'officer drafts list');
    await expectColumnsVisible(v, 'drafts table', ['Trạng thái', 'Thời gian lấy ý kiến', 'Ý kiến']);
    await screenshot(v, 'officer-drafts-cards');
  });

  test("the per-article links are large enough to tap, and the count opens that article's comments", async () => {
    const v = await e2e.visitor({ device: 'phone', javaScript: true });
    const db = e2e.server.db;
    const draft = await db.draft.findFirstOrThrow({
      where: {
        ward: { slug: 'truong-quang-trong' },
        state: { in: ['PUBLISHED', 'CLOSED', 'ANSWERED'] },
        comments: { some: { status: 'PUBLISHED', sectionId: { not: null } } },
      },
    });
    await v.page.goto(`/du-thao/${draft.id}`);
    await check(v, 'draft page');
    const links = v.page.locator('.draft-part__actions a');
    const n = await links.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const box = (await links.nth(i).boundingBox())!;
      expect(box.width, await links.nth(i).innerText()).toBeGreaterThanOrEqual(24);
      expect(box.height, await links.nth(i).innerText()).toBeGreaterThanOrEqual(24);
    }
    const count = v.page.locator('a.draft-part__count').first();
    const label = (await count.innerText()).trim();
    await count.click();
    await check(v, 'comments on one article');
    expect(new URL(v.page.url()).searchParams.get('dieu')).toMatch(/^dieu-/);
    await expect
      .poll(() => v.page.locator('#y-kien-cong-khai').innerText())
      .toMatch(new RegExp(`^Ý kiến góp ý về Điều \\d+\\w* \\(${label.split(' ')[0]}\\)$`));
  });
});

describe.each([true, false])('the comment body with JavaScript %s', (javaScript) => {
  test(javaScript ? 'counts characters as the resident types' : 'the form works without the counter', async () => {
    const v = await e2e.visitor({ device: 'phone', javaScript });
    const draft = await e2e.server.db.draft.findFirstOrThrow({
      where: { ward: { slug: 'truong-quang-trong' }, state: 'PUBLISHED', opensAt: { lte: new Date() }, closesAt: { gt: new Date() } },
    });
    await v.page.goto(`/du-thao/${draft.id}/gop-y`);
    await check(v, 'comment form');
    const counter = v.page.locator('#body-counter');
    const body = v.page.getByLabel('Nội dung góp ý');
    if (!javaScript) {
      expect(await counter.isVisible()).toBe(false);
      expect(await v.page.locator('#body-hint').innerText()).toMatch(/Tối đa [\d.]+ ký tự/);
      return;
    }
    const start = await counter.innerText();
    const limit = Number(/\/ ([\d.]+) ký tự/.exec(start)![1].replace(/\./g, ''));
    expect(start).toMatch(/^Còn [\d.]+ \/ [\d.]+ ký tự$/);
    await body.fill('Đề nghị');
    await expect.poll(() => counter.innerText()).toBe(`Còn ${(limit - 7).toLocaleString('vi-VN')} / ${limit.toLocaleString('vi-VN')} ký tự`);
    // Decomposed input counts as the server will store it (composed).
    await body.fill('Đề nghị'.normalize('NFD'));
    await expect.poll(() => counter.innerText()).toBe(`Còn ${(limit - 7).toLocaleString('vi-VN')} / ${limit.toLocaleString('vi-VN')} ký tự`);
    await body.fill('a'.repeat(limit + 3));
    await expect.poll(() => counter.innerText()).toBe(`Vượt quá 3 ký tự (tối đa ${limit.toLocaleString('vi-VN')})`);
    await check(v, 'comment form over the limit');
  });
});
