/**
 * A full garbage collection on demand, for long streamed downloads (exports of a million comments)
 * and, compacting, before them and after a burst of requests (src/middleware/quiet-compaction.ts). V8 collects the old generation lazily: a download that turns a million rows into
 * text promotes dead batches (alive across each wait for the client), and the heap grew by
 * 150–250 MB before V8 collected them. A collection every few batches keeps the server near its
 * idle size. V8 flags that do the same for the whole process (--max-semi-space-size=1, a small
 * --max-old-space-size) cost every page 25–45 % more CPU (docs/performance-log.md), so this stays
 * local to these moments.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

type Collect = (options?: { type: 'minor' | 'major' }) => void;
let collect: Collect | null = null;

/** V8's gc(): a full collection, or a young one with { type: 'minor' }. */
function gc(options?: { type: 'minor' | 'major' }) {
  if (!collect) {
    // The documented way to reach gc() without starting node with --expose-gc.
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as Collect;
  }
  if (options) collect(options);
  else collect();
}

export function reclaimMemory() {
  gc();
}

/** Bytes V8 holds for the young generation now (its two semi-spaces). */
const youngGenerationBytes = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;

/**
 * After a compaction, young collections this far apart, at most YOUNG_RETURN_TRIES of them, until V8 shrinks the
 * young generation. V8 shrinks it at a young collection when the allocation it has recorded over its last ten
 * collections (or its last ~5 s) is under ~1 MB a second: a burst's own collections leave the record high, so the
 * first collection after it keeps the size, the ~12th of a quiet series gives it back. Measured in a plain node
 * script after a burst: shrunk after 11–19 collections 1–200 ms apart, in 0.2–2.5 s; back to back (no time between
 * them, so no rate V8 can read), never.
 */
export const YOUNG_RETURN_STEP_MS = 5;
export const YOUNG_RETURN_TRIES = 30;
/**
 * A series that ends unshrunk (requests kept coming, V8 keeps the size a load needs) is tried again this much
 * later, at most YOUNG_RETURN_RETRIES times: V8 reads the allocation of its last ~5 s.
 */
export const YOUNG_GENERATION_RETURN_MS = 5_500;
export const YOUNG_RETURN_RETRIES = 3;

let series: { tries: number; startBytes: number; timer: NodeJS.Timeout } | null = null;
let retry: NodeJS.Timeout | null = null;
/** Who waits for the running series to end (youngGenerationSettled). */
let waiting: (() => void)[] = [];
/** The size V8 shrank the young generation to (once seen): one that size has nothing to give back. */
let smallestYoung = 0;

/**
 * The young generation a burst grew (2 × 8 MB of semi-spaces under `npm start`) stays committed and resident
 * after any number of full collections: measured inside `npm run bench`, the main isolate held 16 MB of it
 * for the first 20 s of the export that followed the page runs, until V8 shrank it on its own, and an export
 * asked for within 5 s of a burst peaked at up to 177 MB. A quiet series of young collections (each well under
 * 1 ms on an empty young generation) lets V8 shrink it to 1 MB within a fraction of a second. Under load V8
 * keeps the size the load needs, and a series is a few dozen young collections among hundreds.
 */
function returnYoungGeneration(retriesLeft: number) {
  // A new compaction restarts the series: what came before it (a burst) is what V8 must see pass.
  if (series) clearTimeout(series.timer);
  if (retry) clearTimeout(retry);
  retry = null;
  const startBytes = youngGenerationBytes();
  if (startBytes <= smallestYoung) return seriesEnded();
  const step = () => {
    if (!series) return;
    gc({ type: 'minor' });
    const now = youngGenerationBytes();
    if (now < series.startBytes) {
      smallestYoung = now;
      return seriesEnded();
    }
    if (++series.tries >= YOUNG_RETURN_TRIES) {
      if (retriesLeft > 0) retry = setTimeout(returnYoungGeneration, YOUNG_GENERATION_RETURN_MS, retriesLeft - 1).unref();
      return seriesEnded();
    }
    series.timer = setTimeout(step, YOUNG_RETURN_STEP_MS).unref();
  };
  series = { tries: 0, startBytes, timer: setTimeout(step, YOUNG_RETURN_STEP_MS).unref() };
}

function seriesEnded() {
  series = null;
  const waiters = waiting;
  waiting = [];
  for (const w of waiters) w();
}

/**
 * Resolves once no series of young collections is running: at once, or when the running one has given the young
 * generation back or given up (within YOUNG_RETURN_TRIES × YOUNG_RETURN_STEP_MS and the collections' own time).
 */
export function youngGenerationSettled(): Promise<void> {
  if (!series) return Promise.resolve();
  return new Promise((resolve) => waiting.push(resolve));
}

/** At most one compaction per this many milliseconds before downloads, whatever their number. */
export const COMPACTION_INTERVAL_MS = 30_000;

/**
 * A compaction of the main isolate's heap, at most once per `interval` for the caller that holds it:
 * the downloads share one (compactHeap below); src/middleware/quiet-compaction.ts keeps its own, so a
 * compaction after a burst never stands in for one before an export that follows another burst.
 *
 * It gives back the pages the heap grew to under load. After a minute of 50 readers the old generation
 * held 70–95 MB of pages for ~24 MB of live objects; V8's idle memory reducer returns them only once the
 * server has been quiet for 10–20 s. A plain gc() frees the objects but leaves them spread over the same
 * pages; a compacting one moves the live objects together and releases the rest: 214 → 115 MB in ~40 ms
 * of the main thread (docs/performance-log.md, "Memory given back"). V8 compacts on request only through its
 * flag, set for this one collection. The young generation follows within a fraction of a second
 * (returnYoungGeneration). The returned function says whether it ran.
 */
export function compactAtMostEvery(interval: number): (now?: number) => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return (now = Date.now()) => {
    if (now - last < interval) return false;
    last = now;
    v8.setFlagsFromString('--compact-on-every-full-gc');
    try {
      reclaimMemory();
    } finally {
      v8.setFlagsFromString('--no-compact-on-every-full-gc');
    }
    returnYoungGeneration(YOUNG_RETURN_RETRIES);
    return true;
  };
}

/**
 * Before a long download starts (issue 10: exports within 150 MB of RSS): relaying a download is not
 * quiet enough for V8's reducer, and the CSVs right after the page runs peaked at 210–222 MB. At most
 * once per COMPACTION_INTERVAL_MS: the public exports need no account, and a flood of small ones must
 * not turn into a flood of pauses.
 */
export const compactHeap = compactAtMostEvery(COMPACTION_INTERVAL_MS);

/** Calls reclaimMemory every `every` calls (one per batch written). */
export function reclaimEvery(every: number): () => void {
  let n = 0;
  return () => {
    if (++n % every === 0) reclaimMemory();
  };
}
