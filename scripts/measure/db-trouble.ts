/**
 * Measures how fast the real server answers when PostgreSQL is in trouble:
 * `npx tsx scripts/measure/db-trouble.ts`. Two peers started here: a TCP
 * server that accepts connections and never answers (a hung database), and a
 * closed port (a database that is down). The server runs with the default
 * limits (DB_CONNECT_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS). Not a test: the
 * figures go to the README and the lead (target: 503 within 5 s).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

async function freePort(): Promise<number> {
  const s = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const sockets: net.Socket[] = [];
const hung = net.createServer((s) => sockets.push(s)).listen(0, '127.0.0.1');
await new Promise((r) => hung.once('listening', r));
const cases = { 'hung (accepts, never answers)': (hung.address() as net.AddressInfo).port, 'down (closed port)': await freePort() };

for (const [label, dbPort] of Object.entries(cases)) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-dbtrouble-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${dbPort}/portal`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 150) throw new Error('server did not start');
      const up = await new Promise<boolean>((resolve) =>
        net
          .connect(port, '127.0.0.1')
          .once('connect', function (this: net.Socket) {
            this.destroy();
            resolve(true);
          })
          .once('error', () => resolve(false)),
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const rows: string[] = [];
    for (const p of ['/', '/du-thao', '/can-bo', '/healthz']) {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${p}`, { redirect: 'manual', signal: AbortSignal.timeout(30_000) }).catch((e: Error) => ({
        status: `no answer (${e.name})`,
      }));
      rows.push(`${p} → ${res.status} in ${Math.round(performance.now() - t0)} ms`);
    }
    console.log(`database ${label}: ${rows.join('; ')}`);
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
for (const s of sockets) s.destroy();
hung.close();
