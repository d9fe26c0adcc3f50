import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { LOGIN_LIMITS } from '../../../src/features/auth/auth.handlers.js';
import { RETENTION_JOB } from '../../../src/features/privacy/privacy.retention.js';
import { Browser, hiddenField, startAppProcesses, type AppCluster } from '../../helpers/app-processes.js';
import type { TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, validComment } from '../comments/fixtures.js';

/** Issue 8: two real app processes on one PostgreSQL database share sessions, CSRF tokens and limits. */
describe('two app processes on one PostgreSQL database', () => {
  let cluster: AppCluster;
  let A: string;
  let B: string;
  beforeAll(async () => {
    cluster = await startAppProcesses(2);
    [A, B] = cluster.processes.map((p) => p.baseUrl);
  }, 400_000); // app processes may take minutes to start on a busy CI machine
  afterAll(() => cluster?.stop(), 60_000);

  async function login(browser: Browser, base: string, username: string, password: string) {
    const form = await browser.get(`${base}/dang-nhap`);
    return browser.post(`${base}/dang-nhap`, { _csrf: hiddenField(form.text, '_csrf'), username, password });
  }

  it('a login on A is valid on B, and a logout on B ends it on A', async () => {
    const browser = new Browser();
    expect((await login(browser, A, 'tuphap', DEMO_PASSWORD)).status).toBe(303);
    const onB = await browser.get(`${B}/can-bo`);
    expect(onB.status).toBe(200);
    expect(onB.text).toContain('Nguyễn Văn Thanh');
    const logout = await browser.post(`${B}/dang-xuat`, { _csrf: hiddenField(onB.text, '_csrf') });
    expect(logout.status).toBe(303);
    expect((await browser.get(`${A}/can-bo`)).status).toBe(302);
  });

  it('a comment form rendered by A is taken by B, once', async () => {
    // A draft open now (the processes run on the real clock).
    const fake = { db: cluster.db, clock: { now: () => new Date() }, wardId: (await cluster.db.ward.findFirstOrThrow()).id } as unknown as TestApp;
    const draft = await makeDraft(fake);
    const group = await groupId(fake);
    const resident = new Browser();
    const form = await resident.get(`${A}/du-thao/${draft.id}/gop-y`);
    const fields = {
      _csrf: hiddenField(form.text, '_csrf'),
      submissionId: hiddenField(form.text, 'submissionId'),
      ...validComment(group, { body: 'Gửi từ tiến trình B.' }),
    };
    const first = await resident.post(`${B}/du-thao/${draft.id}/gop-y`, fields);
    expect(first.status).toBe(303);
    const again = await resident.post(`${A}/du-thao/${draft.id}/gop-y`, fields);
    expect(again.location).toBe(first.location);
    expect(await cluster.db.comment.count({ where: { draftId: draft.id } })).toBe(1);
    // Another browser's token is refused by either process.
    expect((await new Browser().post(`${B}/du-thao/${draft.id}/gop-y`, fields)).status).toBe(403);
  });

  it('the login limit is shared: failures on A and B together reach it', async () => {
    const { limit } = LOGIN_LIMITS.perUsername;
    for (let i = 0; i < limit; i++) {
      const res = await login(new Browser(), i % 2 === 0 ? A : B, ' VanHoa ', `sai-${i}`);
      expect(res.status, `attempt ${i + 1}`).toBe(400);
    }
    for (const base of [A, B]) {
      const res = await login(new Browser(), base, 'vanhoa', DEMO_PASSWORD);
      expect(res.status, base).toBe(429);
      expect(res.text).toContain('Đã đăng nhập sai quá nhiều lần');
    }
  });
});

/**
 * Issue 8: the retention job runs in the real server (src/server.ts starts the
 * scheduler) and, with two servers on one database, once. The contact details
 * are due when the servers start, so both try to run the job at their first tick.
 */
describe('the retention job in two real app processes on one PostgreSQL database', () => {
  let cluster: AppCluster;
  let draftId = '';
  const EMAIL = 'nguoi.dan.13.thang@example.com';
  beforeAll(async () => {
    cluster = await startAppProcesses(2, {}, async (db) => {
      const wardId = (await db.ward.findFirstOrThrow()).id;
      // A draft that closed 13 months ago (the servers run on the real clock), with one comment still holding contact details.
      const past = { db, clock: { now: () => dayjs().subtract(13, 'month').toDate() }, wardId } as unknown as TestApp;
      const draft = await makeDraft(past, { title: 'Dự thảo đã đóng hơn 12 tháng', opensInDays: -30, closesInDays: -1 });
      draftId = draft.id;
      await db.comment.create({
        data: {
          draftId: draft.id,
          versionId: draft.versionId,
          receiptCode: 'GY-RTRT-2222',
          respondentType: 'INDIVIDUAL',
          status: 'PUBLISHED',
          authorName: 'Người ẩn danh',
          isAnonymous: true,
          email: EMAIL,
          phone: '0905123456',
          residentialOther: 'Hẻm 12 đường Lê Lợi',
          body: 'Góp ý cũ giữ lại nội dung.',
          consentAt: past.clock.now(),
          createdAt: past.clock.now(),
        },
      });
    });
  }, 400_000);
  afterAll(() => cluster?.stop(), 60_000);

  it('both servers start the scheduler; the job runs once, erases the details, keeps the text, writes one audit entry per ward', async () => {
    const comment = () => cluster.db.comment.findFirstOrThrow({ where: { draftId } });
    const deadline = Date.now() + 30_000;
    while ((await comment()).contactErasedAt === null) {
      if (Date.now() > deadline) throw new Error(`not erased within 30 s:\n${cluster.processes.map((p) => p.output()).join('\n')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Give the second server's first tick time to have tried too.
    await new Promise((r) => setTimeout(r, 2000));

    const erased = await comment();
    expect([erased.email, erased.phone, erased.residentialOther, erased.authorName]).toEqual(['', '', '', '']);
    expect(erased.body).toBe('Góp ý cũ giữ lại nội dung.');

    const runs = await cluster.db.jobRun.findMany({ where: { job: RETENTION_JOB } });
    expect(runs).toHaveLength(1);
    expect(runs[0].ok).toBe(true);
    // The runner is one of the two spawned servers (host:pid:random).
    const pids = cluster.processes.map((p) => String(p.pid));
    expect(pids).toContain(runs[0].runner.split(':')[1]);
    const wards = await cluster.db.ward.count();
    expect(await cluster.db.auditLog.count({ where: { action: 'privacy.retention', entityId: runs[0].id } })).toBe(wards);
    expect(await cluster.db.auditLog.count({ where: { action: 'privacy.retention' } })).toBe(wards);
  }, 60_000);
});
