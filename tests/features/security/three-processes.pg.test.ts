/**
 * Issue 12 (any number of processes): three real app processes (`src/server.ts`, as
 * `npm start` runs it) on ONE PostgreSQL database, uploaded files in the database
 * (FILE_STORAGE=database), driven alternately like browsers behind a load balancer
 * without sticky sessions. Each must behave as one process would.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { LOGIN_LIMITS } from '../../../src/features/auth/auth.handlers.js';
import { scheduledJobs } from '../../../src/features/index.js';
import { Browser, hiddenField, startAppProcesses, type AppCluster } from '../../helpers/app-processes.js';
import type { TestApp } from '../../helpers/test-app.js';
import { makeDraft } from '../comments/fixtures.js';
import { PDF } from '../drafts/draft-helpers.js';

describe('three app processes on one PostgreSQL database, files in the database', () => {
  let cluster: AppCluster;
  let bases: string[];
  let fake: TestApp;
  beforeAll(async () => {
    // Longer database limits than production's: three servers and the test share a busy CI machine.
    cluster = await startAppProcesses(3, { FILE_STORAGE: 'database', DB_STATEMENT_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '40000' });
    bases = cluster.processes.map((p) => p.baseUrl);
    // Fixtures on the real clock (the processes run on it).
    fake = { db: cluster.db, clock: { now: () => new Date() }, wardId: (await cluster.db.ward.findFirstOrThrow()).id } as unknown as TestApp;
  }, 400_000);
  afterAll(() => cluster?.stop(), 60_000);

  /** Signs in on `base` and returns the browser. */
  async function officer(base: string, username = 'tuphap') {
    const browser = new Browser();
    const form = await browser.get(`${base}/dang-nhap`);
    const res = await browser.post(`${base}/dang-nhap`, { _csrf: hiddenField(form.text, '_csrf'), username, password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    return browser;
  }

  it('a session made on A continues on B and C; a CSRF token rendered by one is accepted by another; logout on C ends it everywhere', async () => {
    const [A, B, C] = bases;
    const browser = await officer(A);
    for (const base of [B, C]) {
      const home = await browser.get(`${base}/can-bo`);
      expect(home.status, base).toBe(200);
      expect(home.text).toContain('Nguyễn Văn Thanh');
    }
    // A form rendered by B, sent to C: a register entry is written.
    const form = await browser.get(`${B}/can-bo/so-van-ban-di`);
    const sent = await browser.post(`${C}/can-bo/so-van-ban-di`, {
      _csrf: hiddenField(form.text, '_csrf'),
      ...paperEntry('Thông báo lịch tiếp công dân (gửi qua tiến trình C)'),
    });
    expect(sent.status).toBe(303);
    expect(await cluster.db.outgoingRegisterEntry.count({ where: { summary: { contains: 'gửi qua tiến trình C' } } })).toBe(1);
    // A token of another browser is refused by every process, and nothing is written.
    const stranger = await officer(A, 'quantri');
    for (const base of bases) {
      const refused = await stranger.post(`${base}/can-bo/so-van-ban-di`, { _csrf: hiddenField(form.text, '_csrf'), ...paperEntry('Không được ghi') });
      expect(refused.status, base).toBe(403);
    }
    expect(await cluster.db.outgoingRegisterEntry.count({ where: { summary: 'Không được ghi' } })).toBe(0);

    const onC = await browser.get(`${C}/can-bo`);
    expect((await browser.post(`${C}/dang-xuat`, { _csrf: hiddenField(onC.text, '_csrf') })).status).toBe(303);
    for (const base of bases) expect((await browser.get(`${base}/can-bo`)).status, base).toBe(302);
  });

  it('the login limit is one limit across the three processes', async () => {
    const { limit } = LOGIN_LIMITS.perUsername;
    for (let i = 0; i < limit; i++) {
      const base = bases[i % 3];
      const b = new Browser();
      const page = await b.get(`${base}/dang-nhap`);
      const res = await b.post(`${base}/dang-nhap`, { _csrf: hiddenField(page.text, '_csrf'), username: 'mattran', password: `sai-${i}` });
      expect(res.status, `attempt ${i + 1} on ${base}`).toBe(400);
    }
    for (const base of bases) {
      const b = new Browser();
      const page = await b.get(`${base}/dang-nhap`);
      const res = await b.post(`${base}/dang-nhap`, { _csrf: hiddenField(page.text, '_csrf'), username: 'mattran', password: DEMO_PASSWORD });
      expect(res.status, base).toBe(429);
      expect(res.text).toContain('Đã đăng nhập sai quá nhiều lần');
    }
  });

  it('registers documents sent at the same moment to all three processes with unique, consecutive numbers', async () => {
    const browsers = await Promise.all(bases.map((base) => officer(base)));
    const forms = await Promise.all(browsers.map((b, i) => b.get(`${bases[i]}/can-bo/so-van-ban-di`)));
    // Two documents per process, all six at once, each to the process that rendered its form.
    const results = await Promise.all(
      [0, 1, 2, 0, 1, 2].map((i, n) =>
        browsers[i].post(`${bases[i]}/can-bo/so-van-ban-di`, {
          _csrf: hiddenField(forms[i].text, '_csrf'),
          ...paperEntry(`Quyết định song song số ${n + 1}`, 'QĐ-UBND'),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([303, 303, 303, 303, 303, 303]);
    const entries = await cluster.db.outgoingRegisterEntry.findMany({ where: { symbol: 'QĐ-UBND' }, orderBy: { number: 'asc' } });
    expect(entries.map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(entries.map((e) => e.summary)).size).toBe(6);
  });

  it('publishes a summary of answers once when three officers press "Công bố" on three processes at once', async () => {
    const draft = await makeDraft(fake, { title: 'Dự thảo công bố một lần', opensInDays: -20, closesInDays: -1 });
    const answer = await cluster.db.commentAnswer.create({ data: { draftId: draft.id, outcome: 'ACCEPTED', explanation: 'Tiếp thu ý kiến.' } });
    await cluster.db.comment.create({
      data: {
        draftId: draft.id,
        versionId: draft.versionId,
        sectionId: draft.articles[0].id,
        receiptCode: 'GY-MPMP-3333',
        respondentType: 'INDIVIDUAL',
        status: 'PUBLISHED',
        authorName: 'Trần Thị Mai',
        email: 'mai.cong.bo@example.com',
        consentAt: new Date(),
        body: 'Đề nghị giảm mức thu cho hộ nghèo.',
        answerId: answer.id,
      },
    });
    const browsers = await Promise.all(bases.map((base) => officer(base)));
    const queue = `/can-bo/du-thao/${draft.id}/y-kien`;
    const forms = await Promise.all(browsers.map((b, i) => b.get(`${bases[i]}${queue}`)));
    const results = await Promise.all(
      browsers.map((b, i) =>
        b.post(`${bases[i]}/can-bo/du-thao/${draft.id}/cong-bo-tiep-thu`, {
          _csrf: hiddenField(forms[i].text, '_csrf'),
          summaryNote: `Bấm từ tiến trình ${i}`,
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    // The others are told it is already published (or was changed at that moment); never a 500.
    expect(statuses.filter((s) => s !== 303).every((s) => s === 400 || s === 409)).toBe(true);
    const published = await cluster.db.draft.findUniqueOrThrow({ where: { id: draft.id } });
    expect(published.state).toBe('ANSWERED');
    expect(await cluster.db.auditLog.count({ where: { action: 'draft.publishSummary', entityId: draft.id } })).toBe(1);
    expect(await cluster.db.stateChange.count({ where: { entityId: draft.id, status: 'ANSWERED' } })).toBe(1);
    // The resident gets one e-mail, not three.
    const mails = fs.existsSync(path.join(cluster.dataDir, 'mail')) ? fs.readdirSync(path.join(cluster.dataDir, 'mail')) : [];
    const toMai = mails.filter((f) => fs.readFileSync(path.join(cluster.dataDir, 'mail', f), 'utf8').includes('mai.cong.bo@example.com'));
    expect(toMai).toHaveLength(1);
  });

  it('runs each scheduled job once although all three schedulers try it at start', async () => {
    const names = scheduledJobs.map((j) => j.name);
    const deadline = Date.now() + 30_000;
    while ((await cluster.db.jobRun.groupBy({ by: ['job'], where: { job: { in: names } } })).length < names.length) {
      if (Date.now() > deadline) throw new Error(`not every job ran within 30 s:\n${cluster.processes.map((p) => p.output()).join('\n')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Every process's first tick has long happened (they answered /healthz before the tests began).
    await new Promise((r) => setTimeout(r, 1000));
    const runs = await cluster.db.jobRun.findMany({ where: { job: { in: names } } });
    expect(runs.map((r) => r.job).sort()).toEqual([...names].sort());
    expect(runs.every((r) => r.ok)).toBe(true);
    const pids = cluster.processes.map((p) => String(p.pid));
    for (const r of runs) expect(pids).toContain(r.runner.split(':')[1]);
  });

  it('a file uploaded through A is served by B and C, byte for byte, from the database', async () => {
    const [A, B, C] = bases;
    const draft = await makeDraft(fake, { title: 'Dự thảo có tệp đính kèm dùng chung' });
    const browser = await officer(A);
    // 600 KB: three chunks, so B reads a file it never saw written, piece by piece.
    const pdf = Buffer.concat([PDF, crypto.randomBytes(600 * 1024)]);
    const page = await browser.get(`${A}/can-bo/du-thao/${draft.id}/tep`);
    const token = hiddenField(page.text, '_csrf');
    const up = await browser.postMultipart(`${A}/can-bo/du-thao/${draft.id}/tep?_csrf=${encodeURIComponent(token)}`, { kind: 'OTHER' }, [
      { field: 'files', name: 'Tờ trình.pdf', bytes: pdf, type: 'application/pdf' },
    ]);
    expect(up.status).toBe(303);
    const file = await cluster.db.storedFile.findFirstOrThrow({ where: { draftId: draft.id } });
    expect(await cluster.db.storedBlobChunk.count({ where: { blobKey: file.storageKey } })).toBe(3);
    // Nothing was written to the shared data folder's uploads: the bytes are in the database.
    const uploads = path.join(cluster.dataDir, 'uploads');
    expect(fs.existsSync(path.join(uploads, file.storageKey))).toBe(false);
    for (const base of [B, C]) {
      const got = await new Browser().download(`${base}/du-thao/${draft.id}/tep/${file.id}`);
      expect(got.status, base).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.bytes.equals(pdf), base).toBe(true);
    }
  });
});

/** The fields of "Vào sổ văn bản ký ngoài Cổng", signed yesterday (Vietnam time). */
function paperEntry(summary: string, symbol = 'TB-UBND') {
  return {
    symbol,
    documentType: symbol === 'TB-UBND' ? 'Thông báo' : 'Quyết định',
    summary,
    signedBy: 'Trương Thanh Thảo',
    issuedOn: dayjs().add(7, 'hour').subtract(1, 'day').format('DD/MM/YYYY'),
    recipients: '',
    number: '',
  };
}
