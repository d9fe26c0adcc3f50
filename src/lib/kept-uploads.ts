/**
 * Files chosen on a form that came back with a validation error are kept, so the
 * person does not have to find and choose them again (browsers always empty a
 * file input). A file that passed its content check is held on disk under a
 * random name, and the form carries a signed token per file: it names the held
 * file, who may use it and until when. Tokens from another user, expired or
 * altered are ignored, and the held bytes are checked against their hash again.
 * Held files nobody came back for are removed after a day. They are held in the
 * file store's "held" area, so with FILE_STORAGE=database the form may come back
 * to another app process and still find them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Response } from 'express';
import { copyToFile, type FileStore } from './file-store.js';
import { sha256OfFile, type CheckedUpload } from './uploads.js';

const HOLD_MS = 24 * 60 * 60 * 1000;

type Payload = { k: string; n: string; m: string; s: number; h: string; u: string; e: number };
export type KeptFile = { token: string; name: string; sizeBytes: number };

export class KeptUploads {
  private readonly store: FileStore;
  constructor(
    files: FileStore,
    private readonly tmpDir: string,
    private readonly secret: string,
  ) {
    this.store = files.area('held');
  }

  private sign(body: string): string {
    return crypto.createHmac('sha256', this.secret).update(`kept-upload:${body}`).digest('base64url');
  }

  /** Holds checked uploads for `userId` and returns what the form re-offers. */
  async hold(uploads: CheckedUpload[], userId: string, now: Date): Promise<KeptFile[]> {
    await this.sweep();
    const kept: KeptFile[] = [];
    for (const u of uploads) {
      const k = await this.store.saveFile(u.path);
      const body = Buffer.from(
        JSON.stringify({ k, n: u.originalName, m: u.mimeType, s: u.sizeBytes, h: u.sha256, u: userId, e: now.getTime() + HOLD_MS } satisfies Payload),
      ).toString('base64url');
      kept.push({ token: `${body}.${this.sign(body)}`, name: u.originalName, sizeBytes: u.sizeBytes });
    }
    return kept;
  }

  private verify(token: unknown, userId: string, now: Date): Payload | null {
    if (typeof token !== 'string' || token.length > 2000) return null;
    const [body, mac] = token.split('.');
    if (!body || !mac) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    try {
      const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
      return p.u === userId && p.e > now.getTime() ? p : null;
    } catch {
      return null;
    }
  }

  /**
   * The held files the form sent back (still ticked), as checked uploads with their tokens; anything invalid is left out.
   * A backend without local files (database) copies each to a temporary file, removed when `res` ends.
   */
  async take(tokens: unknown, userId: string, now: Date, res: Response): Promise<{ uploads: CheckedUpload[]; kept: KeptFile[] }> {
    const list = (Array.isArray(tokens) ? tokens : tokens ? [tokens] : []).slice(0, 20);
    const uploads: CheckedUpload[] = [];
    const kept: KeptFile[] = [];
    const seen = new Set<string>();
    for (const token of list) {
      const p = this.verify(token, userId, now);
      if (!p || seen.has(p.k)) continue;
      seen.add(p.k);
      const held = await this.localCopy(p.k, res);
      // Streamed: twenty held files of 10 MB must not sit in memory at once.
      const hash = held ? await sha256OfFile(held).catch(() => null) : null;
      if (hash !== p.h) continue;
      uploads.push({ path: held as string, originalName: p.n, mimeType: p.m, sizeBytes: p.s, sha256: p.h });
      kept.push({ token: token as string, name: p.n, sizeBytes: p.s });
    }
    return { uploads, kept };
  }

  /** Removes held files once their content is saved for good. */
  async release(kept: KeptFile[], userId: string, now: Date): Promise<void> {
    const keys = kept.map((f) => this.verify(f.token, userId, now)?.k).filter((k): k is string => !!k);
    await this.store.remove(keys);
  }

  private async localCopy(key: string, res: Response): Promise<string | null> {
    const local = this.store.localPath(key);
    if (local) return local;
    await fs.mkdir(this.tmpDir, { recursive: true });
    const copy = path.join(this.tmpDir, `held-${crypto.randomBytes(12).toString('hex')}`);
    res.on('close', () => void fs.rm(copy, { force: true }));
    const found = await copyToFile(this.store, key, copy).catch(() => false);
    return found ? copy : null;
  }

  private async sweep(): Promise<void> {
    await this.store.removeOlderThan(new Date(Date.now() - HOLD_MS));
  }
}
