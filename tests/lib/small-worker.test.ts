/**
 * Export threads and the comment writer start with the young generation their resourceLimits give
 * (src/lib/small-worker.ts), even in a server started as `npm start` starts it, with
 * --max-semi-space-size=8 for the main thread: measured, that flag alone gave every such thread
 * 16 MB of young generation and the public CSV export ~12 MB more peak RSS (issue 10).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const fixture = 'tests/lib/fixtures/worker-young-gen.ts';

/** What V8 gave a worker's heap with a 2 MB young generation and 32 MB old, in MB, as npm start runs node. */
function workerHeap(mode: 'small' | 'plain'): { limitMb: number; newSpaceMb: number } {
  const out = execFileSync(process.execPath, ['--max-semi-space-size=8', '--import', 'tsx', fixture, mode], { encoding: 'utf8', timeout: 30_000 });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
}

describe('a worker thread started under npm start’s V8 flags', () => {
  it('keeps the small young generation of its resourceLimits when started through smallWorker', () => {
    const heap = workerHeap('small');
    expect(heap.newSpaceMb).toBeLessThanOrEqual(2);
    // 32 MB old generation plus a young generation of a few MB, not 3 × 8 MB.
    expect(heap.limitMb).toBeLessThan(40);
  });

  it('would get the main thread’s 16 MB young generation as a plain Worker (why smallWorker exists)', () => {
    const heap = workerHeap('plain');
    expect(heap.newSpaceMb).toBeGreaterThanOrEqual(8);
    expect(heap.limitMb).toBeGreaterThanOrEqual(50);
  });
});
