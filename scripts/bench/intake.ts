/**
 * Comment intake over HTTP, as a resident's browser does it: fetch the form (its token and
 * cookies), post it, follow the redirect to the receipt. Each comment comes from its own
 * address (X-Forwarded-For, with TRUST_PROXY=loopback) so the per-address limit does not stop
 * the run. Afterwards every receipt given must be in the database, and nothing else.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { BenchDb } from './seed.js';
import { cpuMs } from './servers.js';

/** A browser-like client: keeps its cookies. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(private base: string) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(pathname: string, init: { method?: string; form?: Record<string, string>; ip?: string } = {}) {
    // As behind the TLS proxy of a real deployment (TRUST_PROXY=loopback): secure cookies are set.
    const headers: Record<string, string> = { cookie: this.cookieHeader(), 'x-forwarded-proto': 'https' };
    if (init.ip) headers['x-forwarded-for'] = init.ip;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(this.base + pathname, { method: init.method ?? 'GET', headers, body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  async login(username: string, password: string) {
    const page = await this.request('/dang-nhap');
    const res = await this.request('/dang-nhap', { method: 'POST', form: { _csrf: tokenIn(page.text), username, password } });
    if (res.status !== 302 && res.status !== 303) throw new Error(`login failed: ${res.status}`);
  }
}

const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const groupIn = (html: string) => /<option value="([^"]+)"[^>]*>\s*Tổ dân phố/.exec(html)?.[1] ?? 'KHAC';

let ipCounter = 0;
const nextIp = () => {
  const n = ++ipCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

export async function runIntake(o: {
  kind: 'portal' | 'bare';
  base: string;
  draftId: string;
  seconds: number;
  clients: number;
  target: BenchDb;
  pid?: number;
}) {
  const cpuBefore = o.pid ? cpuMs(o.pid) : 0;
  const marker = `bench-${o.kind}-${Date.now()}`;
  const codes = new Set<string>();
  let failures = 0;
  const formPath = o.kind === 'bare' ? `/bare/du-thao/${o.draftId}/gop-y` : `/du-thao/${o.draftId}/gop-y`;
  const until = Date.now() + o.seconds * 1000;
  const t0 = Date.now();
  let n = 0;
  async function worker() {
    while (Date.now() < until) {
      const client = new Client(o.base); // each comment from a fresh browser and address
      const ip = nextIp();
      try {
        const form = await client.request(formPath, { ip });
        const fields: Record<string, string> = {
          _csrf: tokenIn(form.text),
          submissionId: /name="submissionId" value="([^"]+)"/.exec(form.text)?.[1] ?? '', // the form's one-time id, as a browser sends it
          respondentType: 'INDIVIDUAL',
          authorName: 'Nguyễn Văn Thử',
          publicName: 'named',
          residentialGroup: groupIn(form.text),
          body: `${marker} ${++n}: Đề nghị bổ sung mức hỗ trợ cho hộ nghèo và thời gian chuyển tiếp sáu tháng.`,
        };
        const posted = await client.request(formPath, { method: 'POST', form: fields, ip });
        if (posted.status !== 303 || !posted.location) throw new Error(`post: ${posted.status}`);
        const receipt = await client.request(posted.location, { ip });
        if (receipt.status !== 200) throw new Error(`receipt: ${receipt.status}`);
        codes.add(decodeURIComponent(posted.location.split('/').pop()!));
      } catch {
        failures++;
      }
    }
  }
  await Promise.all(Array.from({ length: o.clients }, worker));
  const seconds = (Date.now() - t0) / 1000;
  // CPU the server spent per accepted comment: survives the noise of a shared machine, where a rate does not.
  const cpuPerAccepted = o.pid && codes.size ? (cpuMs(o.pid) - cpuBefore) / codes.size : Number.NaN;
  const stored = await storedCodes(o.target, marker);
  const missing = [...codes].filter((c) => !stored.has(c)).length;
  const extra = [...stored].filter((c) => !codes.has(c)).length;
  const check =
    missing === 0 && extra === 0
      ? `ok: ${codes.size} receipts, all stored, nothing else (${failures} refused/failed)`
      : `FAILED: ${missing} receipts missing, ${extra} rows without a receipt`;
  return { accepted: codes.size, seconds, perSecond: codes.size / seconds, cpuPerAccepted, check };
}

/**
 * A counted run right after a warm-up of `warmupSeconds` (not counted; 0 for none) on the same server: measured as a
 * server that has been taking comments runs, its hot code compiled, its statements prepared, its writer started and
 * its heap grown. After ~15 s without comments the portal spends 20–35 % more CPU per comment for its next ~10 s and
 * the bare stack 0–9 % (docs/performance-log.md), so a warm-up long before the counted run does not count as one.
 */
export async function runWarmIntake(o: Parameters<typeof runIntake>[0], warmupSeconds: number, log: (line: string) => void) {
  if (warmupSeconds > 0) {
    const warm = await runIntake({ ...o, seconds: warmupSeconds, pid: undefined });
    log(`${o.kind} warm-up (${warmupSeconds} s, not counted): ${warm.perSecond.toFixed(0)} accepted/s; ${warm.check}`);
    if (warm.check.startsWith('FAILED')) throw new Error(`${o.kind} warm-up: ${warm.check}`);
  }
  return runIntake(o);
}

async function storedCodes(target: BenchDb, marker: string): Promise<Set<string>> {
  if (target.kind === 'sqlite') {
    const db = new Database(target.file, { readonly: true });
    const rows = db.prepare('SELECT receiptCode FROM Comment WHERE body LIKE ?').all(`${marker} %`) as { receiptCode: string }[];
    db.close();
    return new Set(rows.map((r) => r.receiptCode));
  }
  const c = new pg.Client({ connectionString: target.url });
  await c.connect();
  const { rows } = await c.query('SELECT "receiptCode" FROM "Comment" WHERE body LIKE $1', [`${marker} %`]);
  await c.end();
  return new Set(rows.map((r) => r.receiptCode as string));
}
