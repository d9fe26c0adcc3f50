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

/**
 * How long after a compaction the young generation is offered back: V8 shrinks it only at a collection
 * whose last ~5 s allocated little (under 1 MB a second), and no collection comes on its own while the
 * server is quiet or only relays a download.
 */
export const YOUNG_GENERATION_RETURN_MS = 5_500;
let youngReturn: NodeJS.Timeout | null = null;

/**
 * The young generation a burst grew (2 × 8 MB of semi-spaces under `npm start`) stays committed and resident
 * after any number of full collections: measured inside `npm run bench`, the main isolate held 16 MB of it
 * for the first 20 s of the export that followed the page runs, until V8 shrank it on its own. One young
 * collection once the allocation has calmed (~1 ms) lets V8 shrink it to 1 MB. Under load it is one more
 * young collection among hundreds, and V8 keeps the size the load needs.
 */
function returnYoungGenerationLater() {
  // Counted from the last compaction: a timer left by an earlier one (a burst's end, then an export 2 s later)
  // would fire within 5 s of this one's burst, when V8 keeps the size, and no other would follow.
  if (youngReturn) {
    youngReturn.refresh();
    return;
  }
  youngReturn = setTimeout(() => {
    youngReturn = null;
    gc({ type: 'minor' });
  }, YOUNG_GENERATION_RETURN_MS);
  youngReturn.unref();
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
 * flag, set for this one collection. The young generation follows YOUNG_GENERATION_RETURN_MS later
 * (returnYoungGenerationLater). The returned function says whether it ran.
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
    returnYoungGenerationLater();
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
