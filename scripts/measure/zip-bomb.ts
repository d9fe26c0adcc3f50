/**
 * Measures the server's peak memory while it refuses zip-bomb .docx imports:
 * `npx tsx scripts/measure/zip-bomb.ts [parallel=3] [expandMB=1100]`.
 * Starts the real server (`node --import tsx src/server.ts`) on a throwaway
 * SQLite data folder, signs in as the demo Justice officer and sends
 * `parallel` hostile imports at once — half with honest sizes in the zip's
 * directory, half lying (declaring 1 KB for an entry that inflates to
 * expandMB) — then reads the process's peak resident set (VmHWM) from /proc.
 * Not a test: a figure for the README and the lead (target: under 300 MB).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { bombDocx } from './zip-bomb-file.js';
import { migrate } from '../migrate.js';
import { createDb } from '../../src/db/client.js';
import { seed, DEMO_PASSWORD } from '../../prisma/seed.js';

const parallel = Number(process.argv[2] ?? 3);
const expandMb = Number(process.argv[3] ?? 1100);

async function freePort(): Promise<number> {
  const s = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const memory = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)![1]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bomb-'));
const databaseUrl = `file:${path.join(dataDir, 'portal.db')}`;
migrate(databaseUrl, dataDir);
const db = await createDb(databaseUrl);
await seed(db, { demo: true, wardSlug: 'truong-quang-trong', now: new Date() });
const ward = await db.ward.findFirstOrThrow();
const draft = await db.draft.create({
  data: {
    wardId: ward.id,
    title: 'Dự thảo đo bộ nhớ',
    documentType: 'WARD_DECISION',
    draftingAgency: 'UBND phường',
    field: 'Khác',
    summary: 'Đo',
    opensAt: new Date(Date.now() + 864e5),
    closesAt: new Date(Date.now() + 30 * 864e5),
    state: 'DRAFT',
  },
});
await db.$disconnect();

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  env: {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MAX_UPLOAD_MB: '20',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  for (let i = 0; ; i++) {
    if (i > 150) throw new Error('server did not start');
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // Cookies kept by name, as a browser keeps them (the CSRF cookie and, after login, the session).
  const jar = new Map<string, string>();
  let cookie = '';
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0];
      jar.set(pair.slice(0, pair.indexOf('=')), pair);
    }
    cookie = [...jar.values()].join('; ');
  };
  const get = async (p: string) => {
    const res = await fetch(base + p, { headers: { cookie }, redirect: 'manual' });
    remember(res);
    return res;
  };
  const token = async (p: string) => /name="_csrf" value="([^"]+)"/.exec(await (await get(p)).text())![1];
  const loginToken = await token('/dang-nhap');
  const login = await fetch(`${base}/dang-nhap`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: loginToken, username: 'tuphap', password: DEMO_PASSWORD }),
    redirect: 'manual',
  });
  remember(login);
  if (login.status !== 302) throw new Error(`login failed: ${login.status}`);

  const bombs = [await bombDocx(false, expandMb), await bombDocx(true, expandMb)];
  console.log(`bomb .docx: ${(bombs[0].length / 1024).toFixed(0)} KB expanding to ${expandMb} MB (honest and lying directory)`);
  await get('/'); // warm up templates
  const before = memory(child.pid!);
  const csrf = await token(`/can-bo/du-thao/${draft.id}/noi-dung`);
  const started = Date.now();
  let sampledMax = 0;
  const sampler = setInterval(() => (sampledMax = Math.max(sampledMax, memory(child.pid!).rssMb)), 10);
  const results = await Promise.all(
    Array.from({ length: parallel }, (_, i) => {
      const form = new FormData();
      form.append('docx', new Blob([bombs[i % 2]], { type: 'application/octet-stream' }), 'du-thao.docx');
      // Multipart forms carry the CSRF token in the action URL (src/middleware/csrf.ts), as the page's form does.
      return fetch(`${base}/can-bo/du-thao/${draft.id}/nhap-docx?_csrf=${encodeURIComponent(csrf)}`, { method: 'POST', body: form, headers: { cookie } }).then(
        async (r) => ({ status: r.status, refused: (await r.text()).includes('giải nén bất thường') }),
      );
    }),
  );
  clearInterval(sampler);
  const after = memory(child.pid!);
  console.log(
    `${parallel} imports at once: statuses ${results.map((r) => r.status).join(', ')}, refused with the Vietnamese error: ${results.every((r) => r.refused)}, ${Date.now() - started} ms`,
  );
  console.log(`server RSS before: ${before.rssMb.toFixed(0)} MB; highest RSS sampled every 10 ms during the imports: ${sampledMax.toFixed(0)} MB`);
  console.log(`process peak (VmHWM, start-up included): ${before.peakMb.toFixed(0)} MB before, ${after.peakMb.toFixed(0)} MB after (target < 300 MB)`);
  // A measurement of requests refused before the archive was read (403, login lost) measures nothing.
  if (!results.every((r) => r.status === 400 && r.refused)) {
    console.error('NOT MEASURED: the imports were not refused as zip bombs (see the statuses above)');
    process.exitCode = 1;
  }
} finally {
  child.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
