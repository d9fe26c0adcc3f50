import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftsRouter } from '../../../src/features/drafts/drafts.routes.js';
import { draftCommentBlock } from '../../../src/features/comments/comments.public.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { createDraftVia, saveText } from './draft-helpers.js';

describe('feeds and sitemap', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  let hiddenId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const all = await t.db.draft.findMany({ where: { wardId: t.wardId }, select: { id: true, documentType: true } });
    ids = Object.fromEntries(all.map((d) => [d.documentType, d.id]));
    const agent = await t.loginAs('tuphap');
    hiddenId = await createDraftVia(t, agent, { title: 'Dự thảo chưa đăng tải' });
    await saveText(agent, hiddenId);
  });
  afterAll(() => t.close());

  const personal = async () => {
    const comments = await t.db.comment.findMany({ select: { email: true, phone: true, authorName: true, isAnonymous: true } });
    const users = await t.db.user.findMany({ select: { fullName: true, email: true, username: true } });
    return [...comments.flatMap((c) => [c.email, c.phone, c.isAnonymous ? c.authorName : '']), ...users.flatMap((u) => [u.fullName, u.email])].filter(
      (s) => s && s.length > 3,
    );
  };

  it('lists drafts opened for comment in RSS with absolute links, and nothing personal', async () => {
    const res = await t.agent().get('/du-thao/feed.rss');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/rss+xml');
    expect(res.text).toContain('<rss');
    expect(res.text).toContain(`<link>http://localhost:3000/du-thao/${ids.LAW}</link>`);
    expect(res.text).toContain(`http://localhost:3000/du-thao/${ids.PROVINCIAL_RESOLUTION}`);
    expect(res.text).toContain('Dự thảo Luật sửa đổi, bổ sung một số điều của Luật Đất đai');
    expect(res.text).not.toContain(ids.WARD_DECISION); // upcoming: not opened yet
    expect(res.text).not.toContain(hiddenId);
    for (const p of await personal()) expect(res.text).not.toContain(p);
  });

  it('offers the same as Atom', async () => {
    const res = await t.agent().get('/du-thao/feed.atom');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    expect(res.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(res.text).toContain(`<link href="http://localhost:3000/du-thao/${ids.LAW}"`);
    expect(res.text).toContain('<link rel="self" href="http://localhost:3000/du-thao/feed.atom"');
    expect(res.text).not.toContain(ids.WARD_DECISION);
    expect(res.text).not.toContain(hiddenId);
    for (const p of await personal()) expect(res.text).not.toContain(p);
  });

  it('puts the public pages in the sitemap', async () => {
    const res = await t.agent().get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const locs = [...res.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual(
      expect.arrayContaining([
        'http://localhost:3000/',
        'http://localhost:3000/ke-hoach',
        'http://localhost:3000/du-thao',
        `http://localhost:3000/du-thao/${ids.LAW}`,
        `http://localhost:3000/du-thao/${ids.PROVINCIAL_RESOLUTION}`,
        `http://localhost:3000/du-thao/${ids.WARD_DECISION}`,
      ]),
    );
    const plan = await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId, published: true } });
    expect(locs).toContain(`http://localhost:3000/ke-hoach/${plan.id}`);
    expect(res.text).not.toContain(hiddenId);
    for (const p of await personal()) expect(res.text).not.toContain(p);
  });

  it('uses BASE_URL for absolute links', async () => {
    const other = await createTestApp({ BASE_URL: 'https://truongquangtrong.example.gov.vn/' });
    try {
      const res = await other.agent().get('/du-thao/feed.rss');
      expect(res.text).toContain('<link>https://truongquangtrong.example.gov.vn/du-thao/');
      expect((await other.agent().get('/sitemap.xml')).text).toContain('<loc>https://truongquangtrong.example.gov.vn/</loc>');
    } finally {
      await other.close();
    }
  });

  it('answers only its exact paths, so the comments routes under /du-thao/:id/ are never swallowed', async () => {
    const app = express();
    app.use((req, _res, next) => {
      req.ward = { id: t.wardId } as typeof req.ward;
      next();
    });
    app.use(draftsRouter(t.ctx, { commentBlock: draftCommentBlock }));
    app.use((_req, res) => res.status(299).send('not mine'));
    for (const path of [`/du-thao/${ids.LAW}/gop-y`, `/du-thao/${ids.LAW}/tiep-thu-giai-trinh`, `/du-thao/${ids.LAW}/y-kien.csv`, '/gop-y/tra-cuu']) {
      expect((await request(app).get(path)).status, path).toBe(299);
    }
  });
});
