/**
 * Builds the real app (real routes, templates, database and files on disk) on
 * a throwaway copy of the seeded template database, with a clock tests can move.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { AppContext } from '../../src/context.js';
import { createDb, type Db } from '../../src/db/client.js';
import { createMailer } from '../../src/lib/mailer.js';
import { createFileStore } from '../../src/lib/file-store.js';
import { DEMO_PASSWORD } from '../../prisma/seed.js';
import { SEED_NOW, cloneTemplate } from './databases.js';

export type TestClock = { now: () => Date; set: (d: Date | string) => void };

export type TestApp = {
  app: ReturnType<typeof createApp>;
  db: Db;
  ctx: AppContext;
  clock: TestClock;
  dataDir: string;
  wardId: string;
  /** A supertest agent that keeps cookies, like one browser. */
  agent: () => TestAgent;
  /** An agent signed in as a demo account (quantri, tuphap, vanhoa, vanphong, mattran, tdp1, chutich). */
  loginAs: (username: string) => Promise<TestAgent>;
  close: () => Promise<void>;
};

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await cloneTemplate();
  // TEST_FILE_STORAGE=database runs a file's tests with uploaded files in the database (scripts/test-all.sh).
  const fileStorage = process.env.TEST_FILE_STORAGE ?? 'local';
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    FILE_STORAGE: fileStorage,
    ...env,
  });
  const db = await createDb(config.databaseUrl, config.dbTimeouts);
  let current = SEED_NOW;
  const clock: TestClock = { now: () => current, set: (d) => (current = new Date(d)) };
  const ctx: AppContext = {
    config,
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    files: createFileStore(config, db),
    mailer: createMailer({ from: config.mailFrom, baseUrl: config.baseUrl, mailDir: config.mailDir }),
    now: () => clock.now(),
  };
  const app = createApp(ctx);
  // The demo data holds a second ward (cam-thanh): `wardId` is the deployment's own.
  const ward = await db.ward.findUniqueOrThrow({ where: { slug: config.wardSlug || 'truong-quang-trong' } });
  const agent = () => request.agent(app);
  return {
    app,
    db,
    ctx,
    clock,
    dataDir: database.dataDir,
    wardId: ward.id,
    agent,
    loginAs: async (username: string) => {
      const a = agent();
      await login(a, username, DEMO_PASSWORD);
      return a;
    },
    close: async () => {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** The bytes stored under a key, whichever backend holds them (null when none). */
export async function storedBytes(t: TestApp, key: string): Promise<Buffer | null> {
  const bytes = await t.ctx.files.open(key);
  if (!bytes) return null;
  const parts: Buffer[] = [];
  for await (const part of bytes.stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** How many files the store holds (held form files not counted). */
export async function storedFileCount(t: TestApp): Promise<number> {
  if (t.ctx.files.kind === 'database') return t.db.storedBlob.count({ where: { NOT: { key: { startsWith: 'held-' } } } });
  const dir = t.ctx.config.uploadDir;
  return fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).length : 0;
}

/** How many form files are held for a retry (KeptUploads), whichever backend holds them. */
export async function heldFileCount(t: TestApp): Promise<number> {
  if (t.ctx.files.kind === 'database') return t.db.storedBlob.count({ where: { key: { startsWith: 'held-' } } });
  const dir = path.join(t.ctx.config.uploadDir, 'held');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
}

/** The CSRF token of the first form on a page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

/** Opens a page as the agent and returns its CSRF token (the session keeps it). */
export async function csrfToken(agent: TestAgent, path = '/'): Promise<string> {
  const res = await agent.get(path);
  return csrfFrom(res.text);
}

export async function login(agent: TestAgent, username: string, password: string) {
  const token = await csrfToken(agent, '/dang-nhap');
  const res = await agent.post('/dang-nhap').type('form').send({ _csrf: token, username, password });
  if (res.status !== 303) throw new Error(`login as ${username} failed: ${res.status}`);
  return res;
}

/** Posts a form the way a browser does: fetch the page for a token first, then submit. */
export async function submitForm(agent: TestAgent, pagePath: string, actionPath: string, fields: Record<string, string | string[]>) {
  const token = await csrfToken(agent, pagePath);
  return agent
    .post(actionPath)
    .type('form')
    .send({ _csrf: token, ...fields });
}

/** The visible text of an HTML page, tags removed and whitespace folded, for "the user sees …" checks. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The action URL of a multipart form, as the page renders it: the CSRF token
 * travels in the URL's query because multipart bodies are read only after the
 * CSRF check (see src/middleware/csrf.ts).
 */
export function multipartAction(path: string, token: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(token)}`;
}

/**
 * Another deployment on the same database, serving the ward `wardSlug` (as a
 * province hosting several wards would run it): for tests that a login or a
 * session of one ward is not accepted by another ward's deployment.
 */
export function deploymentFor(t: TestApp, wardSlug: string): { app: ReturnType<typeof createApp>; agent: () => TestAgent } {
  const app = createApp({ ...t.ctx, config: { ...t.ctx.config, wardSlug } });
  return { app, agent: () => request.agent(app) };
}
