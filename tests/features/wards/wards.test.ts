import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { createTestApp, csrfFrom, type TestApp, visibleText } from '../../helpers/test-app.js';
import { validComment } from '../comments/fixtures.js';

const CT = '/phuong/cam-thanh';

async function loginAt(agent: TestAgent, base: string, username: string) {
  const page = await agent.get(`${base}/dang-nhap`);
  return agent
    .post(`${base}/dang-nhap`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), username, password: DEMO_PASSWORD });
}

const mails = (t: TestApp) => {
  const dir = path.join(t.dataDir, 'mail');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')) : [];
};

/** The .eml as a reader sees it: quoted-printable soft breaks joined and =XX bytes decoded as UTF-8. */
function quotedPrintable(eml: string): string {
  const joined = eml.replace(/=\r?\n/g, '');
  return joined.replace(/(?:=[0-9A-F]{2})+/g, (run) =>
    Buffer.from(
      run
        .split('=')
        .slice(1)
        .map((h) => Number.parseInt(h, 16)),
    ).toString('utf8'),
  );
}

describe('many wards in one deployment', () => {
  let t: TestApp;
  let camThanhId: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback', BASE_URL: 'https://cong.example.vn' });
    camThanhId = (await t.db.ward.findUniqueOrThrow({ where: { slug: 'cam-thanh' } })).id;
  });
  afterAll(() => t.close());

  it('the second ward answers under /phuong/<slug>/ with its own name and drafts; the root stays the deployment’s ward', async () => {
    const home = await t.agent().get(`${CT}/`);
    expect(home.status).toBe(200);
    expect(home.text).toContain('<title>');
    expect(visibleText(home.text)).toContain('Ủy ban nhân dân phường Cẩm Thành');
    expect(visibleText(home.text)).not.toContain('Trương Quang Trọng');
    const list = await t.agent().get(`${CT}/du-thao`);
    expect(visibleText(list.text)).toContain('vỉa hè');
    expect(visibleText(list.text)).not.toContain('Luật Đất đai');
    // Without the trailing slash too.
    expect((await t.agent().get(CT)).status).toBe(200);

    const root = await t.agent().get('/du-thao');
    expect(visibleText(root.text)).toContain('Luật Đất đai');
    expect(visibleText(root.text)).not.toContain('vỉa hè');
    expect(root.text).not.toContain('/phuong/');
  });

  it('an unknown ward is a Vietnamese 404', async () => {
    for (const url of ['/phuong/khong-co-phuong-nay/', '/phuong/khong-co/du-thao', '/phuong/CAM-THANH/', '/phuong/%2e%2e/du-thao']) {
      const res = await t.agent().get(url);
      expect(res.status, url).toBe(404);
      expect(visibleText(res.text)).toContain('Không tìm thấy phường này');
    }
  });

  it('a draft of one ward is not found under another ward’s prefix', async () => {
    const other = await t.db.draft.findFirstOrThrow({ where: { wardId: camThanhId } });
    expect((await t.agent().get(`${CT}/du-thao/${other.id}`)).status).toBe(200);
    expect((await t.agent().get(`/du-thao/${other.id}`)).status).toBe(404);
    expect((await t.agent().get(`/phuong/truong-quang-trong/du-thao/${other.id}`)).status).toBe(404);
  });

  it('a ward whose host name is the request’s host answers at the root', async () => {
    await t.db.ward.update({ where: { id: camThanhId }, data: { hostName: 'camthanh.example.vn' } });
    try {
      const res = await t.agent().get('/du-thao').set('Host', 'CamThanh.example.vn');
      expect(visibleText(res.text)).toContain('vỉa hè');
      expect(res.text).not.toContain('href="/phuong/');
      const feed = await t.agent().get('/du-thao/feed.rss').set('Host', 'camthanh.example.vn');
      expect(feed.text).toContain('https://camthanh.example.vn/du-thao/');
      // Any other host: the deployment's own ward.
      expect(visibleText((await t.agent().get('/du-thao').set('Host', 'other.example.vn')).text)).toContain('Luật Đất đai');
    } finally {
      await t.db.ward.update({ where: { id: camThanhId }, data: { hostName: null } });
    }
  });

  it('redirects, feeds, sitemap and the receipt link stay inside the ward’s prefix', async () => {
    const guarded = await t.agent().get(`${CT}/can-bo/du-thao`);
    expect(guarded.status).toBe(302);
    expect(guarded.headers.location).toBe(`${CT}/dang-nhap?next=${encodeURIComponent(`${CT}/can-bo/du-thao`)}`);

    const rss = await t.agent().get(`${CT}/du-thao/feed.rss`);
    const links = [...rss.text.matchAll(/<link>([^<]+)<\/link>/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(1);
    for (const link of links) expect(link.startsWith(`https://cong.example.vn${CT}/`)).toBe(true);
    const sitemap = await t.agent().get(`${CT}/sitemap.xml`);
    const locs = [...sitemap.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs.length).toBeGreaterThan(3);
    for (const loc of locs) expect(loc.startsWith(`https://cong.example.vn${CT}/`)).toBe(true);

    const draft = await t.db.draft.findFirstOrThrow({ where: { wardId: camThanhId } });
    const group = await t.db.unit.findFirstOrThrow({ where: { wardId: camThanhId, name: 'Tổ dân phố 2' } });
    const agent = t.agent();
    const page = await agent.get(`${CT}/du-thao/${draft.id}/gop-y`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`action="${CT}/du-thao/${draft.id}/gop-y"`);
    const before = mails(t).length;
    const sent = await agent
      .post(`${CT}/du-thao/${draft.id}/gop-y`)
      .set('X-Forwarded-For', '198.51.100.201')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        submissionId: /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1] ?? '',
        ...validComment(group.id, { email: 'an@example.vn', consent: '1' }),
      });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toMatch(new RegExp(`^${CT}/gop-y/ma/[A-Z0-9-]+$`));
    const code = sent.headers.location.split('/').pop();
    const receipt = await agent.get(sent.headers.location);
    expect(receipt.text).toContain(`https://cong.example.vn${CT}/gop-y/ma/${code}`);
    const mail = mails(t).slice(before).join('\n');
    expect(quotedPrintable(mail)).toContain(`https://cong.example.vn${CT}/gop-y/ma/${code}`);
    expect(decodeFrom(mail)).toContain('UBND phường Cẩm Thành');
  });

  it('an officer signs in at their ward’s prefix; the session works only there', async () => {
    const a = t.agent();
    const res = await loginAt(a, CT, 'camthanh.tuphap');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${CT}/can-bo`);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid-cam-thanh='));
    expect(cookie).toMatch(/Path=\/phuong\/cam-thanh(;|$)/);
    const officer = await a.get(`${CT}/can-bo`);
    expect(officer.status).toBe(200);
    expect(visibleText(officer.text)).toContain('Đặng Thị Mai');

    // The same browser at the root (another ward): not signed in.
    const root = await a.get('/can-bo');
    expect(root.status).toBe(302);
    expect(root.headers.location).toMatch(/^\/dang-nhap/);
    // The cookie carried by hand to the other ward's prefix, or renamed to the root's: grants nothing.
    const value = cookie!.split(';')[0].split('=')[1];
    const carried = await request(t.app).get('/phuong/truong-quang-trong/can-bo').set('Cookie', `sid-truong-quang-trong=${value}`);
    expect(carried.status).toBe(302);
    const renamed = await request(t.app).get('/can-bo').set('Cookie', `sid=${value}`);
    expect(renamed.status).toBe(302);

    // Another ward's officer cannot sign in here.
    const wrong = await loginAt(t.agent(), CT, 'tuphap');
    expect(wrong.status).toBe(400);
    expect(visibleText(wrong.text)).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');

    // Logging out clears the ward's own cookie and lands on the ward's home.
    const page = await a.get(`${CT}/can-bo`);
    const out = await a
      .post(`${CT}/dang-xuat`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(out.headers.location).toBe(`${CT}/`);
    expect((out.headers['set-cookie'] as unknown as string[]).join('\n')).toMatch(/sid-cam-thanh=;[^\n]*Path=\/phuong\/cam-thanh/);
    expect((await a.get(`${CT}/can-bo`)).status).toBe(302);
  });

  it('the poster’s address and QR code and the loudspeaker bulletin point into the ward’s prefix', async () => {
    const a = t.agent();
    expect((await loginAt(a, CT, 'camthanh.tuphap')).status).toBe(303);
    const draft = await t.db.draft.findFirstOrThrow({ where: { wardId: camThanhId } });
    const poster = await a.get(`${CT}/can-bo/du-thao/${draft.id}/thong-bao`);
    expect(poster.status).toBe(200);
    expect(visibleText(poster.text)).toContain(`https://cong.example.vn${CT}/du-thao/${draft.id}`);
    expect(poster.text).toContain(`aria-label="Mã QR mở dự thảo: https://cong.example.vn${CT}/du-thao/${draft.id}"`);
    expect(visibleText(poster.text)).toContain('Ủy ban nhân dân phường Cẩm Thành');
    const bulletin = await a.get(`${CT}/can-bo/du-thao/${draft.id}/tin-phat-thanh`);
    expect(bulletin.status).toBe(200);
    expect(visibleText(bulletin.text)).toContain(`cong.example.vn${CT}/du-thao/${draft.id}`);
  });

  it('signing in to one ward leaves the session of another ward in the same browser untouched', async () => {
    const a = t.agent();
    expect((await loginAt(a, '', 'tuphap')).status).toBe(303);
    expect((await loginAt(a, CT, 'camthanh.chutich')).status).toBe(303);
    expect(visibleText((await a.get('/can-bo')).text)).toContain('Nguyễn Văn Thanh');
    expect(visibleText((await a.get(`${CT}/can-bo`)).text)).toContain('Lê Quang Vinh');
  });

  it('a public page kept for the next visitor keeps the ward’s prefix on every link (issue 10’s page cache)', async () => {
    const draft = await t.db.draft.findFirstOrThrow({ where: { wardId: camThanhId, state: 'PUBLISHED' } });
    for (const url of [`${CT}/du-thao`, `${CT}/du-thao/${draft.id}`, `${CT}/du-thao/feed.rss`]) {
      // The first anonymous view renders and keeps the page; the second is served from what was kept.
      const [first, second] = [await t.agent().get(url), await t.agent().get(url)];
      expect(second.status).toBe(200);
      expect(second.text).toBe(first.text);
      if (url.endsWith('.rss')) expect(second.text).toContain(`https://cong.example.vn${CT}/du-thao/${draft.id}`);
      else {
        expect(second.text).toContain(`href="${CT}/du-thao/${draft.id}`);
        expect(second.text).not.toMatch(/(?:href|action)="\/(?!static\/|tinh|phuong\/cam-thanh)/);
      }
    }
  });

  it('the default ward also answers under its own prefix, and WARD_SLUG="" leaves the root to the province', async () => {
    const prefixed = await t.agent().get('/phuong/truong-quang-trong/du-thao');
    expect(visibleText(prefixed.text)).toContain('Luật Đất đai');
    expect(prefixed.text).toContain('href="/phuong/truong-quang-trong/du-thao/');

    const province = createApp({ ...t.ctx, config: { ...t.ctx.config, wardSlug: '' } });
    expect((await request(province).get('/du-thao')).status).toBe(404);
    const ward = await request(province).get(`${CT}/du-thao`);
    expect(ward.status).toBe(200);
    expect(visibleText(ward.text)).toContain('vỉa hè');
    // The root is the province's landing page; a ward's own home page under its prefix stays the ward's.
    const landing = visibleText((await request(province).get('/')).text);
    const home = visibleText((await request(province).get(`${CT}/`)).text);
    expect(landing).toContain('Cẩm Thành');
    expect(landing).toContain('Trương Quang Trọng');
    expect(home).toContain('Phường Cẩm Thành');
    expect(home).not.toContain('Trương Quang Trọng');
  });
});

/** The From header's display name, decoding RFC 2047 words. */
function decodeFrom(mail: string): string {
  const line = (/^From: (.*(?:\n[ \t].*)*)/m.exec(mail)?.[1] ?? '').replace(/\?=\s+=\?/g, '?==?');
  return line.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}
