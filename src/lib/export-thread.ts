/**
 * A long download produced in a worker thread (issue 10: exports of a million comments within
 * 150 MB of RSS). The worker reads the database and writes the file's bytes into `threadSink()`;
 * the bytes cross to the main thread as transferred ArrayBuffers and go to the response there.
 * - Memory is bounded by the worker's own heap limits (`resourceLimits`): the export's garbage
 *   never reaches the main isolate, whose young generation would otherwise grow for the pages too.
 * - Back-pressure: the worker may have SINK_IN_FLIGHT chunks unacknowledged; the main thread
 *   acknowledges a chunk once the response has taken it (after 'drain' when write returns false),
 *   so a slow client holds the worker's reading, not memory.
 * - A client that goes away terminates the worker. A worker that fails (an error, its heap limit)
 *   never takes the server down: before the first byte the request fails with 500 through the
 *   error handler; after it the download is cut (the client sees an incomplete file, not a
 *   truncated one that looks whole).
 * The main thread decides who may download what before the worker starts; the worker gets only
 * what it needs to read (its `workerData`).
 */
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { parentPort, type ResourceLimits, Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

type FromWorker = { type: 'chunk'; bytes: ArrayBuffer } | { type: 'end' } | { type: 'error'; message: string };
type ToWorker = { type: 'ack' };

/** Chunks the worker may send ahead of the response: enough to keep both threads busy, few enough to bound memory. */
const SINK_IN_FLIGHT = 2;
/** Bytes gathered into one message (small writes of a zip or a CSV row are merged). */
const SINK_CHUNK = 64 * 1024;

/**
 * The worker module to run for `file` (a sibling of the caller, named without extension). In
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

export type ThreadDownload = {
  /** import.meta.url of the module next to the worker file, and the worker file's name without extension. */
  callerUrl: string;
  worker: string;
  workerData: unknown;
  resourceLimits: ResourceLimits;
  /** Sets the download's headers: called at the first byte, so a worker that fails before it gives a 500. */
  start: () => void;
};

/** Runs the worker and streams what it writes to `res`; resolves when the download ends or the client goes. */
export function downloadFromThread(res: ServerResponse, job: ThreadDownload): Promise<void> {
  const { script, eval: isEval } = workerScript(job.callerUrl, job.worker);
  const worker = new Worker(script, { eval: isEval, workerData: job.workerData, resourceLimits: job.resourceLimits, stdout: false, stderr: false });
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
      resolve();
    };
    const clientGone = () => finish(); // the worker stops reading the database
    res.on('close', clientGone);
    const ack = () => {
      if (!settled) worker.postMessage({ type: 'ack' } satisfies ToWorker);
    };
    worker.on('message', (m: FromWorker) => {
      if (settled) return;
      if (m.type === 'chunk') {
        if (!started) {
          started = true;
          job.start();
        }
        if (res.write(Buffer.from(m.bytes))) ack();
        else res.once('drain', ack);
      } else if (m.type === 'end') {
        if (!started) job.start();
        started = true;
        res.end();
        finish();
      } else finish(new Error(`export worker: ${m.message}`));
    });
    worker.on('error', (err) => finish(err)); // an uncaught error or ERR_WORKER_OUT_OF_MEMORY
    worker.on('exit', (code) => finish(new Error(`export worker exited (${code}) before the end of the file`)));
  });
}

/**
 * In the worker: the stream its file is written to. Chunks are merged up to SINK_CHUNK bytes,
 * copied into an ArrayBuffer of their own and transferred (no second copy); a write completes
 * once fewer than SINK_IN_FLIGHT chunks wait for the main thread, so `writableNeedDrain` tells
 * the producer to wait, as for a socket.
 */
export function threadSink(): Writable {
  const port = parentPort;
  if (!port) throw new Error('threadSink() outside a worker thread');
  let inFlight = 0;
  let waiting: (() => void) | null = null;
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'ack') return;
    inFlight--;
    const next = waiting;
    waiting = null;
    next?.();
  });
  const send = (chunks: Buffer[], done: (err?: Error | null) => void) => {
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    port.postMessage({ type: 'chunk', bytes: bytes.buffer } satisfies FromWorker, [bytes.buffer]);
    if (++inFlight < SINK_IN_FLIGHT) done();
    else waiting = () => done();
  };
  return new Writable({
    highWaterMark: SINK_CHUNK,
    writev(chunks, done) {
      send(
        chunks.map((c) => c.chunk as Buffer),
        done,
      );
    },
    final(done) {
      const end = () => {
        port.postMessage({ type: 'end' } satisfies FromWorker);
        done();
      };
      // Everything sent; 'end' follows the last chunk in the port's order.
      end();
    },
  });
}

/** In the worker: reports a failure to the main thread (which answers 500 or cuts the download). */
export function threadFailed(err: unknown) {
  parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
}
