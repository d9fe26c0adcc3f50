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
  'src/db/client.ts': { count: 4, why: 'SQLite PRAGMAs at connection time (journal mode, busy timeout, foreign keys, page cache size): no data read' },
  'src/features/comments/comments.public.ts': {
    count: 1,
    why:
      'one page of a draft’s published comments: WHERE c."draftId" = the draft the caller loaded through the scoped client ' +
      '(another ward’s draft is a 404 before this runs); the joined version, article, unit and answer are that comment’s own, ' +
      'which the layer keeps inside the ward; a cursor id only supplies a createdAt to compare with',
  },
  'src/features/comments/comments.moderation.ts': {
    count: 2,
    why:
      'one page of the moderation queue: WHERE c."draftId" = the draft the officer loaded through the scoped client (draftForWard: ' +
      'another ward’s draft is a 404 before this runs); the joined version, article, unit, moderator, answer and intake are that comment’s ' +
      'own, which the layer keeps inside the ward; a cursor id only supplies a createdAt to compare with. The receipt codes of shared ' +
      'answers: joined to answers WHERE a."draftId" = that same draft',
  },
  'src/features/comments/comments.summary-page.ts': {
    count: 3,
    why:
      'one page of the published summary, the comments sharing an answer (joined to answers WHERE a."draftId" = that draft) and their ' +
      'numbers: every part WHERE c."draftId" = the draft ' +
      'loaded through the scoped client for the request’s ward (publicSummaryDraft); section ids come from that draft’s own versions; ' +
      'joins are that comment’s own rows; a comment id only supplies a createdAt to compare with',
  },
  'src/features/comments/comments.service.ts': {
    count: 5,
    why:
      'the intake’s hot path in one query each (hotRead), every one filtered by the ward itself: the draft with its articles ' +
      '(d."wardId" = the request’s ward), the form’s stamp (the draft’s and the groups’, each filtered by "Ward"."id" of the ' +
      'request’s ward, read alone or beside the ward in src/middleware/ward.ts; a number and ids with names, no personal data), ' +
      'the ward’s residential groups (u."wardId" = the ward; a comment’s group is checked against them), ' +
      'the receipt (joined draft’s d."wardId" = the ward; tests/features/comments/ward-tenancy.test.ts fails without it); ' +
      'the comment’s INSERT, whose every key comes from those ward-filtered reads (the draft, its version and article, the group)',
  },
  'src/db/hot-sql.ts': {
    count: 6,
    why:
      'hotRead and hotRaw themselves (Prisma’s $queryRawUnsafe underneath), and hotTransaction’s stand-in for it on PostgreSQL: ' +
      'they run the statements of their callers, listed here, each with its own ward filter',
  },
  'src/middleware/ward.ts': {
    count: 2,
    why:
      'the Ward row of the request (by slug, or by host name and the default slug): the Ward table is public and holds no other ward’s data; ' +
      'beside it, a kept page’s stamp (src/features/drafts/drafts.public.ts, src/features/comments/comments.service.ts), filtered by that row’s own id ("Ward"."id")',
  },
  'src/features/comments/comments.exports.ts': {
    count: 1,
    why:
      'an export batch of one draft’s comments (rawRead, in the export worker): WHERE c."draftId" = the draft the handler loaded ' +
      'through the scoped client before starting the worker; joins are that comment’s own rows',
  },
  'src/db/raw-reader.ts': {
    count: 1,
    why: 'openRawReader itself: the export worker’s own read-only connection, which runs only the statement of comments.exports.ts above',
  },
  'src/features/comments/comments.export-worker.ts': {
    count: 1,
    why: 'opens the export worker’s connection (openRawReader) for the export batches of comments.exports.ts',
  },
  'src/features/comments/comments.stats.ts': {
    count: 1,
    why: 'answers counted by outcome for one draft, joined to the draft with d."wardId" = the ward',
  },
  'src/features/drafts/drafts.public.ts': {
    count: 2,
    why:
      'the kept public pages’ version stamps (src/lib/page-cache.ts, through hotRead or beside the ward in src/middleware/ward.ts): a number per ' +
      'draft or a text per ward, no ward data returned, each filtered by "wardId" = "Ward"."id" of the request’s ward (another ward’s draft: NULL); ' +
      'a kept page is only ever rendered through the scoped client and is keyed by the ward',
  },
  'src/features/comments/comments.kept-summary.ts': {
    count: 1,
    why:
      'the kept summary page’s stamp (read alone, or beside the ward in src/middleware/ward.ts): numbers and group ids with sizes, ' +
      'filtered by d."wardId" = "Ward"."id" of the request’s ward (another ward’s draft: NULL); the page itself is rendered through the scoped client',
  },
  'src/db/model-rows.ts': {
    count: 2,
    why: 'readModelRows itself and the hotRead it makes: it runs its callers’ statements, listed here, and only shapes the rows',
  },
  'src/features/drafts/drafts.service.ts': {
    count: 1,
    why: 'a draft by id for the officer’s pages (readModelRows): WHERE d."wardId" = the ward the caller names (the request’s), else 404',
  },
  'src/features/comments/comments.grouping.ts': {
    count: 1,
    why: 'the groups of similar comments of a draft with their sizes (hotRead, the moderation queue): WHERE "draftId" = the draft the officer loaded for the request’s ward (draftForWard: another ward’s is a 404 before this runs)',
  },
  'src/middleware/ward-session.ts': {
    count: 1,
    why: 'an officer’s session by its random id (hotRead): the Session table holds no ward data; the session names its ward, which loadUser checks',
  },
  'src/middleware/auth.ts': {
    count: 1,
    why: 'the signed-in officer and their unit’s name (hotRead): WHERE u."wardId" = the request’s ward, so a session carried to another ward loads nobody',
  },
  'src/lib/rate-limit.ts': {
    count: 3,
    why: 'RateLimitCounter rows (hashed keys, no ward data; the layer passes the table through): count (hotRaw), take back (hotRaw), read (hotRead)',
  },
};

// Prisma's raw SQL, hotRead/hotRaw (src/db/hot-sql.ts: the intake's hand-written statements, as unfiltered as raw SQL),
// a model's rows by such a statement (src/db/model-rows.ts: readModelRows), and the export worker's own connection
// (src/db/raw-reader.ts: openRawReader, and rawRead where its statements run).
const RAW = /\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)\b|\bhot(Read|Raw)(?=[<(])|\breadModelRows(?=[<(])|\b(openRawReader|rawRead)(?=\()/g;

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
