import { spawn } from 'node:child_process';
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/context.js';
import { createDb, type Db } from '../../../src/db/client.js';
import { RETENTION_JOB, retentionJob } from '../../../src/features/privacy/privacy.retention.js';
import { runDueJobs, startScheduler, type ScheduledJob } from '../../../src/lib/scheduler.js';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft } from '../comments/fixtures.js';

const SECRET = { email: 'luu.tru@example.com', phone: '0911222333', other: 'Số 9 ngõ Riêng Tư', anonName: 'Tên Người Ẩn Danh' };
const NAMED = 'Trần Công Khai';

/**
 * Real app processes (tests/features/privacy/job-runner-process.ts) that run the due
 * jobs at `now`, all released at the same moment once every one is connected. Real
 * processes, because two SQLite connections in one thread cannot wait for each other's locks.
 */
async function raceProcesses(t: TestApp, runners: string[], now: Date) {
  const env = {
    // Vitest puts its own BASE_URL in process.env; the processes get a clean environment.
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_URL: t.ctx.config.databaseUrl,
    DATA_DIR: t.dataDir,
    NOW: now.toISOString(),
  };
  const children = runners.map((runner) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/features/privacy/job-runner-process.ts'], { env: { ...env, RUNNER: runner } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.startsWith('ready\n')) resolve();
      });
      child.on('exit', () => reject(new Error(`${runner} exited before it was ready: ${err}`)));
    });
    const done = new Promise<string>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${runner}: ${err}`)))));
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.write('go\n');
  const outputs = await Promise.all(children.map((c) => c.done));
  return outputs.map((o) => JSON.parse(o.slice('ready\n'.length)) as { job: string; runId: string; ok: boolean; result: Record<string, unknown> }[]);
}

/** A second app context on the same database: its own connection, the same clock (used one at a time). */
async function secondProcess(t: TestApp): Promise<{ ctx: AppContext; db: Db }> {
  const db = await createDb(t.ctx.config.databaseUrl);
  return { db, ctx: { ...t.ctx, db } };
}

describe('contact details are erased 12 months after the summary (or the close), once across processes', () => {
  let t: TestApp;
  let other: { ctx: AppContext; db: Db };
  let answered: string;
  let closedOnly: string;
  const T0 = new Date('2025-10-15T02:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp();
    other = await secondProcess(t);
    // Draft A: summary of answers published at T0. Draft B: closed at T0, no summary.
    const a = await makeDraft(t, { title: 'Dự thảo A đã công bố tiếp thu', opensInDays: -30, closesInDays: -10 });
    const b = await makeDraft(t, { title: 'Dự thảo B không có bản tổng hợp', opensInDays: -30, closesInDays: 0 });
    answered = a.id;
    closedOnly = b.id;
    await t.db.draft.update({ where: { id: a.id }, data: { state: 'ANSWERED', answeredAt: T0 } });
    await t.db.draft.update({ where: { id: b.id }, data: { closesAt: T0 } });
    const answer = await t.db.commentAnswer.create({ data: { draftId: a.id, outcome: 'EXPLAINED', explanation: 'Giải trình: giữ nguyên mức thu.' } });
    const base = { respondentType: 'INDIVIDUAL', status: 'PUBLISHED', consentAt: T0, createdAt: T0 };
    await t.db.comment.createMany({
      data: [
        {
          ...base,
          draftId: a.id,
          versionId: a.versionId,
          receiptCode: 'GY-AAAA-2222',
          authorName: SECRET.anonName,
          isAnonymous: true,
          email: SECRET.email,
          phone: SECRET.phone,
          residentialOther: SECRET.other,
          body: 'Góp ý ẩn danh A',
          answerId: answer.id,
        },
        {
          ...base,
          draftId: a.id,
          versionId: a.versionId,
          receiptCode: 'GY-AAAA-3333',
          authorName: NAMED,
          isAnonymous: false,
          email: 'cong.khai@example.com',
          body: 'Góp ý công khai tên A',
          answerId: answer.id,
        },
        {
          ...base,
          draftId: b.id,
          versionId: b.versionId,
          receiptCode: 'GY-BBBB-2222',
          authorName: SECRET.anonName,
          isAnonymous: true,
          phone: SECRET.phone,
          body: 'Góp ý B',
        },
      ],
    });
  });
  afterAll(async () => {
    await other.db.$disconnect();
    await t.close();
  });

  const mine = () => t.db.comment.findMany({ where: { draftId: { in: [answered, closedOnly] } }, orderBy: { receiptCode: 'asc' } });

  it('keeps everything until 12 months have passed', async () => {
    t.clock.set(dayjs(T0).add(12, 'month').subtract(1, 'hour').toDate());
    const runs = await runDueJobs(t.ctx, [retentionJob], 'runner-1');
    expect(runs).toHaveLength(1);
    expect(runs[0].ok).toBe(true);
    const rows = await mine();
    expect(rows.map((c) => [c.email, c.phone, c.authorName])).toEqual([
      [SECRET.email, SECRET.phone, SECRET.anonName],
      ['cong.khai@example.com', '', NAMED],
      ['', SECRET.phone, SECRET.anonName],
    ]);
    expect(rows.every((c) => c.contactErasedAt === null)).toBe(true);
  });

  it('after 12 months: two app processes race, the job runs once, erases contact details, keeps text, answer and public names', async () => {
    t.clock.set(dayjs(T0).add(12, 'month').add(1, 'minute').toDate());
    const [one, two] = await raceProcesses(t, ['process-1', 'process-2'], t.clock.now());
    expect([...one, ...two].filter((r) => r.job === RETENTION_JOB)).toHaveLength(1);
    expect([...one, ...two].every((r) => r.ok)).toBe(true);
    expect(await t.db.jobRun.count({ where: { job: RETENTION_JOB } })).toBe(2); // the run before 12 months and this one

    const [anonA, namedA, anonB] = await mine();
    for (const c of [anonA, namedA, anonB]) {
      expect(c.email).toBe('');
      expect(c.phone).toBe('');
      expect(c.residentialOther).toBe('');
      expect(c.contactErasedAt?.toISOString()).toBe(t.clock.now().toISOString());
    }
    expect(anonA.authorName).toBe('');
    expect(anonB.authorName).toBe('');
    expect(namedA.authorName).toBe(NAMED);
    expect(anonA.body).toBe('Góp ý ẩn danh A');
    expect(anonA.answerId).not.toBeNull();
    expect(namedA.answerId).toBe(anonA.answerId);

    const page = visibleText((await t.agent().get(`/du-thao/${answered}`)).text);
    expect(page).toContain('Góp ý công khai tên A');
    expect(page).toContain(NAMED);
    expect(page).toContain('Giải trình: giữ nguyên mức thu.');
  }, 90_000); // two Node processes start (TypeScript compiled on the fly) on a shared machine

  it('writes one audit entry for the run: how many comments and which drafts, never the erased values', async () => {
    const runs = await t.db.jobRun.findMany({ where: { job: RETENTION_JOB }, orderBy: { startedAt: 'asc' } });
    const entries = await t.db.auditLog.findMany({ where: { action: 'privacy.retention', wardId: t.wardId }, orderBy: { createdAt: 'asc' } });
    expect(entries.map((e) => e.entityId)).toEqual(runs.map((r) => r.id));
    const last = JSON.parse(entries[1].after!);
    const drafts = last.drafts as { id: string; comments: number }[];
    expect(drafts.find((d) => d.id === answered)?.comments).toBe(2);
    expect(drafts.find((d) => d.id === closedOnly)?.comments).toBe(1);
    expect(last.erasedComments).toBe(drafts.reduce((n, d) => n + d.comments, 0));
    expect(JSON.parse(entries[0].after!).drafts.map((d: { id: string }) => d.id)).not.toContain(answered);
    const all = JSON.stringify(entries) + JSON.stringify(runs);
    for (const s of [...Object.values(SECRET), 'cong.khai@example.com']) expect(all).not.toContain(s);
  });

  it('a second run in the same hour does nothing; the next hour runs again and finds nothing left', async () => {
    expect(await runDueJobs(t.ctx, [retentionJob], 'runner-1')).toEqual([]);
    expect(await runDueJobs(other.ctx, [retentionJob], 'runner-2')).toEqual([]);
    t.clock.set(dayjs(t.clock.now()).add(61, 'minute').toDate());
    const next = await runDueJobs(other.ctx, [retentionJob], 'runner-2');
    expect(next).toHaveLength(1);
    expect(next[0].result.erasedComments).toBe(0);
  });

  it('the scheduler, ticking many times within one interval, runs a job once; a failing job is recorded as failed', async () => {
    let calls = 0;
    const job: ScheduledJob = { name: 'test.counter', intervalMs: 60 * 60 * 1000, run: async () => ({ call: ++calls }) };
    const failing: ScheduledJob = {
      name: 'test.failing',
      intervalMs: 60 * 60 * 1000,
      run: async () => {
        throw new Error('hỏng');
      },
    };
    const a = startScheduler(t.ctx, [failing, job], { tickMs: 20, runner: 'a' });
    await new Promise((r) => setTimeout(r, 300));
    await a.stop();
    expect(calls).toBe(1);
    const failed = await t.db.jobRun.findFirstOrThrow({ where: { job: 'test.failing' } });
    expect(failed.ok).toBe(false);
    expect(failed.finishedAt).not.toBeNull();
    expect(await t.db.jobRun.count({ where: { job: 'test.counter', ok: true } })).toBe(1);
  });
});
