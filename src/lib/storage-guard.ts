/**
 * Notices a lost data directory under a running server. On SQLite, deleting
 * the database file does not stop the server: the open handle keeps working
 * on an unlinked inode, so writes are acknowledged and then lost at restart.
 * The guard remembers the file's identity (device + inode) when the app is
 * built and compares it on every state-changing request and in /healthz.
 *
 * When it finds the file gone, it writes the deployment marker back (the whole
 * data folder may have gone with it): the next start then refuses to create and
 * seed a new, empty database in its place (src/lib/deployment.ts) instead of
 * silently starting over. Nothing else is recreated.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AppConfig } from '../config/index.js';
import { MARKER_FILE, readMarker, type Marker } from './deployment.js';

export function sqliteFileOf(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('file:')) return null;
  return path.resolve(databaseUrl.slice('file:'.length).split('?')[0]);
}

export class StorageGuard {
  private readonly file: string | null;
  private readonly identity: string | null;
  /** The marker as it was when the server started (null in a folder that had none, e.g. tests). */
  private readonly marker: Marker | null;
  /** Set once the database file was found gone. */
  private lost = false;

  constructor(private readonly config: Pick<AppConfig, 'databaseUrl' | 'databaseKind' | 'dataDir' | 'uploadDir'>) {
    this.file = sqliteFileOf(config.databaseUrl);
    this.identity = this.file ? identityOf(this.file) : null;
    this.marker = this.file ? readMarker(config.dataDir) : null;
  }

  /** Why the SQLite file is not the one the server opened (null when it is, or on PostgreSQL). Cheap: one stat. */
  databaseFileProblem(): string | null {
    if (!this.file) return null;
    const now = identityOf(this.file);
    if (now === null) {
      this.lost = true;
      this.keepMarker();
      return `database file ${this.file} is missing`;
    }
    if (this.identity !== null && now !== this.identity) return `database file ${this.file} was replaced`;
    return null;
  }

  /** Why the data folder cannot hold uploads at all (missing, or lost with the database). Cheap: one stat. */
  dataDirProblem(): string | null {
    if (!fs.existsSync(this.config.dataDir)) return `data directory ${this.config.dataDir} is missing`;
    if (this.lost) return `data directory ${this.config.dataDir} was lost with the database (only the deployment marker was put back)`;
    return null;
  }

  /** Why uploads cannot be stored (null when a probe file can be written in DATA_DIR/uploads). */
  async uploadsProblem(): Promise<string | null> {
    const folder = this.dataDirProblem();
    if (folder) return folder;
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

  /** Puts the deployment marker back if it went with the database, so a restart does not seed a new one. */
  private keepMarker() {
    if (this.identity === null || readMarker(this.config.dataDir)) return;
    const marker: Marker = this.marker ?? { deploymentId: 'unknown', databaseKind: this.config.databaseKind, createdAt: new Date().toISOString() };
    try {
      fs.mkdirSync(this.config.dataDir, { recursive: true });
      fs.writeFileSync(path.join(this.config.dataDir, MARKER_FILE), `${JSON.stringify({ ...marker, databaseLostAt: new Date().toISOString() }, null, 2)}\n`, {
        flag: 'wx',
      });
    } catch {
      // Best effort: /healthz and the refused writes still report the loss.
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
