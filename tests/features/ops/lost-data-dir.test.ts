/**
 * The data folder deleted under a running server: /healthz says so (503) and,
 * on SQLite, no comment is acknowledged with a receipt code only to be lost, and
 * a restart will not create and seed a new, empty database in its place.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { TEST_DB_KIND } from '../../helpers/databases.js';
import { MARKER_FILE, refuseNewDatabase } from '../../../src/lib/deployment.js';
import { groupId, makeDraft, postComment, validComment } from '../comments/fixtures.js';

describe('a lost data directory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is noticed by /healthz and refuses writes that would be lost', async () => {
    const draft = await makeDraft(t);
    const group = await groupId(t);
    const resident = t.agent();
    // Healthy: the heartbeat row is written and the uploads folder takes a file.
    const ok = await resident.get('/healthz');
    expect(ok.status).toBe(200);
    expect(await t.db.systemState.findUnique({ where: { key: 'heartbeat' } })).not.toBeNull();
    const page = await resident.get(`/du-thao/${draft.id}/gop-y`); // the form was open before the disk went

    fs.rmSync(t.dataDir, { recursive: true, force: true });

    const health = await resident.get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body.problems).toContain('uploads');
    if (TEST_DB_KIND === 'sqlite') expect(health.body.problems).toContain('database-file');
    expect(JSON.stringify(health.body)).not.toContain(t.dataDir); // no paths in the public answer

    const before = await t.db.comment.count();
    const res = await postComment(resident, draft.id, validComment(group, { body: 'Góp ý gửi sau khi mất thư mục dữ liệu.' }));
    if (TEST_DB_KIND === 'sqlite') {
      // The open handle would still take the write, on a file that no longer exists: refused, no receipt.
      expect(page.status).toBe(200);
      expect(res.status).toBe(503);
      expect(visibleText(res.text)).toContain('dữ liệu bạn gửi chưa được lưu');
      expect(res.headers.location).toBeUndefined();
      expect(await t.db.comment.count()).toBe(before);
    } else {
      // On PostgreSQL the comments live in the database server, not the data folder: still safely taken.
      expect(res.status).toBe(303);
      expect(await t.db.comment.count()).toBe(before + 1);
    }
    if (TEST_DB_KIND === 'sqlite') {
      // Nothing is recreated but the deployment marker, so a restart refuses to seed a new, empty database.
      expect(fs.readdirSync(t.dataDir)).toEqual([MARKER_FILE]);
      expect(await refuseNewDatabase(t.ctx.config)).toContain('Refusing to create a new, empty database');
      expect((await resident.get('/healthz')).body.problems).toEqual(['database-file', 'uploads']);
    } else {
      // A deleted data folder is not silently recreated by the health check.
      expect(fs.existsSync(t.dataDir)).toBe(false);
    }
  });
});
