/**
 * Proof that a ward reached under its prefix never sends a visitor out of it:
 * every page of the second demo ward reachable by links — as a resident and as
 * each kind of officer — is fetched, and every URL in it (links, form actions,
 * images, scripts, redirects, absolute addresses on this deployment) must stay
 * under /phuong/cam-thanh, except the shared /static files and the province's /tinh.
 */
import type TestAgent from 'supertest/lib/agent.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { createTestApp, csrfFrom, type TestApp } from '../../helpers/test-app.js';

const CT = '/phuong/cam-thanh';
const ORIGIN = 'https://cong.example.vn';
const MAX_PAGES = 220;
/** Query-string variants followed per path (pagination, filters): enough to reach each kind of page. */
const VARIANTS_PER_PATH = 2;

const inside = (p: string) => p === CT || p.startsWith(`${CT}/`) || p.startsWith(`${CT}?`) || /^\/(static|tinh)(\/|$|\?)/.test(p);

type Leak = { page: string; url: string };

async function crawl(agent: TestAgent, start: string[]): Promise<{ pages: string[]; leaks: Leak[]; otherWardName: string[] }> {
  const queue = [...start];
  const seen = new Set(queue);
  const perPath = new Map<string, number>();
  const pages: string[] = [];
  const leaks: Leak[] = [];
  const otherWardName: string[] = [];
  while (queue.length > 0 && pages.length < MAX_PAGES) {
    const url = queue.shift()!;
    const res = await agent.get(url);
    pages.push(url);
    const found: string[] = [];
    if (res.status >= 300 && res.status < 400) found.push(String(res.headers.location));
    else if (String(res.headers['content-type']).startsWith('text/html')) {
      if (res.text.includes('Trương Quang Trọng')) otherWardName.push(url);
      for (const m of res.text.matchAll(/\s(?:href|src|action|formaction|poster|data-[a-z-]+)=(["'])([^"']*)\1/gi)) found.push(m[2].replace(/&amp;/g, '&'));
    }
    for (const raw of found) {
      if (/^(#|mailto:|tel:|data:|javascript:)/i.test(raw) || raw === '') continue;
      const abs = new URL(raw, `${ORIGIN}${url}`);
      if (abs.origin !== ORIGIN && /^(https?:)?\/\//i.test(raw)) continue; // another site
      const local = `${abs.pathname}${abs.search}`;
      if (!inside(local)) {
        leaks.push({ page: url, url: raw });
        continue;
      }
      if (!local.startsWith(CT) || /\/dang-xuat$/.test(abs.pathname)) continue;
      const next = local.replace(/[?&]_csrf=[^&]*/, '');
      if (seen.has(next)) continue;
      const variants = perPath.get(abs.pathname) ?? 0;
      if (abs.search && variants >= VARIANTS_PER_PATH) continue;
      perPath.set(abs.pathname, variants + 1);
      seen.add(next);
      queue.push(next);
    }
  }
  return { pages, leaks, otherWardName };
}

describe('a second ward under its prefix: no link leaves it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BASE_URL: ORIGIN });
  });
  afterAll(() => t.close());

  const signedIn = async (username: string) => {
    const a = t.agent();
    const page = await a.get(`${CT}/dang-nhap`);
    const res = await a
      .post(`${CT}/dang-nhap`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username, password: DEMO_PASSWORD });
    expect(res.headers.location).toBe(`${CT}/can-bo`);
    return a;
  };

  it('as a resident', async () => {
    const { pages, leaks, otherWardName } = await crawl(t.agent(), [`${CT}/`, `${CT}/dang-nhap`, `${CT}/gop-y/tra-cuu`]);
    expect(leaks).toEqual([]);
    // The ward's own name everywhere: no page names the deployment's other ward.
    expect(otherWardName).toEqual([]);
    expect(pages.length).toBeGreaterThan(12);
    expect(pages).toContain(`${CT}/du-thao`);
  }, 240_000);

  it('as the ward’s administrator, chairman and unit official', async () => {
    for (const username of ['camthanh.quantri', 'camthanh.chutich', 'camthanh.vanhoa']) {
      const agent = await signedIn(username);
      const { pages, leaks, otherWardName } = await crawl(agent, [`${CT}/can-bo`, `${CT}/`]);
      expect(leaks, username).toEqual([]);
      expect(otherWardName, username).toEqual([]);
      expect(pages.length, username).toBeGreaterThan(username === 'camthanh.quantri' ? 40 : 10);
    }
  }, 600_000);
});
