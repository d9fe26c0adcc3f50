/**
 * A full garbage collection on demand, for long streamed downloads only (exports of a million
 * comments). V8 collects the old generation lazily: a download that turns a million rows into
 * text promotes dead batches (alive across each wait for the client), and the heap grew by
 * 150–250 MB before V8 collected them. A collection every few batches keeps the server near its
 * idle size. V8 flags that do the same for the whole process (--max-semi-space-size=1, a small
 * --max-old-space-size) cost every page 25–45 % more CPU (README, Performance), so this stays
 * local to the downloads.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null = null;

export function reclaimMemory() {
  if (!collect) {
    // The documented way to reach gc() without starting node with --expose-gc.
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}

/** At most one compaction per this many milliseconds, whatever the number of downloads. */
export const COMPACTION_INTERVAL_MS = 30_000;
let lastCompaction = Number.NEGATIVE_INFINITY;

/**
 * Gives back the pages the main isolate's heap grew to under load, before a long download starts
 * (issue 10: exports within 150 MB of RSS). After a minute of 50 readers the old generation held
 * 70–95 MB of pages for ~24 MB of live objects; V8's idle memory reducer returns them only once the
 * server is quiet, and relaying a download is not quiet enough: the CSVs right after the page runs
 * peaked at 210–222 MB. A plain gc() frees the objects but leaves them spread over the same pages;
 * a compacting one moves the live objects together and releases the rest: 214 → 115 MB in ~40 ms of
 * the main thread (README, Performance, "Memory given back"). V8 compacts on request only through its
 * flag, set for this one collection. At most once per `interval` (COMPACTION_INTERVAL_MS for the
 * downloads: the public exports need no account, and a flood of small ones must not turn into a flood
 * of pauses; src/middleware/quiet-compaction.ts asks for a shorter one). Returns whether it ran.
 */
export function compactHeap(now = Date.now(), interval = COMPACTION_INTERVAL_MS): boolean {
  if (now - lastCompaction < interval) return false;
  lastCompaction = now;
  v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    reclaimMemory();
  } finally {
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
  return true;
}

/** Calls reclaimMemory every `every` calls (one per batch written). */
export function reclaimEvery(every: number): () => void {
  let n = 0;
  return () => {
    if (++n % every === 0) reclaimMemory();
  };
}
