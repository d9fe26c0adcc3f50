import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, submitForm, type TestApp, visibleText } from '../../helpers/test-app.js';

/** Every .eml written so far, decoded enough to read headers and the text part. */
function mailbox(t: TestApp) {
  const dir = path.join(t.dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const raw = fs.readFileSync(path.join(dir, f), 'utf8');
      const [head, ...rest] = raw.split(/\n\n/);
      const body = rest.join('\n\n');
      const text = /Content-Transfer-Encoding: base64/i.test(head)
        ? Buffer.from(body, 'base64').toString('utf8')
        : Buffer.from(
            body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8');
      return { head: head.replace(/\n\s+/g, ' '), text };
    });
}
const to = (t: TestApp, email: string) => mailbox(t).filter((m) => m.head.includes(`To: ${email}`));
const linkIn = (text: string, kind: 'xac-nhan' | 'huy') => new RegExp(`http://[^\\s]+/nhan-tin/${kind}/([A-Za-z0-9_.-]+)`).exec(text)![1];

describe('residents who want to be told', () => {
  let t: TestApp;
  let upcoming: { id: string; title: string; field: string };
  beforeAll(async () => {
    t = await createTestApp();
    upcoming = await t.db.draft.findFirstOrThrow({ where: { opensAt: { gt: t.clock.now() } } });
  });
  afterAll(() => t.close());

  async function subscribe(fields: Record<string, string>) {
    const a = t.agent();
    const query = fields.draftId ? `?du-thao=${fields.draftId}` : '';
    return submitForm(a, `/nhan-tin${query}`, '/nhan-tin', fields);
  }
  async function confirm(token: string) {
    const a = t.agent();
    const page = await a.get(`/nhan-tin/xac-nhan/${token}`);
    expect(page.status).toBe(200);
    expect(visibleText(page.text)).toContain('Xác nhận đăng ký');
    return a
      .post(`/nhan-tin/xac-nhan/${token}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
  }
  async function republishUpcoming() {
    const officer = await t.loginAs('tuphap');
    const page = `/can-bo/du-thao/${upcoming.id}`;
    expect((await submitForm(officer, page, `${page}/huy-dang-tai`, {})).status).toBeLessThan(400);
    expect((await t.db.draft.findUniqueOrThrow({ where: { id: upcoming.id } })).state).toBe('DRAFT');
    expect((await submitForm(officer, page, `${page}/dang-tai`, {})).status).toBeLessThan(400);
  }

  it('refuses a request without consent or with a bad address, keeping what was typed', async () => {
    const res = await subscribe({ kind: 'NEW_DRAFTS', field: '', email: 'an@' });
    expect(res.status).toBe(400);
    const text = visibleText(res.text);
    expect(text).toContain('Thư điện tử không hợp lệ');
    expect(text).toContain('Vui lòng đánh dấu đồng ý');
    expect(res.text).toContain('value="an@"');
    expect(await t.db.subscription.count()).toBe(0);
    expect(mailbox(t)).toHaveLength(0);
  });

  it('double opt-in: only a confirmation before confirming, then new drafts of the chosen field with a one-click unsubscribe', async () => {
    expect((await subscribe({ kind: 'NEW_DRAFTS', field: '', email: 'An@Example.vn', consent: '1' })).headers.location).toBe('/nhan-tin/da-gui');
    expect((await subscribe({ kind: 'NEW_DRAFTS', field: 'Đất đai', email: 'binh@example.vn', consent: '1' })).status).toBe(303);
    // Asking twice sends no second message.
    await subscribe({ kind: 'NEW_DRAFTS', field: '', email: 'an@example.vn', consent: '1' });
    const confirmations = to(t, 'an@example.vn');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0].text).toContain('Xác nhận đăng ký');
    const row = await t.db.subscription.findFirstOrThrow({ where: { email: 'an@example.vn' } });
    expect(row).toMatchObject({ consentVersion: 'nhan-tin-2025-1', confirmedAt: null });
    expect(row.consentAt.getTime()).toBe(t.clock.now().getTime());
    const token = linkIn(confirmations[0].text, 'xac-nhan');
    expect(row.tokenHash).not.toContain(token.split('.')[1]);

    // Not confirmed yet: a draft published now sends nothing to them.
    await republishUpcoming();
    expect(to(t, 'an@example.vn')).toHaveLength(1);

    expect((await confirm(token)).status).toBe(303);
    expect((await t.db.subscription.findUniqueOrThrow({ where: { id: row.id } })).confirmedAt).not.toBeNull();
    await confirm(linkIn(to(t, 'binh@example.vn')[0].text, 'xac-nhan'));

    await republishUpcoming();
    const notices = to(t, 'an@example.vn');
    expect(notices).toHaveLength(2);
    expect(notices[1].text).toContain(upcoming.title);
    expect(notices[1].text).toContain(`/du-thao/${upcoming.id}`);
    expect(notices[1].head).toMatch(/List-Unsubscribe: <http:\/\/[^>]+\/nhan-tin\/huy\/[A-Za-z0-9_.-]+>/);
    expect(notices[1].head).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // binh chose "Đất đai"; the draft is of another field.
    expect(upcoming.field).not.toBe('Đất đai');
    expect(to(t, 'binh@example.vn')).toHaveLength(1);

    // RFC 8058 one-click: a bare POST from the mail client, no session, no CSRF token.
    const unsub = linkIn(notices[1].text, 'huy');
    const forged = `${unsub.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await t.agent().get(`/nhan-tin/huy/${forged}`)).status).toBe(404);
    await t.agent().post(`/nhan-tin/huy/${forged}`).type('form').send('List-Unsubscribe=One-Click');
    expect(await t.db.subscription.count({ where: { id: row.id } })).toBe(1);
    const one = await t.agent().post(`/nhan-tin/huy/${unsub}`).type('form').send('List-Unsubscribe=One-Click');
    expect(one.status).toBe(200);
    expect(visibleText(one.text)).toContain('Đã hủy đăng ký');
    expect(await t.db.subscription.count({ where: { email: 'an@example.vn' } })).toBe(0);
    // The exemption is that route only: subscribing without a token is still refused.
    expect((await t.agent().post('/nhan-tin').type('form').send({ kind: 'NEW_DRAFTS', email: 'x@example.vn', consent: '1' })).status).toBe(403);
    await republishUpcoming();
    expect(to(t, 'an@example.vn')).toHaveLength(2);
  });

  it('an unconfirmed request expires after 7 days and its link stops working', async () => {
    await subscribe({ kind: 'NEW_DRAFTS', field: '', email: 'cham@example.vn', consent: '1' });
    const token = linkIn(to(t, 'cham@example.vn')[0].text, 'xac-nhan');
    t.clock.set(new Date(t.clock.now().getTime() + 6 * 86_400_000));
    expect((await t.agent().get(`/nhan-tin/xac-nhan/${token}`)).status).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 86_400_000));
    const late = await t.agent().get(`/nhan-tin/xac-nhan/${token}`);
    expect(late.status).toBe(404);
    expect(visibleText(late.text)).toContain('không được xác nhận trong 7 ngày');
    expect(late.text).toContain('<h1>Đường dẫn không còn hiệu lực</h1>'); // the page says what happened, not just "not found"
    expect(await t.db.subscription.count({ where: { email: 'cham@example.vn' } })).toBe(0);
    t.clock.set(new Date(t.clock.now().getTime() - 8 * 86_400_000));
  });

  it('tells a subscriber to one draft when its summary of answers is published', async () => {
    const res = await subscribe({ kind: 'DRAFT_SUMMARY', draftId: upcoming.id, email: 'dung@example.vn', consent: '1' });
    expect(res.status).toBe(303);
    expect((await confirm(linkIn(to(t, 'dung@example.vn')[0].text, 'xac-nhan'))).status).toBe(303);
    const draft = await t.db.draft.findUniqueOrThrow({ where: { id: upcoming.id } });
    t.clock.set(new Date(draft.closesAt.getTime() + 86_400_000));
    const officer = await t.loginAs('tuphap');
    const queue = `/can-bo/du-thao/${draft.id}/y-kien`;
    expect((await submitForm(officer, queue, `/can-bo/du-thao/${draft.id}/cong-bo-tiep-thu`, { summaryNote: 'Không có ý kiến.' })).status).toBe(303);
    const mails = to(t, 'dung@example.vn');
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain(`/du-thao/${draft.id}/tiep-thu-giai-trinh`);
    expect(mails[1].head).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });
});
