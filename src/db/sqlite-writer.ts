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
 *
 * Comments that arrive together are written together: the writes asked for in one turn of the main
 * thread's event loop go over in one message, and what has queued while the thread wrote the last batch
 * commits in one transaction, each comment behind a savepoint of its own (a failing one takes back only
 * its own counts). One commit's locks, log pages and checkpoint share instead of one per comment: the
 * writer's CPU per comment fell from ~0.95 to ~0.4 ms, and the main thread's reader finds its page cache
 * dropped by a commit less often (bench, 01/12/2026). Statements travel by number after their first
 * trip, and the thread keeps its temporary tables in memory (RETURNING's rows went to a file in
 * /var/tmp, created and deleted on every commit).
 */
export type GuardedWrite = {
  /** INSERT … ON CONFLICT DO UPDATE … RETURNING "key", "count": one event on each limit. */
  count: Statement;
  /** Each key's limit, as [key, limit] pairs: the write is refused when a count returned is above it. */
  limits: [string, number][];
  /** Takes back the counts that only an accepted comment keeps (run when refused). */
  undo: Statement;
  /** The comment's INSERT … RETURNING (run when not refused). */
  insert: Statement;
};
type Statement = { sql: string; params: readonly unknown[] };
/** A statement as it goes to the thread: its number, and its text the first time that thread sees it. */
type WireStatement = { sql: number; text?: string; params: readonly unknown[] };
type WireJob = { id: number; job: { count: WireStatement; limits: [string, number][]; undo: WireStatement; insert: WireStatement }; claim: Int32Array };

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
conn.pragma('temp_store = MEMORY');
// Each statement's text arrives once, with the number the main thread gave it; later jobs send the number.
const statements = new Map();
const learn = (st) => {
  if (st.text === undefined) return;
  try {
    statements.set(st.sql, conn.prepare(st.text.replace(/\\$\\d+/g, '?')));
  } catch (err) {
    statements.set(st.sql, err); // the job that runs it fails, as with any statement that fails
  }
};
const prepared = (st) => {
  const statement = statements.get(st.sql);
  if (statement instanceof Error) throw statement;
  return statement;
};
const begin = conn.prepare('BEGIN IMMEDIATE');
const commit = conn.prepare('COMMIT');
const rollback = conn.prepare('ROLLBACK');
const savepoint = conn.prepare('SAVEPOINT job');
const release = conn.prepare('RELEASE job');
const undoJob = conn.prepare('ROLLBACK TO job');
const errorOf = (err) => ({ message: String(err && err.message), code: err && err.code });
// One comment inside the batch's transaction, behind a savepoint: a comment that fails (a unique
// violation) takes back its own counts and nothing else's.
function one(m) {
  // The request-time backstop may have answered "not saved" meanwhile: then write nothing.
  if (Atomics.compareExchange(m.claim, 0, 0, 1) !== 0) return { id: m.id, outcome: { late: true } };
  const job = m.job;
  savepoint.run();
  try {
    const counted = prepared(job.count).all(...job.count.params);
    const limitOf = new Map(job.limits);
    const refused = counted.some((r) => Number(r.count) > limitOf.get(String(r.key)));
    let inserted = null;
    if (refused) prepared(job.undo).run(...job.undo.params);
    else inserted = prepared(job.insert).all(...job.insert.params);
    release.run();
    return { id: m.id, outcome: { late: false, counted, inserted } };
  } catch (err) {
    undoJob.run();
    release.run();
    return { id: m.id, error: errorOf(err) };
  }
}
// Every comment that arrived while the last batch was written commits in one transaction: one
// commit's locks and log pages for all of them, and one reply message.
function writeBatch(batch) {
  let replies;
  try {
    begin.run();
    replies = batch.map(one);
    commit.run();
  } catch (err) {
    if (conn.inTransaction) rollback.run();
    replies = batch.map((m) => ({ id: m.id, error: errorOf(err) }));
  }
  parentPort.postMessage(replies);
}
// Comments that arrive while a batch is written wait for the next one, up to 64 in a transaction: the write
// lock is never held longer than ~10 ms at once, as a write on the main thread (Prisma's) waits for it
// synchronously.
const queue = [];
let closing = false;
let flushing = false;
function flush() {
  flushing = false;
  while (queue.length > 0) writeBatch(queue.splice(0, 64));
  if (closing) {
    conn.close();
    parentPort.close();
  }
}
parentPort.on('message', (m) => {
  if (m.close) closing = true;
  else {
    for (const { job } of m) {
      learn(job.count);
      learn(job.undo);
      learn(job.insert);
    }
    queue.push(...m);
  }
  if (!flushing) {
    flushing = true;
    setImmediate(flush);
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
  // Statements travel by number: each text goes over once to each thread, which keeps it prepared. Both
  // maps keep every text, so a text must not carry data (values go in params): the comment's statements
  // are fixed texts, the counts' vary only with how many limits they count.
  const sqlIds = new Map<string, number>();
  const sentTo = new WeakMap<Worker, Set<number>>();
  const wire = (w: Worker, st: Statement): WireStatement => {
    let sql = sqlIds.get(st.sql);
    if (sql === undefined) {
      sql = sqlIds.size;
      sqlIds.set(st.sql, sql);
    }
    const known = sentTo.get(w) ?? new Set<number>();
    sentTo.set(w, known);
    if (known.has(sql)) return { sql, params: st.params };
    known.add(sql);
    return { sql, text: st.sql, params: st.params };
  };
  // The writes asked for in one turn of the event loop go to the thread in one message.
  const outboxes = new Map<Worker, WireJob[]>();
  const send = (w: Worker, id: number, job: GuardedWrite, claim: WriteClaim) => {
    let batch = outboxes.get(w);
    if (!batch) {
      const items: WireJob[] = [];
      batch = items;
      outboxes.set(w, items);
      setImmediate(() => {
        outboxes.delete(w);
        w.postMessage(items);
      });
    }
    const onWire = { count: wire(w, job.count), limits: job.limits, undo: wire(w, job.undo), insert: wire(w, job.insert) };
    batch.push({ id, job: onWire, claim: claim.state });
  };
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
    w.on('message', (replies: Reply[]) => {
      for (const m of replies) {
        const p = pending.get(m.id);
        if (!p) continue;
        pending.delete(m.id);
        if (m.outcome) p.resolve(m.outcome);
        // As the driver throws it, so callers recognise a unique violation by its code.
        else p.reject(Object.assign(new Error(m.error?.message ?? 'SQLite writer failed'), { code: m.error?.code }));
      }
      if (pending.size === 0) {
        w.unref();
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => void stop(w), idleMs).unref();
      }
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
        send(w, id, job, claim);
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
