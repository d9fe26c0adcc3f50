/**
 * PostgreSQL only: the app's connections run with JIT compilation off. At a million comments the
 * summary page's counts passed jit_above_cost and spent 8.7 s compiling for 25 ms of work (issue 10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

describe('PostgreSQL connections of the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('have JIT compilation off', async () => {
    expect(await t.db.$queryRawUnsafe('SHOW jit')).toEqual([{ jit: 'off' }]);
  });
});
