/**
 * A worker thread whose heap really is as its `resourceLimits` say (issue 10: exports within 150 MB of
 * RSS). The export threads ask for a 2 MB young generation; the comment writer asks for the main
 * thread's size on purpose (src/db/sqlite-writer.ts).
 *
 * `npm start` gives the main isolate a young generation of 2 × 8 MB (`--max-semi-space-size=8` in
 * NODE_OPTIONS, for the pages' CPU). V8's flags are the process's, and V8 lets that flag win over a
 * worker's `maxYoungGenerationSizeMb`: every export thread and the comment writer got the same 16 MB
 * young generation as the main thread, all of it touched within seconds. Measured on the public CSV of
 * 1,000,000 comments: the export thread's heap was 23.5 MB with the flag in force, 13 MB without it, and
 * the server's peak went from +29 MB over idle to +17 MB (docs/performance-log.md).
 *
 * The flag has done its work once the main isolate exists (V8 reads it when it creates an isolate's
 * heap), so it is set back to 0 ("not given") before the first worker starts: later isolates are sized
 * by their own limits, the main thread keeps its young generation.
 */
import v8 from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

let flagCleared = false;

/** `new Worker(script, options)`, with `options.resourceLimits` in force whatever NODE_OPTIONS says. */
export function smallWorker(script: string | URL, options: WorkerOptions & { resourceLimits: NonNullable<WorkerOptions['resourceLimits']> }): Worker {
  if (!flagCleared) {
    v8.setFlagsFromString('--max-semi-space-size=0');
    flagCleared = true;
  }
  return new Worker(script, options);
}
