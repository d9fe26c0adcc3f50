/**
 * Notifications in Chromium: a resident subscribes to new drafts on a phone and
 * without JavaScript (errors summarised, typed address kept), confirms from the
 * link in the .eml the server wrote, and unsubscribes; the officer home with what
 * waits for them and the digest settings. Every page passes axe at 360 and 1440 px.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { check, expectErrorSummary, logIn, screenshot, useE2E } from './helpers/setup.js';

const e2e = useE2E();

/** The confirmation link of the newest mail to `email` in the server's DATA_DIR/mail. */
function linkFromMail(email: string, kind: 'xac-nhan' | 'huy'): string {
  const dir = path.join(e2e.server.dataDir, 'mail');
  const files = fs.readdirSync(dir).sort().reverse();
  for (const f of files) {
    const raw = fs.readFileSync(path.join(dir, f), 'utf8');
    if (!raw.includes(`To: ${email}`)) continue;
    const flat = raw.replace(/=\r?\n/g, '');
    const m = new RegExp(`/nhan-tin/${kind}/([A-Za-z0-9_.-]+)`).exec(flat);
    if (m) return `/nhan-tin/${kind}/${m[1]}`;
  }
  throw new Error(`no mail to ${email}`);
}

describe('residents who want to be told, officers’ work in front of them', () => {
  test.each([
    ['phone', false],
    ['desktop', true],
  ] as const)('a resident subscribes on a %s (JavaScript %s), confirms and unsubscribes', async (device, javaScript) => {
    const email = `cu-dan-${device}@example.vn`;
    const v = await e2e.visitor({ device, javaScript });
    await v.page.goto('/du-thao');
    await v.page.getByRole('link', { name: 'Nhận thư báo khi có dự thảo mới' }).click();
    await check(v, `subscribe-${device}`);
    await screenshot(v, 'subscribe');
    await v.page.getByLabel('Thư điện tử', { exact: true }).fill(email);
    await v.page.getByRole('button', { name: 'Đăng ký' }).click();
    expect(await expectErrorSummary(v, 'subscribe without consent')).toContain(
      'Vui lòng đánh dấu đồng ý để UBND phường lưu thư điện tử của bạn cho việc gửi thư báo.',
    );
    expect(await v.page.getByLabel('Thư điện tử', { exact: true }).inputValue()).toBe(email);
    await v.page.getByLabel(/Tôi đồng ý/).check();
    await v.page.getByRole('button', { name: 'Đăng ký' }).click();
    await check(v, `subscribe-sent-${device}`);
    expect(await v.page.getByRole('heading', { level: 1 }).textContent()).toBe('Vui lòng kiểm tra thư điện tử');

    await v.page.goto(linkFromMail(email, 'xac-nhan'));
    await check(v, `subscribe-confirm-${device}`);
    await v.page.getByRole('button', { name: 'Xác nhận đăng ký' }).click();
    await check(v, `subscribe-confirmed-${device}`);
    expect(await v.page.getByText('Đăng ký đã được xác nhận').isVisible()).toBe(true);
    await v.page.getByRole('link', { name: 'Hủy đăng ký' }).click();
    await check(v, `unsubscribe-${device}`);
    await v.page.getByRole('button', { name: 'Hủy đăng ký' }).click();
    await check(v, `unsubscribed-${device}`);
    expect(await e2e.server.db.subscription.count({ where: { email } })).toBe(0);
  });

  test.each(['phone', 'desktop'] as const)('the officer home and digest settings on a %s', async (device) => {
    const v = await e2e.visitor({ device, javaScript: true });
    await logIn(v, 'tuphap');
    await v.page.goto('/can-bo');
    await check(v, `officer-worklist-${device}`);
    await screenshot(v, 'officer-worklist');
    await v.page.getByRole('link', { name: 'Nhận bản tin hằng ngày qua thư điện tử' }).click();
    await check(v, `digest-settings-${device}`);
    await v.page.getByLabel('Nhận bản tin hằng ngày qua thư điện tử').check();
    await v.page.getByLabel('Thư điện tử công vụ').fill('');
    await v.page.getByRole('button', { name: 'Lưu' }).click();
    expect(await expectErrorSummary(v, 'digest without e-mail')).toContain('Vui lòng nhập thư điện tử để nhận bản tin hằng ngày.');
  });

  test.each(['phone', 'desktop'] as const)('a unit plans an activity for its task and raises an obstacle from the task page on a %s', async (device) => {
    const db = e2e.server.db;
    const vanhoa = await db.user.findUniqueOrThrow({ where: { username: 'vanhoa' } });
    const task = await db.task.findFirstOrThrow({ where: { units: { some: { unitId: vanhoa.unitId! } } }, orderBy: { ordinal: 'asc' } });
    const v = await e2e.visitor({ device, javaScript: device === 'desktop' });
    await logIn(v, 'vanhoa');
    await v.page.goto(`/can-bo/nhiem-vu/${task.id}`);
    await check(v, `task-actions-${device}`);
    await v.page.getByRole('link', { name: /Xem và lập kế hoạch cụ thể/ }).click();
    await check(v, `planned-${device}`);
    await v.page.getByLabel('Nội dung hoạt động').fill(`Họp dân tổ 4 (${device})`);
    await v.page.getByRole('button', { name: 'Thêm vào kế hoạch' }).click();
    expect(await expectErrorSummary(v, 'planned without time')).toContain('Vui lòng nhập thời gian dự kiến: ngày (dd/mm/yyyy) hoặc tháng (mm/yyyy).');
    await v.page.getByLabel('Thời gian dự kiến').fill('12/2025');
    await v.page.getByLabel('Kênh truyền thông').selectOption('MEETING');
    await v.page.getByRole('button', { name: 'Thêm vào kế hoạch' }).click();
    await check(v, `planned-added-${device}`);
    await screenshot(v, 'planned');
    expect(await v.page.getByRole('rowheader', { name: new RegExp(`Họp dân tổ 4 \\(${device}\\)`) }).isVisible()).toBe(true);
    await v.page.goto(`/can-bo/nhiem-vu/${task.id}`);
    await v.page.getByRole('link', { name: 'Phản ánh khó khăn' }).click();
    await check(v, `obstacle-form-${device}`);
    expect(await v.page.locator('input[type=file][name=files]').count()).toBe(1);
  });
});
