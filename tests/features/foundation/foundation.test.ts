import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

describe('the portal foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /healthz when the database answers', async () => {
    const res = await t.agent().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('serves Vietnamese pages with a content security policy that allows no inline script', async () => {
    const res = await t.agent().get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="vi">');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('marks the section the visitor is in, in the main navigation', async () => {
    const res = await t.agent().get('/ke-hoach');
    expect(res.text).toContain('<a href="/ke-hoach" aria-current="page">Kế hoạch</a>');
    expect(res.text).toContain('<a href="/du-thao">Dự thảo lấy ý kiến</a>');
  });

  it('shows a Vietnamese 404 page with status 404', async () => {
    const res = await t.agent().get('/khong-co-trang-nay');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Không tìm thấy trang');
  });

  it('refuses to start in production without a session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })).not.toThrow();
  });

  it('refuses a database URL it cannot use', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/x' })).toThrow(/DATABASE_URL/);
  });

  it('keeps the SQLite and PostgreSQL schemas describing the same models', () => {
    const models = (file: string) =>
      fs
        .readFileSync(file, 'utf8')
        .replace(/\/\/.*$/gm, '')
        .split(/\n(?=model |generator |datasource )/)
        .filter((block) => block.startsWith('model '))
        .map((block) => block.replace(/\s+/g, ' ').trim())
        .sort();
    const sqlite = models('prisma/schema.prisma');
    const postgres = models('prisma/postgresql/schema.prisma');
    expect(sqlite.length).toBeGreaterThan(20);
    expect(postgres).toEqual(sqlite);
  });
});
