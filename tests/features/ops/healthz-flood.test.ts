/**
 * /healthz is public and its checks write (the heartbeat row, a probe file in the uploads folder): a flood
 * of health checks must not become a flood of disk writes. Every request is answered; the writing checks
 * run at most once a second and the requests in between share their answer.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

describe('/healthz under a flood', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const heartbeat = async () => (await t.db.systemState.findUniqueOrThrow({ where: { key: 'heartbeat' } })).value;

  it('answers every request but writes the heartbeat once, not once a request', async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, () => request(t.app).get('/healthz')));
    expect(burst.map((r) => r.status)).toEqual(Array(20).fill(200));
    const written = await heartbeat();
    for (let i = 0; i < 10; i++) {
      const res = await request(t.app).get('/healthz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    }
    // Each check writes the time of its write: ten more checks would have moved it.
    expect(await heartbeat()).toBe(written);

    // A second later the next request checks again.
    t.clock.set(new Date(t.ctx.now().getTime() + 1000));
    expect((await request(t.app).get('/healthz')).status).toBe(200);
    expect(await heartbeat()).not.toBe(written);
  });
});
