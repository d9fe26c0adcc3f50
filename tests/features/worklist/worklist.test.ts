import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartAction, submitForm, type TestApp, visibleText } from '../../helpers/test-app.js';

const DEMO = ['quantri', 'tuphap', 'vanhoa', 'vanphong', 'mattran', 'tdp1', 'chutich'];

/** The number shown for one item of "Việc đang chờ bạn", or null when the role does not see it. */
function workCount(html: string, key: string): number | null {
  const m = new RegExp(`data-work="${key}">\\s*<p class="work-item__head"><span class="work-item__count">(\\d+)</span>`).exec(html);
  return m ? Number(m[1]) : null;
}
function workBlock(html: string, key: string): string {
  const m = new RegExp(`data-work="${key}">([\\s\\S]*?)</li>\\s*(?:<li class="work-item|</ul>\\s*<p>)`).exec(html);
  return m ? visibleText(m[1]) : '';
}
const hrefs = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1].replace(/&amp;/g, '&'));

describe('each officer’s work in front of them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows the Justice officer the comments awaiting moderation and answers, counted from the data', async () => {
    const a = await t.loginAs('tuphap');
    const before = (await a.get('/can-bo')).text;
    const pending = await t.db.comment.count({ where: { status: 'PENDING', draft: { wardId: t.wardId } } });
    const unanswered = await t.db.comment.count({ where: { status: 'PUBLISHED', answerId: null, draft: { wardId: t.wardId } } });
    expect(workCount(before, 'moderation')).toBe(pending);
    expect(workCount(before, 'answers')).toBe(unanswered);
    // Two more pending comments and one hidden one: the count moves by exactly two.
    const sample = await t.db.comment.findFirstOrThrow({ where: { status: 'PENDING', draft: { wardId: t.wardId } } });
    for (const [i, status] of ['PENDING', 'PENDING', 'HIDDEN'].entries()) {
      await t.db.comment.create({
        data: {
          draftId: sample.draftId,
          versionId: sample.versionId,
          receiptCode: `WL-TEST-${i}`,
          respondentType: 'INDIVIDUAL',
          body: `Ý kiến thử ${i}`,
          status,
        },
      });
    }
    const after = (await a.get('/can-bo')).text;
    expect(workCount(after, 'moderation')).toBe(pending + 2);
    expect(workBlock(after, 'moderation')).toContain(`(${await t.db.comment.count({ where: { draftId: sample.draftId, status: 'PENDING' } })} ý kiến)`);
    expect(workCount(after, 'reports')).toBe(await t.db.progressReport.count({ where: { status: 'SUBMITTED' } }));
    expect(workCount(after, 'obstaclesToForward')).toBe(await t.db.obstacle.count({ where: { status: 'OPEN' } }));
    // The Justice officer decides no budgets; the chairman reviews no reports.
    expect(workCount(after, 'budgets')).toBeNull();
    const chairman = (await (await t.loginAs('chutich')).get('/can-bo')).text;
    expect(workCount(chairman, 'reports')).toBeNull();
    expect(workCount(chairman, 'moderation')).toBeNull();
    expect(workCount(chairman, 'budgets')).toBe(await t.db.budgetEstimate.count({ where: { status: 'SUBMITTED' } }));
    expect(workCount(chairman, 'obstaclesToDirect')).toBe(await t.db.obstacle.count({ where: { status: 'FORWARDED' } }));
  });

  it('lists drafts closing within three days and counts a triggered task’s days left', async () => {
    const draft = await t.db.draft.findFirstOrThrow({ where: { state: 'PUBLISHED', opensAt: { lte: t.clock.now() }, closesAt: { gte: t.clock.now() } } });
    const a = await t.loginAs('tuphap');
    t.clock.set(new Date(draft.closesAt.getTime() - 5 * 86_400_000));
    expect(workBlock((await a.get('/can-bo')).text, 'closing')).not.toContain(draft.title);
    t.clock.set(new Date(draft.closesAt.getTime() - 2 * 86_400_000));
    const html = (await a.get('/can-bo')).text;
    expect(workBlock(html, 'closing')).toContain(`${draft.title} (còn 2 ngày)`);

    const task = await t.db.task.findFirstOrThrow({
      where: { timeframeKind: 'TRIGGERED', status: { not: 'DONE' }, triggers: { some: {} } },
      include: { triggers: true },
    });
    const due = [task.triggers[0].dueOn!, task.dueOn].filter((d): d is Date => !!d).sort((x, y) => x.getTime() - y.getTime())[0];
    t.clock.set(new Date(due.getTime() - 10 * 86_400_000));
    expect(workBlock((await a.get('/can-bo')).text, 'triggered')).toContain(`Nhiệm vụ ${task.ordinal}:`);
    expect(workBlock((await a.get('/can-bo')).text, 'triggered')).toMatch(/\(còn 10 ngày\)/);
    t.clock.set(new Date(due.getTime() + 3 * 86_400_000));
    expect(workBlock((await a.get('/can-bo')).text, 'triggered')).toMatch(/\(quá hạn 3 ngày\)/);
    t.clock.set(new Date('2025-10-15T02:00:00.000Z'));
  });

  it('shows a unit official their returned reports and answered obstacles', async () => {
    const report = await t.db.progressReport.findFirstOrThrow({ where: { unit: { users: { some: { username: 'vanphong' } } } } });
    await t.db.progressReport.update({ where: { id: report.id }, data: { status: 'RETURNED', reviewNote: 'Bổ sung số người tham dự' } });
    const a = await t.loginAs('vanphong');
    const html = (await a.get('/can-bo')).text;
    expect(workCount(html, 'returned')).toBe(1);
    expect(html).toContain(`href="/can-bo/bao-cao/${report.id}/sua"`);
    expect(workBlock(html, 'returned')).toContain('Bổ sung số người tham dự');
    expect(workCount(html, 'moderation')).toBeNull();
    const vanhoa = await t.db.user.findUniqueOrThrow({ where: { username: 'vanhoa' } });
    const answered = await t.db.obstacle.count({ where: { unitId: vanhoa.unitId!, status: 'ANSWERED' } });
    expect(workCount((await (await t.loginAs('vanhoa')).get('/can-bo')).text, 'obstaclesAnswered')).toBe(answered);
  });

  it('every link of the officer home answers 200 for the role that sees it', async () => {
    for (const username of DEMO) {
      const a = await t.loginAs(username);
      const html = (await a.get('/can-bo')).text;
      const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
      const links = [...new Set(hrefs(main, /href="(\/[^"#]*)"/g))];
      expect(links.length).toBeGreaterThan(3);
      for (const href of links) expect([username, href, (await a.get(href)).status]).toEqual([username, href, 200]);
    }
  });

  it('shows on a task page only the actions the role may take, and each answers 200', async () => {
    const tasks = await t.db.task.findMany({ where: { plan: { wardId: t.wardId } }, orderBy: { ordinal: 'asc' }, include: { units: true } });
    const vanhoa = await t.db.user.findUniqueOrThrow({ where: { username: 'vanhoa' } });
    let actionsSeen = 0;
    for (const username of DEMO) {
      const a = await t.loginAs(username);
      for (const task of tasks) {
        const html = (await a.get(`/can-bo/nhiem-vu/${task.id}`)).text;
        const actions = [
          ...hrefs(html, /<a class="button[^"]*" href="([^"]+)"/g),
          ...hrefs(html, /href="(\/can-bo\/du-thao\/[^"]+\/(?:y-kien-truc-tiep|thong-bao|tin-phat-thanh))"/g),
        ];
        for (const href of actions) {
          actionsSeen++;
          expect([username, href, (await a.get(href)).status]).toEqual([username, href, 200]);
        }
        if (username === 'vanhoa') {
          const own = task.units.some((u) => u.unitId === vanhoa.unitId);
          expect(html.includes('Gửi báo cáo tiến độ')).toBe(own);
          expect(html.includes('Lập dự toán kinh phí')).toBe(own);
          expect(html.includes('Phản ánh khó khăn')).toBe(own);
        }
        if (username === 'chutich') expect(html).not.toContain('Gửi báo cáo tiến độ');
      }
    }
    expect(actionsSeen).toBeGreaterThan(20);
    // Tasks 1 and 3 are not vanhoa's: the buttons she saw are gone, and the routes still refuse.
    const a = await t.loginAs('vanhoa');
    for (const task of tasks.filter((x) => !x.units.some((u) => u.unitId === vanhoa.unitId)).slice(0, 2)) {
      expect(visibleText((await a.get(`/can-bo/nhiem-vu/${task.id}`)).text)).not.toContain('Gửi báo cáo tiến độ');
      expect((await a.get(`/can-bo/nhiem-vu/${task.id}/bao-cao/moi`)).status).toBe(403);
    }
  });

  it('raises an obstacle from a task with a photo, refuses a file that lies about its type, and keeps what was typed', async () => {
    const vanhoa = await t.db.user.findUniqueOrThrow({ where: { username: 'vanhoa' } });
    const task = await t.db.task.findFirstOrThrow({ where: { units: { some: { unitId: vanhoa.unitId! } } } });
    const a = await t.loginAs('vanhoa');
    const page = `/can-bo/kho-khan/moi?nhiem-vu=${task.id}`;
    const form = (await a.get(page)).text;
    expect(form).toContain('enctype="multipart/form-data"');
    const token = /name="_csrf" value="([^"]+)"/.exec(form)![1];
    const planId = /name="planId" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const bad = await a
      .post(multipartAction('/can-bo/kho-khan/moi', token))
      .field('planId', planId)
      .field('taskId', task.id)
      .field('title', 'Loa hỏng ở tổ 3')
      .field('description', 'Cụm loa không phát được từ tuần trước.')
      .attach('files', Buffer.from('MZ not really a picture'), { filename: 'anh.jpg', contentType: 'image/jpeg' });
    expect(bad.status).toBe(400);
    const text = visibleText(bad.text);
    expect(text).toContain('Tệp “anh.jpg” không đúng định dạng cho phép');
    expect(bad.text).toContain('Loa hỏng ở tổ 3');
    expect(text).toContain('vui lòng chọn lại tệp');
    const png = PNG.sync.write(new PNG({ width: 4, height: 4 }));
    const ok = await a
      .post(multipartAction('/can-bo/kho-khan/moi', token))
      .field('planId', planId)
      .field('taskId', task.id)
      .field('title', 'Loa hỏng ở tổ 3')
      .field('description', 'Cụm loa không phát được từ tuần trước.')
      .attach('files', png, { filename: 'ảnh loa.png', contentType: 'image/png' });
    expect(ok.status).toBe(303);
    const shown = await a.get(ok.headers.location);
    const fileHref = /href="(\/can-bo\/kho-khan\/[^"]+\/tep\/[^"]+)"/.exec(shown.text)![1];
    expect(visibleText(shown.text)).toContain('ảnh loa.png');
    const file = await a.get(fileHref);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    // Another unit cannot read it; the Justice officer can.
    expect((await (await t.loginAs('mattran')).get(fileHref)).status).toBe(403);
    expect((await (await t.loginAs('tuphap')).get(fileHref)).status).toBe(200);
    // Not the unit's task: refused on the form.
    const other = await t.db.task.findFirstOrThrow({ where: { units: { none: { unitId: vanhoa.unitId! } } } });
    const refused = await submitForm(a, page, '/can-bo/kho-khan/moi', { planId, taskId: other.id, title: 'x', description: 'y' });
    expect(refused.status).toBe(400);
  });
});
