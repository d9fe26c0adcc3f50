/**
 * The comment intake's SQLite writer thread (src/db/sqlite-writer.ts) on a small file of its own: the
 * transaction's rule (insert, or take the counts back when one is past its limit), the claim the
 * request-time backstop may take first, writes asked for together committed together, and the thread stopping when
 * idle and starting again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GuardedWrite, sqliteWriter } from '../../src/db/sqlite-writer.js';
import { WriteClaim } from '../../src/lib/write-claim.js';

describe('the SQLite writer thread', () => {
  let dir: string;
  let file: string;
  let look: Database.Database;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'writer-'));
    file = path.join(dir, 'db.sqlite');
    look = new Database(file);
    look.pragma('journal_mode = WAL');
    look.exec('CREATE TABLE counter (key TEXT PRIMARY KEY, count INTEGER NOT NULL); CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  });
  afterAll(() => {
    look.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const job = (key: string, limit: number, body: string): GuardedWrite => ({
    count: { sql: 'INSERT INTO counter (key, count) VALUES ($1, 1) ON CONFLICT (key) DO UPDATE SET count = count + 1 RETURNING key, count', params: [key] },
    limits: [[key, limit]],
    undo: { sql: 'UPDATE counter SET count = count - 1 WHERE key = $1', params: [key] },
    insert: { sql: 'INSERT INTO note (body) VALUES ($1) RETURNING id, body', params: [body] },
  });
  const notes = () => (look.prepare('SELECT body FROM note ORDER BY id').all() as { body: string }[]).map((r) => r.body);
  const count = (key: string) => (look.prepare('SELECT count FROM counter WHERE key = ?').get(key) as { count: number } | undefined)?.count;

  it('inserts while the counts are within their limits, and takes the count back once one is past it', async () => {
    const writer = sqliteWriter(file, 256);
    const first = await writer.write(job('a', 2, 'một'), new WriteClaim());
    expect(first).toEqual({ late: false, counted: [{ key: 'a', count: 1 }], inserted: [{ id: 1, body: 'một' }] });
    await writer.write(job('a', 2, 'hai'), new WriteClaim());
    const third = await writer.write(job('a', 2, 'ba'), new WriteClaim());
    expect(third).toEqual({ late: false, counted: [{ key: 'a', count: 3 }], inserted: null });
    expect(notes()).toEqual(['một', 'hai']);
    expect(count('a')).toBe(2); // the refused one took its count back, in the same transaction
    await writer.close();
  });

  it('writes nothing once the backstop has answered, and the backstop leaves a begun write alone', async () => {
    const writer = sqliteWriter(file, 256);
    const abandoned = new WriteClaim();
    expect(abandoned.abandon()).toBe(true); // answered "not saved" before the write began
    expect(await writer.write(job('b', 5, 'trễ'), abandoned)).toEqual({ late: true });
    expect(notes()).not.toContain('trễ');
    expect(count('b')).toBeUndefined();

    const begun = new WriteClaim();
    await writer.write(job('b', 5, 'kịp'), begun);
    expect(begun.abandon()).toBe(false); // it had begun: its own answer follows, not "not saved"
    expect(notes()).toContain('kịp');
    await writer.close();
  });

  it('fails a write as the driver does (a unique key taken), and keeps serving the next', async () => {
    const writer = sqliteWriter(file, 256);
    const taken = { ...job('c', 5, 'x'), insert: { sql: 'INSERT INTO note (id, body) VALUES (1, $1) RETURNING id', params: ['trùng'] } };
    await expect(writer.write(taken, new WriteClaim())).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(count('c')).toBeUndefined(); // rolled back with it
    expect((await writer.write(job('c', 5, 'tiếp'), new WriteClaim())).late).toBe(false);
    await writer.close();
  });

  it('writes the comments asked for at once together, in order, and a failing one takes back only its own counts', async () => {
    const writer = sqliteWriter(file, 256);
    const taken = { ...job('e', 9, 'x'), insert: { sql: 'INSERT INTO note (id, body) VALUES (1, $1) RETURNING id', params: ['trùng'] } };
    const late = new WriteClaim();
    late.abandon();
    // Asked for in one turn of the event loop: one batch, one transaction on the thread.
    const results = await Promise.allSettled([
      writer.write(job('e', 3, 'e1'), new WriteClaim()),
      writer.write(taken, new WriteClaim()),
      writer.write(job('e', 3, 'e2'), new WriteClaim()),
      writer.write(job('e', 3, 'trễ'), late),
      writer.write(job('e', 3, 'e3'), new WriteClaim()),
      writer.write(job('e', 3, 'e4'), new WriteClaim()),
    ]);
    const outcome = (i: number) => (results[i].status === 'fulfilled' ? results[i].value : results[i].reason);
    expect(outcome(0)).toMatchObject({ counted: [{ key: 'e', count: 1 }] });
    expect(outcome(1)).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    // The failed one's count was taken back: the next counts 2, not 3.
    expect(outcome(2)).toMatchObject({ counted: [{ key: 'e', count: 2 }] });
    expect(outcome(3)).toEqual({ late: true });
    expect(outcome(4)).toMatchObject({ counted: [{ key: 'e', count: 3 }] });
    expect(outcome(5)).toEqual({ late: false, counted: [{ key: 'e', count: 4 }], inserted: null }); // past the limit of 3
    expect(notes().filter((b) => /^e\d$|trễ/.test(b))).toEqual(['e1', 'e2', 'e3']);
    expect(count('e')).toBe(3);
    await writer.close();
  });

  it('fails only the write whose statement does not prepare, in a batch with others', async () => {
    const writer = sqliteWriter(file, 256);
    const broken = { ...job('f', 9, 'x'), insert: { sql: 'INSERT INTO no_such_table (body) VALUES ($1)', params: ['hỏng'] } };
    const [before, failed, after] = await Promise.allSettled([
      writer.write(job('f', 9, 'f1'), new WriteClaim()),
      writer.write(broken, new WriteClaim()),
      writer.write(job('f', 9, 'f2'), new WriteClaim()),
    ]);
    expect(before.status).toBe('fulfilled');
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: expect.stringContaining('no such table') } });
    expect(after).toMatchObject({ status: 'fulfilled', value: { counted: [{ key: 'f', count: 2 }] } });
    expect(notes()).toEqual(expect.arrayContaining(['f1', 'f2']));
    expect(count('f')).toBe(2);
    await writer.close();
  });

  it('stops when idle and starts again at the next write', async () => {
    const writer = sqliteWriter(file, 256, 50);
    expect(writer.running).toBe(false); // not before the first write
    await writer.write(job('d', 5, 'trước'), new WriteClaim());
    expect(writer.running).toBe(true);
    for (let i = 0; i < 100 && writer.running; i++) await new Promise((r) => setTimeout(r, 20));
    expect(writer.running).toBe(false);
    await writer.write(job('d', 5, 'sau'), new WriteClaim());
    expect(writer.running).toBe(true);
    expect(notes()).toEqual(expect.arrayContaining(['trước', 'sau']));
    await writer.close();
    expect(writer.running).toBe(false);
  });
});
