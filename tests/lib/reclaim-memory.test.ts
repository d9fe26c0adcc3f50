/**
 * compactHeap (src/lib/reclaim-memory.ts), run before each export starts: the pages a heap grew to
 * under load are given back even when a few live objects are left on each of them — which a plain
 * collection does not do — and a flood of downloads compacts at most once per interval, apart from
 * the compactions the server runs when a burst ends; and the young generation a burst grew goes back soon after.
 */
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  COMPACTION_INTERVAL_MS,
  compactAtMostEvery,
  compactHeap,
  reclaimMemory,
  YOUNG_GENERATION_RETURN_MS,
  youngGenerationSettled,
} from '../../src/lib/reclaim-memory.js';

const heapMb = () => v8.getHeapStatistics().total_heap_size / 2 ** 20;
const youngMb = () => (v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.physical_space_size ?? 0) / 2 ** 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Allocates as fifty readers do, many objects living a little while, until V8 has grown the young generation. */
function grownYoungGeneration(): number {
  let alive: { n: number; text: string }[] = [];
  for (let i = 0; i < 3_000_000 && youngMb() < 8; i++) {
    alive.push({ n: i, text: `trang ${i}` });
    if (alive.length > 200_000) alive = alive.slice(100_000);
  }
  return youngMb();
}

/**
 * ~150 MB of old-generation objects, of which one in four stays alive: every page keeps some, as a
 * server's pages keep its caches and compiled code among the garbage of fifty readers.
 */
function fragmentedHeap(): object[] {
  let all: { n: number; text: string }[] = [];
  for (let i = 0; i < 600_000; i++) all.push({ n: i, text: `ý kiến số ${i} `.repeat(3) });
  reclaimMemory(); // promoted to the old generation
  const survivors = all.filter((_, i) => i % 4 === 0);
  all = [];
  return survivors;
}

describe('compactHeap', () => {
  it('gives back pages that plain collections leave with a few live objects on each', () => {
    const survivors = fragmentedHeap();
    // Plain collections free the dead objects but V8 moves only a few pages' survivors each time.
    reclaimMemory();
    reclaimMemory();
    const afterPlain = heapMb();
    // A time past any compaction that another file's downloads ran in this process (isolate: false).
    expect(compactHeap(Date.now() + 100 * COMPACTION_INTERVAL_MS)).toBe(true);
    const afterCompaction = heapMb();
    expect(survivors.length).toBe(150_000);
    expect(afterPlain - afterCompaction).toBeGreaterThan(40);
  });

  it('gives the young generation back within a fraction of a second of a compaction, once the burst is over', async () => {
    expect(grownYoungGeneration()).toBeGreaterThanOrEqual(8);
    compactAtMostEvery(0)();
    // A full collection, compacting or not, leaves the young generation as large as the burst made it …
    expect(youngMb()).toBeGreaterThanOrEqual(8);
    const t0 = Date.now();
    await youngGenerationSettled();
    // … the quiet young collections that follow let V8 shrink it (to 1 MB, touched as it is used again),
    // long before the fallback YOUNG_GENERATION_RETURN_MS later.
    expect(youngMb()).toBeLessThanOrEqual(2);
    expect(Date.now() - t0).toBeLessThan(YOUNG_GENERATION_RETURN_MS);
  });

  it('when allocation goes on through the series, gives the young generation back a few seconds after it calms', async () => {
    // An earlier compaction (a burst's end) whose fallback is still to come: it must wait for the last one.
    compactAtMostEvery(0)();
    await youngGenerationSettled();
    await sleep(3_000);
    expect(grownYoungGeneration()).toBeGreaterThanOrEqual(8);
    compactAtMostEvery(0)();
    // Requests keep coming (allocation between the series' collections): V8 keeps the size the load needs.
    let alive: { n: number; text: string }[] = [];
    const busyUntil = Date.now() + 1_000;
    while (Date.now() < busyUntil) {
      for (let j = 0; j < 20_000; j++) alive.push({ n: j, text: `trang ${j}` });
      if (alive.length > 200_000) alive = alive.slice(100_000);
      await new Promise((r) => setImmediate(r));
    }
    await youngGenerationSettled();
    alive = [];
    expect(youngMb()).toBeGreaterThanOrEqual(8);
    await sleep(YOUNG_GENERATION_RETURN_MS + 1_000);
    // The one young collection that follows once allocation has calmed lets V8 shrink it.
    expect(youngMb()).toBeLessThanOrEqual(2);
  }, 30_000);

  it('compacts at most once per interval, however many downloads start', () => {
    const t = Date.now() + 1000 * COMPACTION_INTERVAL_MS;
    expect(compactHeap(t)).toBe(true);
    expect(compactHeap(t + 1)).toBe(false);
    expect(compactHeap(t + COMPACTION_INTERVAL_MS - 1)).toBe(false);
    expect(compactHeap(t + COMPACTION_INTERVAL_MS)).toBe(true);
  });

  it('compacts before an export even just after the server compacted at the end of a burst', () => {
    const afterBurst = compactAtMostEvery(2_000); // what src/middleware/quiet-compaction.ts holds
    const t = Date.now() + 2000 * COMPACTION_INTERVAL_MS;
    expect(afterBurst(t)).toBe(true);
    expect(compactHeap(t + 1_000)).toBe(true); // another burst came in between: the export's own compaction runs
    expect(afterBurst(t + 1_500)).toBe(false);
    expect(afterBurst(t + 2_000)).toBe(true);
    expect(compactHeap(t + 3_000)).toBe(false); // the downloads' own limit
  });
});
