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

/** Calls reclaimMemory every `every` calls (one per batch written). */
export function reclaimEvery(every: number): () => void {
  let n = 0;
  return () => {
    if (++n % every === 0) reclaimMemory();
  };
}
