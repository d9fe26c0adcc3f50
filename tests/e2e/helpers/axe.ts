/**
 * axe-core in the page, at WCAG 2.2 AA. It is evaluated through the DevTools
 * protocol, so the portal's CSP stays on (an inline script or style in a page
 * still shows up as a console error the journeys fail on).
 * With JavaScript disabled nothing can run in the page (axe needs timers), so
 * axe runs on a copy of the page's HTML opened at the same URL in a
 * JavaScript-enabled twin page of the same size.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { isNoJs } from './browser.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// WCAG 2.2 AA includes target size (2.5.8: 24×24 px or enough space around), off in axe unless asked for.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

type AxeNode = { target: string[]; html: string; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

/** Paths axe checked in this process (ids folded), written to the run's summary for the report. */
export const checkedPages = new Set<string>();

export function formatViolations(where: string, violations: AxeViolation[]): string {
  const lines = [`axe: ${violations.length} WCAG 2.2 AA violation(s) on ${where}`];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}`);
    for (const n of v.nodes.slice(0, 6)) {
      lines.push(`    at ${n.target.join(' ')}: ${n.html.slice(0, 240)}`);
      if (n.failureSummary) lines.push(`      ${n.failureSummary.replace(/\n/g, '\n      ')}`);
    }
    if (v.nodes.length > 6) lines.push(`    … and ${v.nodes.length - 6} more`);
  }
  return lines.join('\n');
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] })
      .then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) })))`,
  )) as AxeViolation[];
}

/** One JavaScript-enabled twin page per browser and window size, reused for every no-JS check. */
const twins = new WeakMap<Browser, Map<string, Promise<Page>>>();

function twinPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  let bySize = twins.get(browser);
  if (!bySize) {
    bySize = new Map();
    twins.set(browser, bySize);
  }
  const key = `${viewport.width}x${viewport.height}`;
  let page = bySize.get(key);
  if (!page) {
    page = browser.newContext({ viewport, javaScriptEnabled: true }).then((c) => c.newPage());
    bySize.set(key, page);
  }
  return page;
}

async function runAxeOnCopy(page: Page): Promise<AxeViolation[]> {
  // The request a route sees has no fragment.
  const url = page.url().split('#')[0];
  const html = await page.content();
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser for the axe twin page');
  const twin = await twinPage(browser, page.viewportSize() ?? { width: 1280, height: 720 });
  await twin.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }), { times: 1 });
  await twin.goto(url);
  return runAxe(twin);
}

/** Runs axe on the page as it is now and throws with a readable list (rule, element, why) if anything fails. */
export async function expectNoAxeViolations(page: Page, label = '') {
  const u = new URL(page.url());
  const where = `${label ? `${label}: ` : ''}${u.pathname}${u.search}`;
  const violations = isNoJs(page) ? await runAxeOnCopy(page) : await runAxe(page);
  checkedPages.add(u.pathname.replace(/\/[0-9a-z]{20,}(?=\/|$)/gi, '/:id'));
  if (violations.length) throw new Error(formatViolations(where, violations));
}
