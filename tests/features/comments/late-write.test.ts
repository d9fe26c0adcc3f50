/**
 * A comment whose write still waits for the database when the request-time backstop answers: the
 * resident is told "not saved" (503), so the comment must not be stored when the database frees up
 * (src/lib/write-claim.ts). On SQLite the write waits on the writer thread for the file's write lock
 * (src/db/sqlite-writer.ts); on PostgreSQL inside its transaction, for the draft's row, which the
 * comment's counter trigger updates. The test holds that lock from a connection of its own.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, postComment, validComment, type DraftFixture } from './fixtures.js';

/** Takes the lock a comment's write needs, until `release`. */
async function holdWriteLock(t: TestApp, draftId: string): Promise<{ release: () => Promise<void> }> {
  const url = t.ctx.config.databaseUrl;
  if (url.startsWith('file:')) {
    const conn = new Database(url.replace(/^file:/, ''));
    conn.exec('BEGIN IMMEDIATE');
    return {
      release: async () => {
        conn.exec('ROLLBACK');
        conn.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT "id" FROM "Draft" WHERE "id" = $1 FOR UPDATE', [draftId]);
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

describe('a comment still waiting to be written when the request times out', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let group: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback', REQUEST_TIMEOUT_MS: '400' });
    draft = await makeDraft(t);
    group = await groupId(t);
  });
  afterAll(() => t.close());

  it('gets the "not saved" page and is not stored once the database frees up; the next comment is', async () => {
    const lost = 'Góp ý gửi đúng lúc cơ sở dữ liệu đang bận: không được lưu.';
    const next = 'Góp ý gửi lại sau khi hệ thống hoạt động bình thường.';
    // A first comment, as on any busy day (it also does the limits' occasional clean-up of expired
    // counters, a write through Prisma's own connection that would wait for the held lock too).
    expect((await postComment(t.agent(), draft.id, validComment(group, { body: 'Góp ý đầu tiên trong ngày.' }))).status).toBe(303);
    const lock = await holdWriteLock(t, draft.id);
    let released = false;
    try {
      const res = await postComment(t.agent(), draft.id, validComment(group, { body: lost }));
      expect(res.status).toBe(503);
      expect(visibleText(res.text)).toContain('dữ liệu bạn gửi chưa được lưu');
    } finally {
      await lock.release();
      released = true;
    }
    expect(released).toBe(true);
    // The waiting write goes on as soon as the lock is free, and needs the same lock as this next
    // comment: once this one is stored, the first has been decided.
    const res = await postComment(t.agent(), draft.id, validComment(group, { body: next }));
    expect(res.status).toBe(303);
    expect(await t.db.comment.count({ where: { draftId: draft.id, body: next } })).toBe(1);
    expect(await t.db.comment.count({ where: { draftId: draft.id, body: lost } })).toBe(0);
    const d = await t.db.draft.findUniqueOrThrow({ where: { id: draft.id }, select: { commentsPending: true, commentsPublished: true } });
    expect(d.commentsPending + d.commentsPublished).toBe(2); // the counters count only the stored ones
  });
});
