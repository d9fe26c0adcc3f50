/**
 * One server and one browser per test file, and "visitors": a browser profile
 * of one person (own cookies) on a phone or a desktop, with or without JavaScript.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { checkedPages, expectNoAxeViolations } from './axe.js';
import { launchBrowser, newContext, watchPageErrors, type ContextOptions, type Device } from './browser.js';
import { ROOT, startServer, type E2EServer } from './server.js';

export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

export type Visitor = {
  page: Page;
  context: BrowserContext;
  device: Device;
  js: boolean;
  /** Status of the last page loaded in the main frame. */
  status: () => number | undefined;
  /** Script errors and CSP violations seen since the last call. */
  pageErrors: () => string[];
};

export type E2E = {
  server: E2EServer;
  browser: Browser;
  visitor: (opts: ContextOptions) => Promise<Visitor>;
};

/** Starts the portal and Chromium for the test file; closes both after it. `serverEnv`: more environment for the portal. */
export function useE2E(serverEnv?: () => Promise<Record<string, string>>): E2E {
  const env = {} as E2E;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    env.server = await startServer(serverEnv ? await serverEnv() : {});
    try {
      env.browser = await launchBrowser();
    } catch (err) {
      await env.server.stop();
      throw err;
    }
    env.visitor = async (opts) => {
      const context = await newContext(env.browser, env.server.baseUrl, opts);
      contexts.push(context);
      const page = await context.newPage();
      // Forms marked data-confirm ask window.confirm() when JavaScript runs; the person says yes.
      page.on('dialog', (d) => void d.accept());
      let status: number | undefined;
      page.on('response', (res: Response) => {
        if (res.request().isNavigationRequest() && res.frame() === page.mainFrame()) status = res.status();
      });
      return { page, context, device: opts.device, js: opts.javaScript, status: () => status, pageErrors: watchPageErrors(page) };
    };
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await env.browser?.close();
    await env.server?.stop();
    if (checkedPages.size) {
      fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
      appendToRunFile('axe-checked-pages.txt', [...checkedPages].map((p) => `${p}\n`).join(''));
    }
  });
  return env;
}

/**
 * The checks every page of a journey gets: it loaded (status below 400 unless
 * `status` says otherwise), no script errors or CSP violations, and no axe violations.
 */
export async function check(v: Visitor, label: string, opts: { status?: number } = {}) {
  // A click that submits a form returns once the navigation commits, before the stylesheet has loaded:
  // on a busy machine axe then measured the unstyled page (17 px links: "target-size"). Check the page as shown.
  await v.page.waitForLoadState('load');
  trace(`${label} (${v.device}${v.js ? '' : ', no JS'}) ${new URL(v.page.url()).pathname}`);
  const status = v.status();
  if (opts.status !== undefined) expect(status, `${label}: HTTP status`).toBe(opts.status);
  else expect(status ?? 200, `${label}: HTTP status of ${v.page.url()}`).toBeLessThan(400);
  await expectNoAxeViolations(v.page, `${label} (${v.device}${v.js ? '' : ', no JS'})`);
  if (v.device === 'phone') expect(await sidewaysOverflow(v.page), `${label}: elements wider than the 360 px window`).toEqual([]);
  expect(v.pageErrors(), `${label}: errors in the browser console`).toEqual([]);
}

/**
 * Appends to a file in test-results/ that belongs to this run: the test files of
 * one run are forks of one vitest process, so a file whose first line names
 * another parent process is from an earlier run and starts over.
 */
function appendToRunFile(name: string, text: string) {
  const file = path.join(ROOT, 'test-results', name);
  const header = `# run of vitest process ${process.ppid}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (!current.startsWith(header)) fs.writeFileSync(file, header);
  fs.appendFileSync(file, text);
}

/** One line per checked page in test-results/e2e-trace.log: where a slow or stuck journey got to. */
export function trace(line: string) {
  appendToRunFile('e2e-trace.log', `${new Date().toISOString()} [${process.pid}] ${line}\n`);
}

/**
 * Elements that stick out of the window on the right and make the whole page
 * scroll sideways (inside a scrolling box such as .table-wrap is fine).
 */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth) return [];
    const width = doc.clientWidth;
    const scrolls = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      const positioned = /absolute|fixed/.test(getComputedStyle(el).position);
      if (r.width === 0 || r.right <= width + 0.5 || (!positioned && scrolls(el))) continue;
      const parent = el.parentElement && el.parentElement.getBoundingClientRect();
      if (parent && parent.right > width + 0.5 && !scrolls(el.parentElement) && el.parentElement !== document.body) continue;
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      out.push(el.tagName.toLowerCase() + cls + ' (right edge ' + Math.round(r.right) + 'px): ' + (el.textContent || '').trim().slice(0, 60));
      if (out.length >= 5) break;
    }
    return out.length ? out : ['the page is ' + doc.scrollWidth + 'px wide'];
  })()`)) as string[];
}

/** A full-page PNG in test-results/screenshots/<name>-<width>.png. */
export async function screenshot(v: Visitor, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = v.page.viewportSize()?.width ?? 0;
  await v.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
}

/** Signs in through the login form, as an officer would. */
export async function logIn(v: Visitor, username: string, password = DEMO_PASSWORD) {
  await v.page.goto('/dang-nhap');
  await v.page.getByLabel('Tên đăng nhập').fill(username);
  await v.page.getByLabel('Mật khẩu').fill(password);
  await v.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await v.page.waitForLoadState();
  expect(new URL(v.page.url()).pathname, `login as ${username}`).not.toBe('/dang-nhap');
}

export async function logOut(v: Visitor) {
  await v.page.getByRole('button', { name: /Đăng xuất/ }).click();
  await v.page.waitForLoadState();
}

export const MATRIX: ContextOptions[] = [
  { device: 'phone', javaScript: true },
  { device: 'desktop', javaScript: true },
  { device: 'phone', javaScript: false },
];

/** Clicks something that loads a new page (link or submit button) and waits for that page. */
export async function go(v: Visitor, target: import('playwright-core').Locator) {
  await Promise.all([v.page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

/**
 * After a refused submission: the error summary is shown (and has focus when
 * JavaScript runs), the page passes axe, and the summary's messages are returned.
 */
export async function expectErrorSummary(v: Visitor, label: string, status = 400): Promise<string[]> {
  const summary = v.page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa trước khi gửi' });
  expect(await summary.isVisible(), `${label}: the error summary is shown`).toBe(true);
  if (v.js) {
    const focused = await v.page.evaluate('!!document.activeElement && document.activeElement.hasAttribute("data-error-summary")');
    expect(focused, `${label}: the error summary has focus`).toBe(true);
  }
  await check(v, label, { status });
  return summary.getByRole('listitem').allInnerTexts();
}

/** The Vietnam calendar date `days` from today, as a date field wants it (yyyy-mm-dd). */
export function vnDateInput(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
}
