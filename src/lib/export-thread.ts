/**
 * A long download produced in a worker thread (issue 10: exports of a million comments within
 * 150 MB of RSS). The worker reads the database and writes the file's bytes into `threadSink()`;
 * the bytes cross to the main thread through a small ring of shared memory and go to the response there.
 * - Memory is bounded by the worker's own heap limits (`resourceLimits`): the export's garbage
 *   never reaches the main isolate, whose young generation would otherwise grow for the pages too.
 * - Back-pressure: the worker fills a slot of the ring only when the main thread has handed it
 *   back, which it does once the socket has taken the slot's bytes: a slow client holds the
 *   worker's reading, not memory.
 * - A client that goes away terminates the worker. A worker that fails (an error, its heap limit)
 *   never takes the server down: before the first byte the request fails with 500 through the
 *   error handler; after it the download is cut (the client sees an incomplete file, not a
 *   truncated one that looks whole).
 * The main thread decides who may download what before the worker starts; the worker gets only
 * what it needs to read (its `workerData`).
 */
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { parentPort, type ResourceLimits } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { AppError } from './app-error.js';
import { compactHeap, youngGenerationSettled } from './reclaim-memory.js';
import { smallWorker } from './small-worker.js';

type FromWorker =
  | { type: 'ring'; ring: SharedArrayBuffer }
  | { type: 'chunk'; slot: number; length: number }
  | { type: 'end' }
  | { type: 'error'; message: string };
type ToWorker = { type: 'free'; slot: number };

/**
 * The bytes cross in a ring of RING_SLOTS slots of SLOT_BYTES in one SharedArrayBuffer, the same
 * memory for the whole download: the response writes straight from a slot, which goes back to the
 * worker once the socket has taken it. Transferring a new ArrayBuffer per chunk was measured to
 * leave 30–40 MB of dead buffers in the main isolate at a time (V8 collects them only when its
 * own heap asks, and the main thread allocates next to nothing while it relays a download).
 */
const RING_SLOTS = 4;
const SLOT_BYTES = 64 * 1024;

/**
 * The worker module `name` (a path next to the caller, without extension). In
 * production the server runs compiled JavaScript (dist/); in development and tests it runs the
 * TypeScript sources, which a worker can only load through tsx's loader, registered in the worker.
 */
function workerScript(callerUrl: string, name: string): { script: string | URL; eval: boolean } {
  const ts = callerUrl.endsWith('.ts');
  const url = new URL(`./${name}${ts ? '.ts' : '.js'}`, callerUrl);
  if (!ts) return { script: url, eval: false };
  // The ESM entry of tsx's API, found from its package.json (require.resolve would give the CommonJS one).
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = new URL('dist/esm/api/index.mjs', pathToFileURL(tsxPackage)).href;
  return { script: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, eval: true };
}

/**
 * How many export workers run at once, and how many downloads may wait for one. The public exports
 * need no account, so a flood of them must not start a worker each: every worker is an isolate of its
 * own with up to ~50 MB of heap and a core's worth of work. Beyond the running ones a few wait their
 * turn (an officer's export queued behind a resident's); past that the request is refused with 503
 * and a Vietnamese "try again in a few minutes", nothing started.
 */
export class ThreadSlots {
  private running = 0;
  private readonly waiting = new Set<() => void>();

  constructor(
    readonly max: number,
    readonly maxWaiting: number,
  ) {}

  /** How many downloads wait for a slot now. */
  get queued() {
    return this.waiting.size;
  }

  /**
   * Resolves with the function that gives the slot back, once one is free; null when the client
   * went away while waiting (nothing to start). Throws 503 when too many already wait.
   */
  async acquire(res: ServerResponse): Promise<(() => void) | null> {
    if (this.running >= this.max) {
      if (this.waiting.size >= this.maxWaiting) throw new AppError(503, EXPORTS_BUSY);
      const turn = await new Promise<boolean>((resolve) => {
        const gone = () => {
          this.waiting.delete(ready);
          resolve(false);
        };
        const ready = () => {
          res.off('close', gone);
          resolve(true);
        };
        this.waiting.add(ready);
        res.once('close', gone);
      });
      if (!turn) return null;
    } else this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the first download still waiting, or is freed.
      const next = this.waiting.values().next().value;
      if (next) {
        this.waiting.delete(next);
        next();
      } else this.running--;
    };
  }
}

const EXPORTS_BUSY = 'Máy chủ đang xuất nhiều tệp dữ liệu cùng lúc nên chưa thể tạo tệp của bạn. Vui lòng thử lại sau ít phút.';

/** Two exports at a time (two cores here), eight more waiting: the server's memory stays bounded under a flood. */
const EXPORT_SLOTS = new ThreadSlots(2, 8);

export type ThreadDownload = {
  /** import.meta.url of the module next to the worker file, and the worker file's name without extension. */
  callerUrl: string;
  worker: string;
  workerData: unknown;
  resourceLimits: ResourceLimits;
  /** Sets the download's headers: called at the first byte, so a worker that fails before it gives a 500. */
  start: () => void;
  /** Told of a failure after the first byte (the download is cut; no error handler sees it). */
  cut: (err: Error) => void;
  /** The slots the worker waits for (tests give their own; the server shares EXPORT_SLOTS). */
  slots?: ThreadSlots;
};

/** Runs the worker and streams what it writes to `res`; resolves when the download ends or the client goes. */
export async function downloadFromThread(res: ServerResponse, job: ThreadDownload): Promise<void> {
  let gone = false;
  const leaves = () => (gone = true);
  res.once('close', leaves);
  const release = await (job.slots ?? EXPORT_SLOTS).acquire(res);
  if (!release) return void res.off('close', leaves); // the client left while waiting for a slot
  if (gone) return release(); // … or just as its turn came
  try {
    compactHeap(); // what the pages left behind, before the worker adds its own heap
    // … and the young generation a burst of pages grew (16 MB), given back within ~0.2 s once the server is quiet:
    // an export asked for 1 s after fifty readers stopped peaked 20–25 MB higher without it (docs/performance-log.md).
    await youngGenerationSettled();
    res.off('close', leaves);
    if (gone) return; // the client left meanwhile (release() below)
    await runThread(res, job);
  } finally {
    release();
  }
}

function runThread(res: ServerResponse, job: ThreadDownload): Promise<void> {
  const { script, eval: isEval } = workerScript(job.callerUrl, job.worker);
  const worker = smallWorker(script, { eval: isEval, workerData: job.workerData, resourceLimits: job.resourceLimits, stdout: false, stderr: false });
  return new Promise<void>((resolve, reject) => {
    let started = false;
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      res.off('close', clientGone);
      void worker.terminate();
      if (!err) return resolve();
      if (!started) return reject(err); // nothing sent yet: the error handler answers 500
      res.destroy(err); // mid-download: cut it, so the client does not take a partial file for a whole one
      job.cut(err);
      resolve();
    };
    const clientGone = () => finish(); // the worker stops reading the database
    res.on('close', clientGone);
    let ring: SharedArrayBuffer | null = null;
    const free = (slot: number) => {
      if (!settled) worker.postMessage({ type: 'free', slot } satisfies ToWorker);
    };
    worker.on('message', (m: FromWorker) => {
      if (settled) return;
      if (m.type === 'ring') ring = m.ring;
      else if (m.type === 'chunk' && ring) {
        if (!started) {
          started = true;
          job.start();
        }
        // The slot is handed back once the socket has taken its bytes (a slow client holds the worker).
        res.write(Buffer.from(ring, m.slot * SLOT_BYTES, m.length), () => free(m.slot));
      } else if (m.type === 'end') {
        if (!started) job.start();
        started = true;
        res.end();
        finish();
      } else if (m.type === 'error') finish(new Error(`export worker: ${m.message}`));
    });
    worker.on('error', (err) => finish(err)); // an uncaught error or ERR_WORKER_OUT_OF_MEMORY
    worker.on('exit', (code) => finish(new Error(`export worker exited (${code}) before the end of the file`)));
  });
}

/**
 * In the worker: the stream its file is written to. Each write is copied into free slots of the
 * ring (waiting for one when all are in the main thread's hands), so `writableNeedDrain` tells the
 * producer to wait, as for a socket, and the bytes in flight never exceed the ring.
 */
export function threadSink(): Writable {
  const port = parentPort;
  if (!port) throw new Error('threadSink() outside a worker thread');
  const ring = new SharedArrayBuffer(RING_SLOTS * SLOT_BYTES);
  const freeSlots = Array.from({ length: RING_SLOTS }, (_, i) => i);
  let waiting: (() => void) | null = null;
  port.postMessage({ type: 'ring', ring } satisfies FromWorker);
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'free') return;
    freeSlots.push(m.slot);
    const next = waiting;
    waiting = null;
    next?.();
  });
  const slot = async () => {
    while (!freeSlots.length) await new Promise<void>((resolve) => (waiting = resolve));
    return freeSlots.shift() as number;
  };
  const send = async (chunks: Buffer[]) => {
    let at = -1;
    let used = 0;
    const flush = () => {
      if (at >= 0 && used) port.postMessage({ type: 'chunk', slot: at, length: used } satisfies FromWorker);
      at = -1;
      used = 0;
    };
    for (const chunk of chunks)
      for (let from = 0; from < chunk.byteLength; ) {
        if (at < 0) at = await slot();
        const n = Math.min(SLOT_BYTES - used, chunk.byteLength - from);
        new Uint8Array(ring, at * SLOT_BYTES + used, n).set(chunk.subarray(from, from + n));
        used += n;
        from += n;
        if (used === SLOT_BYTES) flush();
      }
    flush();
  };
  return new Writable({
    highWaterMark: SLOT_BYTES,
    writev(chunks, done) {
      send(chunks.map((c) => c.chunk as Buffer)).then(() => done(), done);
    },
    final(done) {
      // 'end' follows the last chunk in the port's order.
      port.postMessage({ type: 'end' } satisfies FromWorker);
      done();
    },
  });
}

/** In the worker: reports a failure to the main thread (which answers 500 or cuts the download). */
export function threadFailed(err: unknown) {
  parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
}
