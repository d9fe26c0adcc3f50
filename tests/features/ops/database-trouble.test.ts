/**
 * The database out of reach: a calm Vietnamese 503 page, not a 500, and an
 * officer's session survives it. Real peers: a closed port (refused at once)
 * and a TCP server that accepts connections and never answers.
 */
import net from 'node:net';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { createDb } from '../../../src/db/client.js';
import { createMailer } from '../../../src/lib/mailer.js';
import { createFileStore } from '../../../src/lib/file-store.js';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';

/** The app on a database URL that does not work, sharing the test app's data folder and secret. */
async function appOn(databaseUrl: string, dataDir: string, env: Record<string, string> = {}) {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env });
  const db = await createDb(config.databaseUrl, config.dbTimeouts);
  const app = createApp({
    config,
    db,
    logger: pino({ level: 'silent' }),
    files: createFileStore(config, db),
    mailer: createMailer({ from: config.mailFrom, baseUrl: config.baseUrl, mailDir: config.mailDir }),
    now: () => new Date(),
  });
  return { app, db };
}

async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('database trouble', () => {
  let t: TestApp;
  const sockets: net.Socket[] = [];
  const silent = net.createServer((s) => sockets.push(s)); // accepts, never answers
  beforeAll(async () => {
    t = await createTestApp();
    silent.listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    silent.close();
    await t.close();
  });

  it('answers a calm 503 page when PostgreSQL refuses connections, and the officer stays signed in', async () => {
    const officer = await t.loginAs('tuphap');
    const cookie = (await officer.get('/can-bo')).request.cookies;
    const broken = await appOn(`postgresql://postgres@127.0.0.1:${await closedPort()}/portal`, t.dataDir);
    try {
      for (const path of ['/', '/du-thao', '/can-bo']) {
        const res = await request(broken.app).get(path).set('Cookie', cookie);
        expect(res.status, path).toBe(503);
        const text = visibleText(res.text);
        expect(text).toContain('Hệ thống tạm thời gián đoạn');
        expect(text).toContain('Vui lòng thử lại sau ít phút');
        expect(res.headers['retry-after']).toBe('30');
        expect(res.headers['set-cookie']).toBeUndefined(); // the session is neither cleared nor replaced
      }
      const health = await request(broken.app).get('/healthz');
      expect(health.status).toBe(503);
      expect(health.body.problems).toContain('database');
    } finally {
      await broken.db.$disconnect().catch(() => undefined);
    }
    // Back on the working database, the same browser is still signed in.
    const again = await officer.get('/can-bo');
    expect(again.status).toBe(200);
    expect(visibleText(again.text)).toContain('Nguyễn Văn Thanh');
  });

  it('answers 503 when the database accepts connections but never answers', async () => {
    const port = (silent.address() as net.AddressInfo).port;
    // Short limits keep the test quick; the defaults (1.5 s connect, 4 s statement) are measured by scripts/measure/db-trouble.ts.
    const hung = await appOn(`postgresql://postgres@127.0.0.1:${port}/portal`, t.dataDir, { DB_CONNECT_TIMEOUT_MS: '300' });
    try {
      const res = await request(hung.app).get('/du-thao');
      expect(res.status).toBe(503);
      expect(visibleText(res.text)).toContain('Hệ thống tạm thời gián đoạn');
    } finally {
      await hung.db.$disconnect().catch(() => undefined);
    }
  });
});
