/**
 * Notices a lost data directory under a running server. On SQLite, deleting
 * the database file does not stop the server: the open handle keeps working
 * on an unlinked inode, so writes are acknowledged and then lost at restart.
 * The guard remembers the file's identity (device + inode) when the app is
 * built and compares it on every state-changing request and in /healthz.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AppConfig } from '../config/index.js';

export function sqliteFileOf(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('file:')) return null;
  return path.resolve(databaseUrl.slice('file:'.length).split('?')[0]);
}

export class StorageGuard {
  private readonly file: string | null;
  private readonly identity: string | null;

  constructor(private readonly config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'uploadDir'>) {
    this.file = sqliteFileOf(config.databaseUrl);
    this.identity = this.file ? identityOf(this.file) : null;
  }

  /** Why the SQLite file is not the one the server opened (null when it is, or on PostgreSQL). Cheap: one stat. */
  databaseFileProblem(): string | null {
    if (!this.file) return null;
    const now = identityOf(this.file);
    if (now === null) return `database file ${this.file} is missing`;
    if (this.identity !== null && now !== this.identity) return `database file ${this.file} was replaced`;
    return null;
  }

  /** Why uploads cannot be stored (null when a probe file can be written in DATA_DIR/uploads). */
  async uploadsProblem(): Promise<string | null> {
    if (!fs.existsSync(this.config.dataDir)) return `data directory ${this.config.dataDir} is missing`;
    const probe = path.join(this.config.uploadDir, `.probe-${crypto.randomBytes(6).toString('hex')}`);
    try {
      // Created inside an existing DATA_DIR only: a deleted data folder is not silently recreated.
      await fsp.mkdir(this.config.uploadDir).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
      await fsp.writeFile(probe, 'ok', { flag: 'wx' });
      await fsp.rm(probe);
      return null;
    } catch (err) {
      return `uploads directory not writable: ${(err as Error).message}`;
    }
  }
}

function identityOf(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}
