/**
 * axe-core in the page, at WCAG 2.1 AA. The portal's CSP allows scripts from
 * 'self' only, so axe is served from a same-origin URL the browser context
 * intercepts (the CSP stays on: an inline script or style still fails).
 * With JavaScript disabled nothing can run in the page, so axe is run on the
 * same URL in a JavaScript-enabled twin context (the server renders the same HTML).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_PATH = '/__e2e__/axe.min.js';

type AxeNode = { target: string[]; html: string; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: AxeNode[] };

/** Pages checked by axe during this test file (for the report). */
export const checkedPages = new Set<string>();

export async function serveAxe(context: BrowserContext) {
  await context.route(`**${AXE_PATH}`, (route) => route.fulfill({ status: 200, contentType: 'application/javascript; charset=utf-8', body: AXE_SOURCE }));
}

export function formatViolations(where: string, violations: AxeViolation[]): string {
  const lines = [`axe: ${violations.length} WCAG 2.1 AA violation(s) on ${where}`];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}`);
    for (const n of v.nodes.slice(0, 6)) {
      lines.push(`    at ${n.target.join(' ')}: ${n.html.slice(0, 200)}`);
      if (n.failureSummary) lines.push(`      ${n.failureSummary.replace(/\n/g, '\n      ')}`);
    }
    if (v.nodes.length > 6) lines.push(`    … and ${v.nodes.length - 6} more`);
  }
  return lines.join('\n');
}

/** Runs axe on the page as it is now and throws with a readable list if anything fails. */
export async function expectNoAxeViolations(page: Page, label = '') {
  const where = `${label ? label + ' ' : ''}${new URL(page.url()).pathname}${new URL(page.url()).search}`;
  const hasAxe = await page.evaluate('typeof window.axe !== "undefined"').catch(() => null);
  if (hasAxe === null) throw new Error(`axe cannot run on ${where}: JavaScript is disabled in this context (use checkWithAxe)`);
  if (!hasAxe) await page.addScriptTag({ url: AXE_PATH });
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) })))`,
  )) as AxeViolation[];
  checkedPages.add(new URL(page.url()).pathname.replace(/[0-9a-z]{20,}/gi, ':id'));
  if (violations.length) throw new Error(formatViolations(where, violations));
}
