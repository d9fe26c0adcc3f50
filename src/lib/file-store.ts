/**
 * Where uploaded files' bytes live (FILE_STORAGE). The database rows that describe
 * a file (StoredFile: name, type, hash, owner) are the same for both backends; only
 * the bytes behind `storageKey` move:
 * - `local` (default): one file per key under DATA_DIR/uploads. Fast (the kernel sends
 *   it), but only the machine that holds the folder can serve it.
 * - `database`: StoredBlob + StoredBlobChunk rows of at most 256 KB, so every app
 *   process on every machine sharing the database serves every file, and the
 *   database backup holds the files. Written and read one chunk at a time, so a
 *   large file never sits in memory whole.
 */
import crypto from 'node:crypto';
import { constants as fsConstants, createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db, Tx } from '../db/client.js';

export type StoredBytes = { stream: Readable; sizeBytes: number };

export interface FileStore {
  readonly kind: 'local' | 'database';
  /**
   * Stores bytes the portal generated (a registered .docx) and returns the new key. Inside a
   * database transaction pass it as `tx`: the database backend then writes in it (one outcome).
   */
  save(buffer: Buffer, tx?: Tx): Promise<string>;
  /** Stores a checked temporary upload (streamed, never read whole) and returns the new key. */
  saveFile(source: string): Promise<string>;
  remove(keys: string[]): Promise<void>;
  /** The file's bytes as a stream, or null when no file has that key. */
  open(key: string): Promise<StoredBytes | null>;
  /** A path on this machine's disk when the backend keeps one (local), else null. */
  localPath(key: string): string | null;
  /** Saves the files, runs `record` (a database transaction), and removes the files again if it fails. */
  saveAll<T>(uploads: { path: string }[], record: (keys: string[]) => Promise<T>): Promise<T>;
  /** A separate area of the same backend (held form files), with its own keys. */
  area(name: string): FileStore;
  /** Removes the area's files stored before `cutoff` (held files nobody came back for). */
  removeOlderThan(cutoff: Date): Promise<void>;
}

const newKey = () => crypto.randomBytes(18).toString('base64url');
const KEY = /^[A-Za-z0-9_-]+$/;

abstract class BaseStore {
  abstract saveFile(source: string): Promise<string>;
  abstract remove(keys: string[]): Promise<void>;

  async saveAll<T>(uploads: { path: string }[], record: (keys: string[]) => Promise<T>): Promise<T> {
    const keys: string[] = [];
    try {
      for (const u of uploads) keys.push(await this.saveFile(u.path));
      return await record(keys);
    } catch (err) {
      await this.remove(keys);
      throw err;
    }
  }
}

/** Files on this machine's disk, one per key. */
export class LocalFileStore extends BaseStore implements FileStore {
  readonly kind = 'local' as const;
  constructor(
    private readonly dir: string,
    private readonly isArea = false,
  ) {
    super();
  }

  async save(buffer: Buffer, _tx?: Tx): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true });
    const key = newKey();
    await fs.writeFile(path.join(this.dir, key), buffer, { flag: 'wx' });
    return key;
  }

  /** Copied by the kernel, not through memory. */
  async saveFile(source: string): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true });
    const key = newKey();
    await fs.copyFile(source, path.join(this.dir, key), fsConstants.COPYFILE_EXCL);
    return key;
  }

  async remove(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => fs.rm(this.localPath(k), { force: true })));
  }

  async open(key: string): Promise<StoredBytes | null> {
    const file = this.localPath(key);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) return null;
    return { stream: createReadStream(file), sizeBytes: stat.size };
  }

  localPath(key: string): string {
    if (!KEY.test(key)) throw new Error('bad storage key');
    return path.join(this.dir, key);
  }

  area(name: string): FileStore {
    return new LocalFileStore(path.join(this.dir, name), true);
  }

  async removeOlderThan(cutoff: Date): Promise<void> {
    // Only an area's files: the main store never sweeps.
    if (!this.isArea) return;
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names.map(async (name) => {
        const file = path.join(this.dir, name);
        const stat = await fs.stat(file).catch(() => null);
        if (stat?.isFile() && stat.mtimeMs < cutoff.getTime()) await fs.rm(file, { force: true });
      }),
    );
  }
}

/** 256 KB: a 10 MB upload is 40 rows; one chunk at a time is all a request holds in memory. */
export const BLOB_CHUNK_BYTES = 256 * 1024;

/** Files in the database (StoredBlob, StoredBlobChunk), shared by every app process. */
export class DatabaseFileStore extends BaseStore implements FileStore {
  readonly kind = 'database' as const;
  constructor(
    private readonly db: Db,
    private readonly prefix = '',
  ) {
    super();
  }

  async save(buffer: Buffer, tx?: Tx): Promise<string> {
    return this.write(Readable.from(chunksOf(buffer)), tx);
  }

  async saveFile(source: string): Promise<string> {
    return this.write(createReadStream(source, { highWaterMark: BLOB_CHUNK_BYTES }));
  }

  /**
   * One transaction per file: the header row and every chunk, or nothing. Chunks are
   * inserted as they are read, so memory holds one chunk (plus what the stream buffers).
   */
  private async write(source: Readable, outer?: Tx): Promise<string> {
    const key = `${this.prefix}${newKey()}`;
    const writeIn = async (tx: Tx) => {
      await tx.storedBlob.create({ data: { key, sizeBytes: 0, chunkCount: 0 } });
      let index = 0;
      let size = 0;
      for await (const piece of evenChunks(source)) {
        await tx.storedBlobChunk.create({ data: { blobKey: key, index, bytes: new Uint8Array(piece) } });
        index += 1;
        size += piece.length;
      }
      await tx.storedBlob.update({ where: { key }, data: { sizeBytes: size, chunkCount: index } });
    };
    if (outer) await writeIn(outer);
    else await this.db.$transaction(writeIn, { maxWait: 10_000, timeout: 120_000 });
    return key;
  }

  async remove(keys: string[]): Promise<void> {
    const mine = keys.filter((k) => k.startsWith(this.prefix));
    if (mine.length) await this.db.storedBlob.deleteMany({ where: { key: { in: mine } } });
  }

  async open(key: string): Promise<StoredBytes | null> {
    if (!key.startsWith(this.prefix)) return null;
    const blob = await this.db.storedBlob.findUnique({ where: { key } });
    if (!blob) return null;
    const db = this.db;
    const count = blob.chunkCount;
    async function* chunks() {
      for (let index = 0; index < count; index++) {
        const row = await db.storedBlobChunk.findUnique({ where: { blobKey_index: { blobKey: key, index } } });
        if (!row) throw new Error(`stored file ${key} lost chunk ${index}`);
        yield Buffer.from(row.bytes);
      }
    }
    return { stream: Readable.from(chunks(), { objectMode: false }), sizeBytes: blob.sizeBytes };
  }

  localPath(): null {
    return null;
  }

  area(name: string): FileStore {
    return new DatabaseFileStore(this.db, `${this.prefix}${name}-`);
  }

  async removeOlderThan(cutoff: Date): Promise<void> {
    // Only an area's own keys: the main store (prefix '') never sweeps.
    if (!this.prefix) return;
    await this.db.storedBlob.deleteMany({ where: { key: { startsWith: this.prefix }, createdAt: { lt: cutoff } } });
  }
}

function* chunksOf(buffer: Buffer): Generator<Buffer> {
  for (let at = 0; at < buffer.length; at += BLOB_CHUNK_BYTES) yield buffer.subarray(at, at + BLOB_CHUNK_BYTES);
}

/** Re-cuts a stream into pieces of exactly BLOB_CHUNK_BYTES (the last may be shorter). */
async function* evenChunks(source: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const data of source) {
    const piece = data as Buffer;
    pending.push(piece);
    pendingBytes += piece.length;
    while (pendingBytes >= BLOB_CHUNK_BYTES) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, BLOB_CHUNK_BYTES);
      const rest = all.subarray(BLOB_CHUNK_BYTES);
      pending = rest.length ? [rest] : [];
      pendingBytes = rest.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

export function createFileStore(config: { fileStorage: 'local' | 'database'; uploadDir: string }, db: Db): FileStore {
  return config.fileStorage === 'database' ? new DatabaseFileStore(db) : new LocalFileStore(config.uploadDir);
}

/** Copies a stored file to a path on this machine (streamed), e.g. to re-check a held upload. */
export async function copyToFile(store: FileStore, key: string, target: string): Promise<boolean> {
  const bytes = await store.open(key);
  if (!bytes) return false;
  await pipeline(bytes.stream, createWriteStream(target, { flags: 'wx' }));
  return true;
}
