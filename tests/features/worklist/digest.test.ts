import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDailyDigest } from '../../../src/features/worklist/digest.js';
import { createTestApp, submitForm, type TestApp, visibleText } from '../../helpers/test-app.js';

const mails = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    : [];

describe('the daily e-mail digest for officers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('an officer opts in on their settings page; bad input comes back with what was typed', async () => {
    const a = await t.loginAs('tuphap');
    const bad = await submitForm(a, '/can-bo/tai-khoan', '/can-bo/tai-khoan', { email: 'thanh@', digestOptIn: '1' });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.text)).toContain('Thư điện tử không hợp lệ');
    expect(bad.text).toContain('value="thanh@"');
    const none = await submitForm(a, '/can-bo/tai-khoan', '/can-bo/tai-khoan', { email: '', digestOptIn: '1' });
    expect(visibleText(none.text)).toContain('Vui lòng nhập thư điện tử để nhận bản tin hằng ngày.');
    const ok = await submitForm(a, '/can-bo/tai-khoan', '/can-bo/tai-khoan', { email: 'Thanh@Phuong.gov.vn', digestOptIn: '1' });
    expect(ok.status).toBe(303);
    const page = await a.get('/can-bo/tai-khoan');
    expect(page.text).toContain('value="thanh@phuong.gov.vn"');
    expect(page.text).toMatch(/id="digestOptIn" name="digestOptIn" value="1" checked/);
  });

  it('sends one digest a day to each opted-in officer with something waiting, listing the same counts as the home page', async () => {
    await t.db.user.update({ where: { username: 'chutich' }, data: { email: 'chutich@phuong.gov.vn', digestOptIn: true } });
    await t.db.user.update({ where: { username: 'vanhoa' }, data: { email: 'hoa@phuong.gov.vn', digestOptIn: false } });
    // An official of no unit has nothing waiting: no mail even when opted in.
    const tuphap = await t.db.user.findUniqueOrThrow({ where: { username: 'tuphap' } });
    await t.db.user.create({
      data: {
        wardId: t.wardId,
        username: 'khongviec',
        fullName: 'Người Không Việc',
        role: 'UNIT',
        passwordHash: tuphap.passwordHash,
        email: 'lan@phuong.gov.vn',
        digestOptIn: true,
      },
    });
    const mailDir = path.join(t.dataDir, 'mail');
    const home = (await (await t.loginAs('tuphap')).get('/can-bo')).text;
    const pending = Number(/data-work="moderation">\s*<p class="work-item__head"><span class="work-item__count">(\d+)/.exec(home)![1]);

    const first = await runDailyDigest(t.ctx);
    expect(first).toEqual({ sent: 2, nothingWaiting: 1 });
    const sent = mails(mailDir);
    expect(sent).toHaveLength(2);
    const toJustice = sent.find((m) => m.includes('To: thanh@phuong.gov.vn'))!;
    expect(toJustice).toBeDefined();
    expect(sent.some((m) => m.includes('hoa@phuong.gov.vn') || m.includes('lan@phuong.gov.vn'))).toBe(false);
    const body = Buffer.from(
      toJustice
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join('\n\n')
        .replace(/=\r?\n/g, ''),
      'utf8',
    ).toString();
    const decoded = decodeMail(body);
    expect(decoded).toContain(`Ý kiến chờ kiểm duyệt: ${pending}`);
    expect(decoded).toContain('/can-bo/tai-khoan');
    expect((await t.db.user.findUniqueOrThrow({ where: { username: 'tuphap' } })).digestLastSentOn).toBe('2025-10-15');

    // A second run the same day sends nothing.
    expect((await runDailyDigest(t.ctx)).sent).toBe(0);
    expect(mails(mailDir)).toHaveLength(2);
    // The next day it goes out again.
    t.clock.set('2025-10-16T01:00:00.000Z');
    expect((await runDailyDigest(t.ctx)).sent).toBe(2);
    expect(mails(mailDir)).toHaveLength(4);
  });
});

/** The text part of an .eml written by nodemailer (quoted-printable or base64). */
function decodeMail(raw: string): string {
  if (/^[A-Za-z0-9+/=\s]+$/.test(raw.trim())) return Buffer.from(raw, 'base64').toString('utf8');
  return Buffer.from(
    raw.replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
}
