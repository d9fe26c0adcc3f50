/**
 * compactWhenQuiet (src/middleware/quiet-compaction.ts): the heap a burst of requests left is compacted
 * once the burst is over — never while a request is in flight or while requests keep coming, and not
 * when the heap has not grown since the last compaction.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { compactWhenQuiet, QUIET_COMPACTION_GROWTH } from '../../src/middleware/quiet-compaction.js';

const QUIET = 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** An app with the middleware, a heap of `heap.bytes` and a record of the compactions asked for. */
async function appWithHeap(quietMs = QUIET) {
  const heap = { bytes: 50 * 2 ** 20 };
  const compactions: number[] = [];
  let release: () => void = () => {};
  const app = express();
  app.use(
    compactWhenQuiet({
      heapBytes: () => heap.bytes,
      compact: () => {
        compactions.push(heap.bytes);
        heap.bytes = 50 * 2 ** 20;
        return true;
      },
      quietMs,
    }),
  );
  app.get('/page', (_req, res) => res.send('page'));
  app.get('/slow', (_req, res) => {
    release = () => res.send('slow');
  });
  const server = app.listen(0);
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string) => (await fetch(base + path)).text();
  return { heap, compactions, get, releaseSlow: () => release() };
}

const grown = (heap: { bytes: number }) => (heap.bytes = 50 * 2 ** 20 + QUIET_COMPACTION_GROWTH + 2 ** 20);

describe('compaction when the server is quiet', () => {
  it('waits for the last request in flight, then compacts once', async () => {
    const { heap, compactions, get, releaseSlow } = await appWithHeap();
    const slow = get('/slow');
    await sleep(10);
    grown(heap);
    expect(await get('/page')).toBe('page');
    await sleep(QUIET * 3);
    expect(compactions).toEqual([]); // /slow is still being answered
    releaseSlow();
    expect(await slow).toBe('slow');
    await sleep(QUIET * 3);
    expect(compactions).toHaveLength(1);
    await get('/page');
    await sleep(QUIET * 3);
    expect(compactions).toHaveLength(1); // the heap has not grown since
  });

  it('compacts again after a burst that began right after the last compaction', async () => {
    const { heap, compactions, get } = await appWithHeap();
    grown(heap);
    await get('/page');
    await sleep(QUIET * 3);
    expect(compactions).toHaveLength(1); // the heap is back at 50 MB
    // The next burst starts at once and grows the heap by more than the threshold, past the settle time.
    heap.bytes = 50 * 2 ** 20 + QUIET_COMPACTION_GROWTH + 8 * 2 ** 20;
    await sleep(700);
    await get('/page');
    await sleep(QUIET * 3);
    expect(compactions).toHaveLength(2);
  });

  it('does not compact a heap that has not grown by the threshold', async () => {
    const { heap, compactions, get } = await appWithHeap();
    heap.bytes += QUIET_COMPACTION_GROWTH - 2 ** 20;
    await get('/page');
    await sleep(QUIET * 3);
    expect(compactions).toEqual([]);
  });

  it('does not compact while requests keep coming, however briefly each is in flight', async () => {
    // A long quiet period here, so that a slow round trip on a busy machine is still no gap.
    const quietMs = 400;
    const { heap, compactions, get } = await appWithHeap(quietMs);
    grown(heap);
    const until = Date.now() + quietMs * 3;
    while (Date.now() < until) {
      await get('/page');
      await sleep(20);
    }
    expect(compactions).toEqual([]);
    await sleep(quietMs * 3);
    expect(compactions).toHaveLength(1);
  });
});
