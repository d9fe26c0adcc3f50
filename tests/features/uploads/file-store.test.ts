/**
 * The two file storage backends (FILE_STORAGE=local|database) on the test's real
 * database (SQLite, or PostgreSQL with TEST_DB=postgresql) and real files: the same
 * behaviour through the FileStore interface, and the database backend's chunks.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES } from '../../../src/lib/file-store.js';
import { createTestApp, csrfToken, multipartAction, storedBytes, storedFileCount, type TestApp } from '../../helpers/test-app.js';
import { createDraftVia, PDF } from '../drafts/draft-helpers.js';

describe.each(['local', 'database'] as const)('file storage: %s', (backend) => {
  let t: TestApp;
  let big: string;
  let bigBytes: Buffer;
  beforeAll(async () => {
    t = await createTestApp({ FILE_STORAGE: backend });
    // 1.1 MB of random bytes: five chunks in the database, the last one short.
    bigBytes = crypto.randomBytes(Math.round(1.1 * 1024 * 1024));
    big = path.join(t.dataDir, 'big-upload.bin');
    fs.writeFileSync(big, bigBytes);
  });
  afterAll(() => t.close());

  it('stores a file streamed from disk and gives back the same bytes', async () => {
    expect(t.ctx.files.kind).toBe(backend);
    const key = await t.ctx.files.saveFile(big);
    const opened = await t.ctx.files.open(key);
    expect(opened?.sizeBytes).toBe(bigBytes.length);
    expect((await storedBytes(t, key))?.equals(bigBytes)).toBe(true);
    if (backend === 'database') {
      // Never one row holding the whole file: pieces of at most 256 KB, in order.
      const chunks = await t.db.storedBlobChunk.findMany({ where: { blobKey: key }, orderBy: { index: 'asc' } });
      expect(chunks).toHaveLength(Math.ceil(bigBytes.length / BLOB_CHUNK_BYTES));
      expect(chunks.every((c) => c.bytes.length <= BLOB_CHUNK_BYTES)).toBe(true);
      expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
      // And read back one chunk at a time.
      const sizes: number[] = [];
      for await (const piece of (await t.ctx.files.open(key))?.stream ?? []) sizes.push((piece as Buffer).length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(BLOB_CHUNK_BYTES);
    } else {
      expect(fs.readFileSync(path.join(t.ctx.config.uploadDir, key)).equals(bigBytes)).toBe(true);
    }
    await t.ctx.files.remove([key]);
    expect(await t.ctx.files.open(key)).toBeNull();
  });

  it('keeps nothing when the database record of the files fails', async () => {
    const before = await storedFileCount(t);
    await expect(
      t.ctx.files.saveAll([{ path: big }, { path: big }], async () => {
        throw new Error('the record failed');
      }),
    ).rejects.toThrow('the record failed');
    expect(await storedFileCount(t)).toBe(before);
  });

  it('keeps held form files apart and sweeps only those older than the cutoff', async () => {
    const held = t.ctx.files.area('held');
    const kept = await t.ctx.files.save(PDF);
    const old = await held.save(PDF);
    await held.removeOlderThan(new Date(Date.now() + 60_000));
    expect(await held.open(old)).toBeNull();
    expect(await t.ctx.files.open(kept)).not.toBeNull();
    const fresh = await held.save(PDF);
    await held.removeOlderThan(new Date(Date.now() - 60_000));
    expect(await held.open(fresh)).not.toBeNull();
    // The main store never sweeps.
    await t.ctx.files.removeOlderThan(new Date(Date.now() + 60_000));
    expect(await t.ctx.files.open(kept)).not.toBeNull();
  });

  it('serves an uploaded draft attachment with its type and name, and answers 404 when its bytes are gone', async () => {
    const officer = await t.loginAs('tuphap');
    const id = await createDraftVia(t, officer);
    const token = await csrfToken(officer, `/can-bo/du-thao/${id}/tep`);
    const up = await officer
      .post(multipartAction(`/can-bo/du-thao/${id}/tep`, token))
      .field('kind', 'OTHER')
      .attach('files', PDF, 'Tờ trình.pdf');
    expect(up.status).toBe(303);
    const file = await t.db.storedFile.findFirstOrThrow({ where: { draftId: id } });
    const res = await officer
      .get(`/du-thao/${id}/tep/${file.id}`)
      .buffer(true)
      .parse((r, cb) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => cb(null, Buffer.concat(parts)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh.pdf");
    expect(Number(res.headers['content-length'])).toBe(PDF.length);
    expect((res.body as Buffer).equals(PDF)).toBe(true);

    await t.ctx.files.remove([file.storageKey]);
    const gone = await officer.get(`/du-thao/${id}/tep/${file.id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers['content-disposition']).toBeUndefined();
  });
});
