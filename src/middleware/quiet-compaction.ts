import v8 from 'node:v8';
import type { NextFunction, Request, Response } from 'express';
import { compactAtMostEvery } from '../lib/reclaim-memory.js';

/** The heap must have grown by this much since the last compaction for a quiet moment to compact it. */
export const QUIET_COMPACTION_GROWTH = 32 * 2 ** 20;
/** "Quiet": no request in flight and none begun for this long. Under load the gaps are a few ms. */
export const QUIET_MS = 200;
/** At most one quiet compaction per this many milliseconds (the growth above is the real limit). */
export const QUIET_COMPACTION_INTERVAL_MS = 2_000;
/** How long after a compaction the heap's size is read as the new starting point (V8 hands pages back meanwhile). */
const SETTLE_MS = 500;

type Options = {
  /** Bytes of pages V8's heap holds now (tests give their own). */
  heapBytes?: () => number;
  /** Compacts the heap unless it did within QUIET_COMPACTION_INTERVAL_MS; returns whether it ran (tests give their own). */
  compact?: () => boolean;
  quietMs?: number;
};

/**
 * Gives back what a burst of readers left in V8's heap soon after the burst ends (issue 10).
 *
 * Under 50 readers about a sixth of what a request allocates outlives two young-generation
 * collections (the bare stack's Express does the same) and lands in the old generation as garbage,
 * which V8 lets grow to ~4 × its live size before collecting it: the server ended a minute of page
 * runs at ~200 MB of RSS for ~30 MB of live objects. V8's idle memory reducer gives it back only
 * after 10–20 s of quiet, so a large export asked for in the meantime started from there. Capping
 * the old generation instead (--max-old-space-size=1024: full collections six times as often) cost
 * the comment intake ~6 % of its CPU (docs/performance-log.md, "Memory given back after a burst").
 *
 * So once no request has been in flight for QUIET_MS and the heap has grown by
 * QUIET_COMPACTION_GROWTH since the last compaction, one compacting collection runs (~40 ms, with
 * nobody waiting) and the pages go back to the system. Under load there is no such gap, so it never
 * runs there; a server under light load, idle between most requests, has not grown and is left alone.
 * Per request: a counter and one 'close' listener. After a compaction the first requests of the next
 * burst pay ~60 ms of CPU in early full collections, as after V8's own reducer (README).
 */
export function compactWhenQuiet(o: Options = {}) {
  const heapBytes = o.heapBytes ?? (() => v8.getHeapStatistics().total_heap_size);
  const compact = o.compact ?? compactAtMostEvery(QUIET_COMPACTION_INTERVAL_MS);
  const quietMs = o.quietMs ?? QUIET_MS;
  let inFlight = 0;
  let begun = 0; // requests begun so far: a change while the timer ran means it was not quiet
  let timer: NodeJS.Timeout | null = null;
  let compactedAt = heapBytes();

  const whenQuiet = (begunBefore: number) => {
    timer = null;
    // The timer is set when the last request in flight ends: any in flight now has begun since.
    if (begun !== begunBefore) return watch();
    const now = heapBytes();
    if (now < compactedAt) compactedAt = now; // V8 gave pages back itself
    if (now - compactedAt < QUIET_COMPACTION_GROWTH || !compact()) return;
    // The new starting point is the heap right after the compaction (lowered again once V8 has handed back what it
    // frees lazily), never its size before: a burst that began within SETTLE_MS left that as the baseline, and the
    // heap it grew was then never compacted when it ended (the next export started beside it; bench, 02/12/2026).
    compactedAt = heapBytes();
    setTimeout(() => (compactedAt = Math.min(compactedAt, heapBytes())), SETTLE_MS).unref();
  };
  const watch = () => {
    timer = setTimeout(whenQuiet, quietMs, begun);
    timer.unref();
  };
  const ended = () => {
    if (--inFlight === 0 && !timer) watch();
  };
  return (_req: Request, res: Response, next: NextFunction) => {
    inFlight++;
    begun++;
    // 'close' comes once for every response: after it is sent, or when the client goes first.
    res.on('close', ended);
    next();
  };
}
