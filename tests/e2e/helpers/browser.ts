/**
 * Debian's Chromium driven by playwright-core, with the window sizes the
 * journeys use: a cheap phone (360×740) and an office PC (1440×900), each with
 * or without JavaScript.
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser tests use Debian's Chromium: ` +
        'install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--lang=vi-VN',
    ],
  });
}

export type Device = 'phone' | 'desktop';

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1440, height: 900 },
} as const;

const noJsContexts = new WeakSet<BrowserContext>();

/** True when the page's context was opened with JavaScript disabled. */
export function isNoJs(page: Page): boolean {
  return noJsContexts.has(page.context());
}

export type ContextOptions = { device: Device; javaScript: boolean };

/** A fresh browser profile (its own cookies) for one person. */
export async function newContext(browser: Browser, baseUrl: string, opts: ContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: VIEWPORTS[opts.device],
    isMobile: opts.device === 'phone',
    hasTouch: opts.device === 'phone',
    deviceScaleFactor: 1,
    javaScriptEnabled: opts.javaScript,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    reducedMotion: 'no-preference',
  });
  if (!opts.javaScript) noJsContexts.add(context);
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/** Errors the page reported (CSP violations from inline script/style, script errors); a journey fails on any. */
export function watchPageErrors(page: Page): () => string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/favicon/.test(msg.text()) && !/status of 4\d\d/.test(msg.text())) problems.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: ${err.message}`));
  return () => problems.splice(0);
}
