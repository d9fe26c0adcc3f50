import type TestAgent from 'supertest/lib/agent.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../../src/lib/format.js';
import { createTestApp, csrfToken, multipartAction, storedFileCount, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, type DraftFixture } from './fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** Multipart post of the intake form, as the browser sends it (the file is optional). */
async function postIntake(agent: TestAgent, url: string, fields: Record<string, string>, file?: { buffer: Buffer; name: string }) {
  // The CSRF token of a multipart form travels in its action URL (checked before the body is read).
  let req = agent.post(multipartAction(url, await csrfToken(agent, url)));
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  if (file) req = req.attach('file', file.buffer, file.name);
  return req;
}

describe('comments received off-line', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let taskId: string;
  let group: string;
  let day: string;
  const page = () => `/can-bo/du-thao/${draft.id}/y-kien-truc-tiep`;
  const uploads = () => storedFileCount(t);

  beforeAll(async () => {
    t = await createTestApp();
    draft = await makeDraft(t, { title: 'Dự thảo Quy định về giờ hoạt động của chợ phường' });
    // The draft serves a task that vanhoa's unit leads or coordinates.
    const vanhoa = await t.db.user.findUniqueOrThrow({ where: { username: 'vanhoa' } });
    const link = await t.db.taskUnit.findFirstOrThrow({ where: { unitId: vanhoa.unitId! } });
    taskId = link.taskId;
    // …and that tdp1's residential group has no part in.
    const tdp1 = await t.db.user.findUniqueOrThrow({ where: { username: 'tdp1' } });
    await t.db.taskUnit.deleteMany({ where: { taskId, unitId: tdp1.unitId! } });
    await t.db.draft.update({ where: { id: draft.id }, data: { taskId } });
    group = await groupId(t, 'Tổ dân phố 3');
    day = formatDate(new Date(t.clock.now().getTime() - DAY));
  });
  afterAll(() => t.close());

  it('records a meeting with several comments and its minutes; each comment is marked with its channel and goes to moderation', async () => {
    const agent = await t.loginAs('tuphap');
    const form = await agent.get(page());
    expect(form.status).toBe(200);
    expect(visibleText(form.text)).toContain('Ghi nhận ý kiến nhận trực tiếp');
    const activitiesBefore = await t.db.communicationActivity.count({ where: { taskId } });
    const res = await postIntake(
      agent,
      page(),
      {
        channel: 'MEETING',
        receivedOn: day,
        source: 'Họp tổ dân phố 3',
        place: 'Nhà văn hóa tổ dân phố 3',
        peoplePresent: '42',
        'rows[0][speaker]': 'Ông Trần Văn Bảy',
        'rows[0][residentialGroup]': group,
        'rows[0][phan]': draft.articles[0].id,
        'rows[0][body]': 'Đề nghị chợ mở cửa từ 5 giờ sáng.',
        'rows[1][speaker]': 'tập thể',
        'rows[1][body]': 'Hội nghị thống nhất đề nghị bố trí thêm chỗ gửi xe.',
        'rows[3][body]': 'Cần có nhà vệ sinh công cộng trong chợ.',
      },
      { buffer: PDF, name: 'biên bản họp tổ 3.pdf' },
    );
    expect(res.status).toBe(303);
    const intake = await t.db.commentIntake.findFirstOrThrow({
      where: { draftId: draft.id },
      include: { comments: { orderBy: { receiptCode: 'asc' } }, files: true, activity: true },
    });
    expect(intake.channel).toBe('MEETING');
    expect(intake.peoplePresent).toBe(42);
    expect(intake.comments).toHaveLength(3);
    for (const c of intake.comments) {
      expect(c.channel).toBe('MEETING');
      expect(c.status).toBe('PENDING');
      expect(formatDate(c.createdAt)).toBe(day);
    }
    const collective = intake.comments.find((c) => c.body.startsWith('Hội nghị'))!;
    expect(collective.authorName).toBe('Tập thể');
    expect(collective.isAnonymous).toBe(false);
    const named = intake.comments.find((c) => c.body.startsWith('Đề nghị chợ'))!;
    expect(named.isAnonymous).toBe(true);
    expect(named.sectionId).toBe(draft.articles[0].id);
    expect(named.residentialGroupId).toBe(group);
    // The meeting counts as a communication activity on the draft's task, its people present as reach.
    expect(await t.db.communicationActivity.count({ where: { taskId } })).toBe(activitiesBefore + 1);
    expect(intake.activity).toMatchObject({ channel: 'MEETING', peopleReached: 42, taskId, draftId: draft.id });
    expect(await t.db.auditLog.count({ where: { action: 'comment.intake', entityId: intake.id } })).toBe(1);

    const after = await agent.get(res.headers.location);
    const text = visibleText(after.text);
    expect(text).toContain('Đã ghi nhận 3 ý kiến');
    expect(text).toContain('Họp tổ dân phố 3');
    expect(text).toContain('biên bản họp tổ 3.pdf');
    const file = await agent.get(`${page()}/tep/${intake.files[0].id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');

    const queue = visibleText((await agent.get(`/can-bo/du-thao/${draft.id}/y-kien`)).text);
    expect(queue).toContain('Tại hội nghị, cuộc họp');
    expect(queue).toContain('Hội nghị thống nhất đề nghị bố trí thêm chỗ gửi xe.');
  });

  it('counts comments by channel in the statistics and names the channel in the exports', async () => {
    const agent = await t.loginAs('tuphap');
    const stats = visibleText((await agent.get(`/can-bo/du-thao/${draft.id}/thong-ke`)).text);
    expect(stats).toContain('Theo hình thức nhận');
    expect(stats).toMatch(/Tại hội nghị, cuộc họp 3 100%/);
    const csv = await agent.get(`/can-bo/du-thao/${draft.id}/y-kien-day-du.csv`);
    expect(csv.text).toContain('Hình thức');
    expect(csv.text.split('Tại hội nghị, cuộc họp').length - 1).toBe(3);
  });

  it('refuses bad input with Vietnamese messages, keeps what was typed and saves nothing', async () => {
    const agent = await t.loginAs('tuphap');
    const [intakes, comments, files] = [await t.db.commentIntake.count(), await t.db.comment.count(), await uploads()];
    const cases: [Record<string, string>, string, { buffer: Buffer; name: string }?][] = [
      [{ receivedOn: day, 'rows[0][body]': 'Ý kiến một' }, 'Vui lòng chọn hình thức nhận ý kiến.'],
      [{ channel: 'MEETING', receivedOn: day, 'rows[0][body]': 'Ý kiến hai' }, 'Vui lòng nhập địa điểm tổ chức cuộc họp, hội nghị.'],
      [
        { channel: 'MEETING', receivedOn: day, place: 'Nhà văn hóa', peoplePresent: 'bốn mươi', 'rows[0][body]': 'Ý kiến ba' },
        'Số người dự phải là số nguyên từ 1 đến 100.000.',
      ],
      [{ channel: 'WRITTEN', receivedOn: day, 'rows[0][speaker]': 'Bà Năm' }, 'Vui lòng nhập nội dung ý kiến (hoặc để trống cả dòng).'],
      [{ channel: 'WRITTEN', receivedOn: day }, 'Vui lòng nhập ít nhất một ý kiến.'],
      [{ channel: 'FORWARDED', receivedOn: day, 'rows[0][body]': 'Ý kiến bốn' }, 'Vui lòng nhập tên tổ chức chuyển ý kiến đến'],
      [
        { channel: 'PHONE', receivedOn: formatDate(new Date(t.clock.now().getTime() + 2 * DAY)), 'rows[0][body]': 'Ý kiến năm' },
        'Ngày nhận ý kiến không được sau ngày hôm nay.',
      ],
      [
        { channel: 'PHONE', receivedOn: formatDate(new Date(t.clock.now().getTime() - 30 * DAY)), 'rows[0][body]': 'Ý kiến sáu' },
        'Ngày nhận ý kiến phải trong thời gian lấy ý kiến',
      ],
      [{ channel: 'PHONE', receivedOn: day, 'rows[0][body]': 'Ý kiến bảy', 'rows[0][phan]': 'khong-co' }, 'Điều được chọn không thuộc dự thảo này.'],
      [
        { channel: 'WRITTEN', receivedOn: day, 'rows[0][body]': 'Ý kiến tám' },
        'Tệp biên bản hoặc bản chụp không đúng định dạng cho phép',
        { buffer: Buffer.from('MZ not a pdf'), name: 'thu.pdf' },
      ],
    ];
    for (const [fields, message, file] of cases) {
      const res = await postIntake(agent, page(), fields, file);
      expect(res.status, message).toBe(400);
      const text = visibleText(res.text);
      expect(text).toContain('Có lỗi cần sửa trước khi gửi');
      expect(text).toContain(message);
      for (const v of Object.values(fields)) if (v !== 'khong-co' && !/^[A-Z]+$/.test(v)) expect(res.text).toContain(v);
    }
    // A valid file sent with a refused form is named, so the officer chooses it again.
    const withFile = await postIntake(
      agent,
      page(),
      { channel: 'MEETING', receivedOn: day, 'rows[0][body]': 'Ý kiến chín' },
      { buffer: PDF, name: 'bien-ban.pdf' },
    );
    expect(withFile.status).toBe(400);
    expect(visibleText(withFile.text)).toContain('Tệp “bien-ban.pdf” chưa được lưu: vui lòng chọn lại tệp trước khi gửi.');
    expect(await t.db.commentIntake.count()).toBe(intakes);
    expect(await t.db.comment.count()).toBe(comments);
    expect(await uploads()).toBe(files);
  });

  it("lets an official of a unit of the draft's task record comments for that unit, and nobody else", async () => {
    const vanhoa = await t.loginAs('vanhoa');
    const res = await postIntake(vanhoa, page(), {
      channel: 'PHONE',
      receivedOn: day,
      'rows[0][speaker]': 'Chị Hạnh',
      'rows[0][body]': 'Gọi điện đề nghị làm mái che cho chợ.',
    });
    expect(res.status).toBe(303);
    // The task page leads the unit official there.
    const taskPage = await vanhoa.get(`/can-bo/nhiem-vu/${taskId}`);
    expect(taskPage.text).toContain(`href="${page()}"`);
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'vanhoa' } });
    const intake = await t.db.commentIntake.findFirstOrThrow({ where: { draftId: draft.id, channel: 'PHONE' } });
    expect(intake.unitId).toBe(user.unitId);
    expect(intake.activityId).toBeNull(); // a phone call is not a communication activity

    // A unit with no part in the task, and the chairman, are refused; another ward's draft is not found.
    const other = await t.loginAs('tdp1');
    expect((await other.get(page())).status).toBe(403);
    expect((await (await t.loginAs('chutich')).get(page())).status).toBe(403);
    expect((await t.agent().get(page())).status).toBe(302);
  });
});
