/**
 * Downloads produced in a worker thread (src/lib/export-thread.ts, issue 10): the bytes arrive
 * whole and in order, and a worker that fails or runs out of heap never takes the server down —
 * a 500 before the first byte, a cut download after it — and a client that leaves stops it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFromThread, ThreadSlots } from '../../src/lib/export-thread.js';

let server: http.Server;
const few = new ThreadSlots(1, 1);
let base = '';
const finished: string[] = [];

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const mode = url.searchParams.get('mode') ?? 'ok';
    const chunks = Number(url.searchParams.get('chunks') ?? 10);
    // ?few: one worker at a time and one download waiting (the server itself shares two and eight).
    const slots = url.searchParams.has('few') ? few : undefined;
    try {
      await downloadFromThread(res, {
        callerUrl: import.meta.url,
        worker: 'fixtures/export-thread-worker',
        workerData: { mode, chunks },
        resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 24 },
        start: () => res.writeHead(200, { 'content-type': 'text/plain' }),
        cut: () => finished.push(`${mode}: cut`),
        slots,
      });
      finished.push(mode);
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      res.writeHead(status).end(status === 503 ? (err as Error).message : 'error');
      finished.push(`${mode}: ${status}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const line = `${'x'.repeat(1023)}\n`;

describe('a download written by a worker thread', () => {
  it('arrives whole, in order, past the chunks in flight', async () => {
    const res = await fetch(`${base}/?mode=ok&chunks=3000`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(line.repeat(3000));
  });

  it('gives a 500 when the worker fails before its first byte, and the server carries on', async () => {
    const res = await fetch(`${base}/?mode=throw`);
    expect(res.status).toBe(500);
    expect((await fetch(`${base}/?mode=ok&chunks=2`)).status).toBe(200);
  });

  it('gives a 500 when the worker exhausts its heap limit, and the server carries on', async () => {
    const res = await fetch(`${base}/?mode=out-of-memory`);
    expect(res.status).toBe(500);
    expect(await (await fetch(`${base}/?mode=ok&chunks=5`)).text()).toBe(line.repeat(5));
  });

  it('cuts the download when the worker fails after the first byte, so it cannot pass for a whole file', async () => {
    const res = await fetch(`${base}/?mode=late-throw&chunks=200`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(finished).toContain('late-throw: cut'); // told, so the server can log it
  });

  it('stops the worker when the client goes away', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/?mode=endless`, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await expect.poll(() => finished.includes('endless'), { timeout: 10_000 }).toBe(true);
  });

  it('runs a bounded number of workers: one more waits its turn, the next is refused with 503, nothing started', async () => {
    const first = new AbortController();
    const holding = await fetch(`${base}/?mode=endless&few`, { signal: first.signal });
    await (holding.body as ReadableStream<Uint8Array>).getReader().read(); // its worker runs
    const waiting = fetch(`${base}/?mode=ok&chunks=4&few`); // no slot free: waits
    await expect.poll(() => few.queued, { timeout: 10_000 }).toBe(1);
    const refused = await fetch(`${base}/?mode=ok&chunks=1&few`);
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain('Vui lòng thử lại sau ít phút');
    first.abort(); // the running download ends: the waiting one gets its slot
    const served = await waiting;
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(line.repeat(4));
    // The slot is free again for the next download.
    expect(await (await fetch(`${base}/?mode=ok&chunks=2&few`)).text()).toBe(line.repeat(2));
  });

  it('gives up the place of a download whose client left while it waited', async () => {
    const first = new AbortController();
    const holding = await fetch(`${base}/?mode=endless&few`, { signal: first.signal });
    await (holding.body as ReadableStream<Uint8Array>).getReader().read();
    const second = new AbortController();
    const left = fetch(`${base}/?mode=ok&chunks=1&few`, { signal: second.signal }).catch(() => 'left');
    await expect.poll(() => few.queued, { timeout: 10_000 }).toBe(1);
    expect((await fetch(`${base}/?mode=ok&chunks=1&few`)).status).toBe(503);
    second.abort();
    expect(await left).toBe('left');
    await expect.poll(() => few.queued, { timeout: 10_000 }).toBe(0);
    // Its place in the queue is free again: the next download waits instead of being refused.
    const next = fetch(`${base}/?mode=ok&chunks=3&few`);
    await expect.poll(() => few.queued, { timeout: 10_000 }).toBe(1);
    first.abort();
    const served = await next;
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(line.repeat(3));
  });
});
