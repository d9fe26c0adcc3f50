/**
 * The notice (Thông báo lấy ý kiến) and the loudspeaker bulletin of a draft in
 * Chromium: the QR code drawn on the server is read back from a rendered PNG
 * to the draft's URL, the notice prints on one A4 page, the pages pass axe at
 * 360 and 1440 px, and using either records a communication activity.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { check, expectErrorSummary, logIn, screenshot, useE2E, vnDateInput } from './helpers/setup.js';

const e2e = useE2E();

describe('posters and bulletins for a draft', () => {
  let draftId = '';
  let taskId = '';

  beforeAll(async () => {
    const db = e2e.server.db;
    // A demo draft of the root ward open for comment now (the server's clock is the real one; the second demo ward has one too).
    const now = new Date();
    const draft = await db.draft.findFirstOrThrow({
      where: { ward: { slug: 'truong-quang-trong' }, state: 'PUBLISHED', opensAt: { lte: now }, closesAt: { gte: now } },
      orderBy: { opensAt: 'desc' },
    });
    draftId = draft.id;
    taskId = draft.taskId ?? (await db.task.findFirstOrThrow({ where: { plan: { ward: { slug: 'truong-quang-trong' } } }, orderBy: { ordinal: 'asc' } })).id;
    if (!draft.taskId) await db.draft.update({ where: { id: draft.id }, data: { taskId } });
  });

  test.each(['phone', 'desktop'] as const)('the notice on a %s: readable, accessible, and its QR code opens the draft', async (device) => {
    const v = await e2e.visitor({ device, javaScript: true });
    await logIn(v, 'tuphap');
    await v.page.goto(`/can-bo/du-thao/${draftId}/thong-bao`);
    await check(v, `poster-${device}`);
    await screenshot(v, 'poster');
    const png = PNG.sync.read(await v.page.locator('.poster__qr-code svg').screenshot());
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(`${e2e.server.baseUrl}/du-thao/${draftId}`);
  });

  test('the off-line intake and similar-comment pages: accessible, errors summarised, a meeting recorded', async () => {
    const v = await e2e.visitor({ device: 'phone', javaScript: true });
    await logIn(v, 'tuphap');
    await v.page.goto(`/can-bo/du-thao/${draftId}/y-kien-truc-tiep`);
    await check(v, 'offline-intake');
    await v.page.getByLabel('Nội dung ý kiến').first().fill('Đề nghị mở cửa nhà văn hóa đến 22 giờ.');
    await v.page.getByRole('button', { name: 'Ghi nhận ý kiến', exact: true }).last().click();
    expect(await expectErrorSummary(v, 'intake without channel')).toContain('Vui lòng chọn hình thức nhận ý kiến.');
    await screenshot(v, 'offline-intake-errors');
    expect(await v.page.getByLabel('Nội dung ý kiến').first().inputValue()).toBe('Đề nghị mở cửa nhà văn hóa đến 22 giờ.');
    await v.page.getByLabel('Tại hội nghị, cuộc họp').check();
    await v.page.getByLabel('Ngày họp hoặc ngày nhận').fill(vnDateInput(0));
    await v.page.getByLabel('Địa điểm').fill('Nhà văn hóa tổ dân phố 2');
    await v.page.getByLabel('Số người dự').fill('35');
    await v.page.getByRole('button', { name: 'Ghi nhận ý kiến', exact: true }).last().click();
    await check(v, 'offline-intake-recorded');
    expect(await v.page.getByText('Đã ghi nhận 1 ý kiến').isVisible()).toBe(true);
    await v.page.goto(`/can-bo/du-thao/${draftId}/y-kien-tuong-tu`);
    await check(v, 'similar-comments');
    await screenshot(v, 'similar-comments');
  });

  test('the notice prints on one A4 page without the site around it', async () => {
    const v = await e2e.visitor({ device: 'desktop', javaScript: true });
    await logIn(v, 'tuphap');
    await v.page.goto(`/can-bo/du-thao/${draftId}/thong-bao`);
    await v.page.emulateMedia({ media: 'print' });
    await screenshot(v, 'print-poster');
    const hidden = await v.page.evaluate(
      `[...document.querySelectorAll('.site-header, .site-footer, form')].every((e) => getComputedStyle(e).display === 'none')`,
    );
    expect(hidden).toBe(true);
    const pdf = await v.page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
  });

  test('a unit official edits the bulletin, sees its reading time, and records broadcasts and the notice board', async () => {
    const db = e2e.server.db;
    const link = await db.taskUnit.findFirstOrThrow({ where: { taskId }, include: { unit: { include: { users: true } } } });
    const username = link.unit.users.find((u) => u.role === 'UNIT')?.username ?? 'tuphap';
    const v = await e2e.visitor({ device: 'phone', javaScript: false });
    await logIn(v, username);
    await v.page.goto(`/can-bo/du-thao/${draftId}/tin-phat-thanh`);
    await check(v, 'bulletin');
    await screenshot(v, 'bulletin');
    const text = v.page.getByLabel('Nội dung tin phát thanh');
    expect(await text.inputValue()).toContain('Thời gian lấy ý kiến từ ngày');
    await text.fill('Kính thưa bà con. Phường lấy ý kiến về dự thảo, mời bà con góp ý tại nhà văn hóa tổ dân phố.');
    await v.page.getByRole('button', { name: 'Tính lại thời lượng' }).click();
    expect(await v.page.getByText('Thời lượng đọc: khoảng 9 giây (23 tiếng').isVisible()).toBe(true);
    await v.page.getByLabel('Số lần phát').fill('');
    await v.page.getByRole('button', { name: 'Ghi nhận đã phát' }).click();
    expect(await expectErrorSummary(v, 'bulletin without times')).toEqual(['Vui lòng nhập số lần phát.']);
    expect(await text.inputValue()).toContain('mời bà con góp ý tại nhà văn hóa');
    const before = await db.communicationActivity.count({ where: { taskId, draftId } });
    await v.page.getByLabel('Số lần phát').fill('3');
    await v.page.getByLabel('Ngày phát').fill(vnDateInput(0));
    await v.page.getByRole('button', { name: 'Ghi nhận đã phát' }).click();
    await check(v, 'bulletin recorded');
    expect(await db.communicationActivity.count({ where: { taskId, draftId, channel: 'LOUDSPEAKER' } })).toBe(1);

    await v.page.goto(`/can-bo/du-thao/${draftId}/thong-bao`);
    await v.page.getByLabel('Số bảng tin đã niêm yết').fill('12');
    await v.page.getByLabel('Ngày niêm yết').fill(vnDateInput(0));
    await v.page.getByRole('button', { name: 'Ghi nhận đã niêm yết' }).click();
    await check(v, 'poster recorded');
    expect(await db.communicationActivity.count({ where: { taskId, draftId } })).toBe(before + 2);
    expect(await db.communicationActivity.count({ where: { taskId, draftId, channel: 'NOTICE_BOARD' } })).toBe(1);
  });
});
