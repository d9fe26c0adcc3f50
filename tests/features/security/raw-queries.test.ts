import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Raw SQL cannot be filtered by the ward-scoped access layer (src/db/scoped-client.ts).
 * So every raw query of the app is listed here with why it stays inside one ward; a
 * new one fails this test until it is reviewed and added. (Scripts, the seed and tests
 * run outside the app and are not scanned.)
 */
const ALLOWED: Record<string, { count: number; why: string }> = {
  'src/db/client.ts': { count: 3, why: 'SQLite PRAGMAs at connection time (journal mode, busy timeout, foreign keys): no data read' },
  'src/features/comments/comments.public.ts': {
    count: 1,
    why:
      'one page of a draft’s published comments: WHERE c."draftId" = the draft the caller loaded through the scoped client ' +
      '(another ward’s draft is a 404 before this runs); the joined version, article, unit and answer are that comment’s own, ' +
      'which the layer keeps inside the ward; a cursor id only supplies a createdAt to compare with',
  },
};

const RAW = /\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)\b/g;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(p);
    return /\.(ts|mts|js)$/.test(e.name) ? [p] : [];
  });
}

describe('raw SQL in the app', () => {
  it('is only where the allow-list says, each use explained', () => {
    const found: Record<string, number> = {};
    for (const file of sources('src')) {
      const n = [...fs.readFileSync(file, 'utf8').matchAll(RAW)].length;
      if (n) found[file.split(path.sep).join('/')] = n;
    }
    const allowed = Object.fromEntries(Object.entries(ALLOWED).map(([f, a]) => [f, a.count]));
    expect(found, 'a raw query was added or removed: review it for the ward scope and update ALLOWED').toEqual(allowed);
  });
});
