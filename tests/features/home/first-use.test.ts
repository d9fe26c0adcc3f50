import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft } from '../comments/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('what a new user stumbled on: addresses, names', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PORT: '4123' });
  });
  afterAll(() => t.close());

  it('defaults BASE_URL to the address the portal listens on, and links the receipt, feeds and sitemap there', async () => {
    expect(loadConfig({ PORT: '8081' }).baseUrl).toBe('http://localhost:8081');
    expect(loadConfig({}).baseUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8081', BASE_URL: 'https://gopy.example.gov.vn/' }).baseUrl).toBe('https://gopy.example.gov.vn');
    const sitemap = await t.agent().get('/sitemap.xml');
    expect(sitemap.text).toContain('<loc>http://localhost:4123/');
    expect(sitemap.text).not.toContain('localhost:3000');
    const feed = await t.agent().get('/du-thao/feed.rss');
    expect(feed.text).not.toContain('localhost:3000');
  });

  it('names the Justice officer once on the officer home, not "Công chức Tư pháp – Hộ tịch, Công chức Tư pháp – Hộ tịch"', async () => {
    const home = visibleText((await (await t.loginAs('tuphap')).get('/can-bo')).text);
    expect(home).toContain('Nguyễn Văn Thanh – Công chức Tư pháp – Hộ tịch.');
    expect(home).not.toContain('Hộ tịch, Công chức Tư pháp');
    // A unit official still sees both their role and their unit.
    const unit = visibleText((await (await t.loginAs('vanhoa')).get('/can-bo')).text);
    expect(unit).toMatch(/Lê Thị Hoa – [^.]+, Công chức Văn hóa – Xã hội\./);
  });

  it("links the per-article count to that article's comments, and pages within them", async () => {
    const draft = await makeDraft(t);
    const [a1, a2] = draft.articles;
    const comment = (sectionId: string | null, body: string, i: number) =>
      t.db.comment.create({
        data: {
          draftId: draft.id,
          versionId: draft.versionId,
          sectionId,
          receiptCode: `GY-ART${i}-${String(1000 + i).slice(-4)}`,
          respondentType: 'INDIVIDUAL',
          body,
          status: 'PUBLISHED',
          createdAt: new Date(t.clock.now().getTime() - i * 60_000),
        },
      });
    await comment(a1.id, 'Ý kiến về phạm vi', 1);
    for (let i = 2; i <= 23; i++) await comment(a2.id, `Ý kiến số ${i} về đối tượng`, i);
    await comment(null, 'Ý kiến chung', 24);

    const page = await t.agent().get(`/du-thao/${draft.id}`);
    expect(page.text).toContain(
      `<a class="draft-part__count" href="/du-thao/${draft.id}?dieu=dieu-2#y-kien-cong-khai">22 ý kiến<span class="visually-hidden"> về Điều 2</span></a>`,
    );
    expect(page.text).toContain('<span class="draft-part__count">0 ý kiến</span>');

    const only = await t.agent().get(`/du-thao/${draft.id}?dieu=dieu-1`);
    const seen = visibleText(only.text);
    expect(seen).toContain('Ý kiến góp ý về Điều 1 (1)');
    expect(seen).toContain('Xem tất cả 24 ý kiến');
    expect(seen).toContain('Ý kiến về phạm vi');
    expect(seen).not.toContain('Ý kiến chung');
    expect(seen).not.toContain('về đối tượng');

    const second = await t.agent().get(`/du-thao/${draft.id}?dieu=dieu-2`);
    expect(visibleText(second.text)).toContain('Ý kiến góp ý về Điều 2 (22)');
    expect(second.text).toContain(`href="/du-thao/${draft.id}?dieu=dieu-2&amp;trang=2#y-kien-cong-khai"`);
    const next = visibleText((await t.agent().get(`/du-thao/${draft.id}?dieu=dieu-2&trang=2`)).text);
    expect(next).toContain('Ý kiến số 22 về đối tượng');
    expect(next).not.toContain('Ý kiến về phạm vi');
    // Anything but an article key is ignored.
    expect(visibleText((await t.agent().get(`/du-thao/${draft.id}?dieu=%27%3B`)).text)).toContain('Ý kiến góp ý đã công khai (24)');
  });

  it('prints the real address on start when PORT is not 3000', async () => {
    const port = await freePort();
    const { BASE_URL: _unset, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: {
        ...env,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: t.dataDir,
        DATABASE_URL: t.ctx.config.databaseUrl,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line within 60 s:\n${log}`)), 60_000);
        const read = (chunk: Buffer) => {
          log += chunk.toString();
          if (log.includes('Cổng thông tin đang chạy')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
      });
      expect(log).toContain(`Cổng thông tin đang chạy tại http://localhost:${port}`);
      expect(log).not.toContain('localhost:3000');
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});
