import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { smallWorker } from '../lib/small-worker.js';
import type { WriteClaim } from '../lib/write-claim.js';

/**
 * The comment intake's write on SQLite, run on a thread of its own (issue 10). An accepted comment
 * is one transaction: count the flood limits, then either take the counts back (refused) or insert
 * the comment, then COMMIT. On the main thread those statements, the commit's write-ahead-log pages
 * and the checkpoints that follow were ~0.6 ms of every comment's ~2.2 ms, all of it holding the
 * event loop. Here they run beside it, on the second core, and the main thread only hands over the
 * prepared parameters and reads the rows back.
 *
 * The thread may also wait for SQLite's write lock (busy_timeout 10 s, as Prisma's transactions
 * wait), which the main thread could never do synchronously: the lock holder may be this very process.
 *
 * The rule that decides, inside the transaction, is the limits' own: refused when any count is past
 * its limit (comments.limits.ts decides which message from the same rows afterwards).
 */
export type GuardedWrite = {
  /** INSERT … ON CONFLICT DO UPDATE … RETURNING "key", "count": one event on each limit. */
  count: Statement;
  /** Each key's limit: the write is refused when a count returned is above it. */
  limits: Record<string, number>;
  /** Takes back the counts that only an accepted comment keeps (run when refused). */
  undo: Statement;
  /** The comment's INSERT … RETURNING (run when not refused). */
  insert: Statement;
};
type Statement = { sql: string; params: readonly unknown[] };

/** What the transaction did: `late` when the request had already been answered (nothing written). */
export type GuardedOutcome = { late: true } | { late: false; counted: Record<string, unknown>[]; inserted: Record<string, unknown>[] | null };

type Reply = { id: number; outcome?: GuardedOutcome; error?: { message: string; code?: string } };

/**
 * The thread's code, plain JavaScript evaluated as a worker: it starts in ~30 ms with no TypeScript
 * loader (a worker running our .ts sources through tsx takes ~130 ms, in every test that comments),
 * and it needs nothing but the driver, whose path the main thread resolves. SQL arrives with `$n`
 * placeholders, as everywhere on the hot path (src/db/hot-sql.ts), and values already converted
 * for SQLite (sqliteValue).
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const conn = new Database(workerData.file, { fileMustExist: true });
conn.pragma('busy_timeout = 10000');
conn.pragma('foreign_keys = ON');
conn.pragma('cache_size = -' + workerData.cacheKib);
const statements = new Map();
const prepared = (sql) => {
  let st = statements.get(sql);
  if (!st) {
    if (statements.size >= 50) statements.clear();
    st = conn.prepare(sql.replace(/\\$\\d+/g, '?'));
    statements.set(sql, st);
  }
  return st;
};
const begin = conn.prepare('BEGIN IMMEDIATE');
const commit = conn.prepare('COMMIT');
const rollback = conn.prepare('ROLLBACK');
function write(job, claim) {
  begin.run();
  try {
    // The request-time backstop may have answered "not saved" meanwhile: then write nothing.
    if (Atomics.compareExchange(claim, 0, 0, 1) !== 0) {
      rollback.run();
      return { late: true };
    }
    const counted = prepared(job.count.sql).all(...job.count.params);
    const refused = counted.some((r) => Number(r.count) > job.limits[String(r.key)]);
    let inserted = null;
    if (refused) prepared(job.undo.sql).run(...job.undo.params);
    else inserted = prepared(job.insert.sql).all(...job.insert.params);
    commit.run();
    return { late: false, counted, inserted };
  } catch (err) {
    if (conn.inTransaction) rollback.run();
    throw err;
  }
}
parentPort.on('message', (m) => {
  if (m.close) {
    conn.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: m.id, outcome: write(m.job, m.claim) });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: { message: String(err && err.message), code: err && err.code } });
  }
});
`;

/**
 * The thread keeps nothing alive but its prepared statements: a small old generation of its own. Its young generation
 * is the main thread's under `npm start` (2 × 8 MB semi-spaces, 24 MB with V8's large-object share), which it had all
 * along through the NODE_OPTIONS flag (src/lib/small-worker.ts): given 2 MB instead, its scavenges made each accepted
 * comment ~10 % dearer in CPU and intake slower, every write waiting behind them (bench:intake, 01/12/2026).
 */
const WRITER_HEAP = { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 32 };

export type SqliteWriter = {
  write(job: GuardedWrite, claim: WriteClaim): Promise<GuardedOutcome>;
  /** Whether the thread is running now (it stops after `idleMs` without a write). */
  readonly running: boolean;
  close(): Promise<void>;
};

/**
 * The writer thread of one SQLite file, started at the first write and stopped again after `idleMs`
 * without one: a ward's portal takes comments in bursts, and an idle thread holds ~5–10 MB (its V8
 * isolate and connection) that the exports and pages can use. Starting it again costs ~30 ms, once.
 */
export function sqliteWriter(file: string, cacheKib: number, idleMs = 60_000): SqliteWriter {
  let worker: Worker | null = null;
  let idle: NodeJS.Timeout | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (o: GuardedOutcome) => void; reject: (e: Error) => void }>();
  const failAll = (w: Worker, err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    if (worker === w) worker = null; // the next write starts a new thread
  };
  const start = () => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const w = smallWorker(THREAD, { eval: true, workerData: { file, cacheKib, driver }, resourceLimits: WRITER_HEAP });
    w.unref(); // waiting for a write keeps the process alive, not an idle thread
    w.on('message', (m: Reply) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) {
        w.unref();
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => void stop(w), idleMs).unref();
      }
      if (m.outcome) return p.resolve(m.outcome);
      // As the driver throws it, so callers recognise a unique violation by its code.
      p.reject(Object.assign(new Error(m.error?.message ?? 'SQLite writer failed'), { code: m.error?.code }));
    });
    w.on('error', (err) => failAll(w, err));
    w.on('exit', (code) => failAll(w, new Error(`SQLite writer stopped (${code})`)));
    return w;
  };
  const stop = async (w: Worker) => {
    if (worker !== w || pending.size > 0) return; // stopped already, or a write came in meanwhile
    worker = null;
    // From here its end is expected: writes that come in meanwhile go to a new thread, and are not its to fail.
    w.removeAllListeners('exit');
    w.removeAllListeners('error');
    w.on('error', () => undefined);
    const exited = new Promise<void>((r) => w.once('exit', () => r()));
    w.postMessage({ close: true }); // closes its connection, then the thread ends
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    await w.terminate();
  };
  return {
    get running() {
      return worker !== null;
    },
    write(job, claim) {
      if (idle) clearTimeout(idle);
      idle = null;
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<GuardedOutcome>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, job, claim: claim.state });
      });
    },
    async close() {
      if (idle) clearTimeout(idle);
      if (worker && pending.size === 0) await stop(worker);
      else if (worker) {
        const w = worker;
        worker = null;
        await w.terminate(); // closing with writes in flight: they fail (exit), as with any closed database
      }
    },
  };
}
