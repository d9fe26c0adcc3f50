import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, type TestApp } from '../../helpers/test-app.js';
import { vnDate } from '../../../prisma/seed.js';
import { superiorOn } from '../../../src/features/documents/superiors.js';
import { defaultAssessment, defaultNarrative, defaultShortcomings } from '../../../src/features/documents/report-narrative.js';
import { slugify, downloadName } from '../../../src/lib/download-name.js';
import { attachmentHeader } from '../../../src/lib/uploads.js';
import { createDataset, getBinary, quarterForm, readDocx } from './helpers.js';

type Figures = Parameters<typeof defaultAssessment>[0];
const figures = (
  o: {
    inScope?: number;
    communicated?: number;
    activities?: number;
    received?: number;
    published?: number;
    answered?: number;
    pending?: number;
    open?: number;
  } = {},
): Figures =>
  ({
    tasks: [],
    byStatus: {},
    channels: o.activities ? [{ channel: 'MEETING', activities: o.activities, peopleReached: 100 }] : [],
    drafts: {
      inScope: o.inScope ?? 0,
      communicated: o.communicated ?? 0,
      percent: o.inScope ? Math.round(((o.communicated ?? 0) * 100) / o.inScope) : 0,
      list: [],
    },
    comments: {
      received: o.received ?? 0,
      published: o.published ?? 0,
      hidden: 0,
      pending: o.pending ?? 0,
      answered: o.answered ?? 0,
      byOutcome: { ACCEPTED: 0, PARTLY_ACCEPTED: 0, EXPLAINED: 0 },
    },
    obstacles: { raised: o.open ?? 0, answered: 0, closed: 0, open: o.open ?? 0, list: [] },
  }) as unknown as Figures;

describe('the ward’s superior bodies follow the date of each document', () => {
  let t: TestApp;
  let ds: Awaited<ReturnType<typeof createDataset>>;
  beforeAll(async () => {
    t = await createTestApp();
    ds = await createDataset(t);
  });
  afterAll(() => t.close());

  it('is the city until 30/06/2025 and the province from 01/07/2025 (Vietnam time)', async () => {
    const before = await superiorOn(t.db, t.wardId, new Date(vnDate('2025-07-01').getTime() - 1));
    expect(before).toEqual({ superiorCommittee: 'UBND thành phố Quảng Ngãi', justiceBody: 'Phòng Tư pháp thành phố Quảng Ngãi' });
    const after = await superiorOn(t.db, t.wardId, vnDate('2025-07-01'));
    expect(after).toEqual({ superiorCommittee: 'UBND tỉnh Quảng Ngãi', justiceBody: 'Sở Tư pháp tỉnh Quảng Ngãi' });
  });

  it('puts the province in the header, the recipients and the proposals of a report drawn up after 01/07/2025', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId));
    const id = res.headers.location.split('/').pop()!;
    const p = (await readDocx((await getBinary(agent, `/can-bo/van-ban/${id}.docx`)).body as Buffer)).paragraphs;
    expect(p).toContain('UBND TỈNH QUẢNG NGÃI');
    expect(p[p.indexOf('Nơi nhận:') + 1]).toBe('- Sở Tư pháp tỉnh Quảng Ngãi;');
    expect(p.some((x) => x.startsWith('Đề nghị Sở Tư pháp tỉnh Quảng Ngãi tiếp tục hướng dẫn nghiệp vụ'))).toBe(true);
    // No software terms, no repeated subject, the sections of an administrative report.
    const text = p.join('\n');
    expect(text).not.toMatch(/được chấp nhận|Đã chuyển Chủ tịch|Cổng thông tin góp ý/);
    expect(text).toContain('- Kết quả thực hiện: trong kỳ, đơn vị chủ trì chưa báo cáo kết quả thực hiện nhiệm vụ.');
    expect(p).toContain('2. Tồn tại, hạn chế và nguyên nhân');
    expect(p).toContain('VII. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI');
    expect(p).toContain('- Còn 1 dự thảo chính sách thuộc phạm vi Kế hoạch chưa được truyền thông, lấy ý kiến Nhân dân.');
    expect(p).toContain('- Còn 1 khó khăn, vướng mắc chưa được giải quyết.');
  });

  it('a new plan form proposes the superior body valid today', async () => {
    const agent = await t.loginAs('tuphap');
    const form = await agent.get('/can-bo/ke-hoach/moi');
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="UBND TỈNH QUẢNG NGÃI"');
  });

  it('writes "Ủy ban MTTQ … tổ chức …" once, not after the unit’s name', async () => {
    const front = await t.db.unit.findFirstOrThrow({ where: { wardId: t.wardId, name: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường' } });
    const author = await t.db.user.findUniqueOrThrow({ where: { username: 'mattran' } });
    await t.db.progressReport.create({
      data: {
        taskId: ds.taskIds[0],
        unitId: front.id,
        authorId: author.id,
        reportedOn: vnDate('2025-09-15'),
        status: 'ACCEPTED',
        summary: 'Ủy ban MTTQ Việt Nam phường tổ chức hội nghị lấy ý kiến đối với dự thảo Luật.',
      },
    });
    const culture = await t.db.unit.findFirstOrThrow({ where: { wardId: t.wardId, name: 'Công chức Văn hóa – Xã hội' } });
    await t.db.progressReport.create({
      data: {
        taskId: ds.taskIds[1],
        unitId: culture.id,
        authorId: author.id,
        reportedOn: vnDate('2025-09-16'),
        status: 'ACCEPTED',
        summary: 'Công chức Văn hóa – Xã hội biên tập tin bài giới thiệu dự thảo.',
      },
    });
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId));
    const p = (await readDocx((await getBinary(agent, `/can-bo/van-ban/${res.headers.location.split('/').pop()}.docx`)).body as Buffer)).paragraphs;
    expect(p).toContain('+ Ngày 15/09/2025: Ủy ban MTTQ Việt Nam phường tổ chức hội nghị lấy ý kiến đối với dự thảo Luật.');
    expect(p.join('\n')).not.toContain('phường: Ủy ban MTTQ');
    // The same when the summary repeats the unit's full name.
    expect(p).toContain('+ Ngày 16/09/2025: Công chức Văn hóa – Xã hội biên tập tin bài giới thiệu dự thảo.');
  });
});

describe('default evaluation follows the figures', () => {
  it('does not praise a quarter with no draft and no activity', () => {
    const text = defaultAssessment(figures());
    expect(text).toContain('Trong kỳ không có dự thảo chính sách nào thuộc phạm vi Kế hoạch cần đăng tải, lấy ý kiến Nhân dân.');
    expect(text).toContain('chưa tổ chức hoạt động truyền thông nào');
    expect(text).not.toMatch(/chủ động|đúng thời hạn|đạt chỉ tiêu/);
    expect(defaultShortcomings(figures())).toBe('Không có tồn tại, hạn chế đáng kể trong kỳ báo cáo.');
  });

  it('says what was done and what is missing when there are figures', () => {
    const f = figures({ inScope: 2, communicated: 1, activities: 3, received: 5, published: 4, answered: 2, pending: 1, open: 1 });
    expect(defaultAssessment(f)).toBe(
      'Trong kỳ, UBND phường đã đăng tải, lấy ý kiến Nhân dân đối với 1/2 dự thảo chính sách thuộc phạm vi Kế hoạch; tiếp nhận 5 ý kiến góp ý, đã trả lời 2 ý kiến. Các đơn vị đã tổ chức 3 hoạt động truyền thông theo Kế hoạch.',
    );
    expect(defaultShortcomings(f).split('\n')).toEqual([
      '- Còn 1 dự thảo chính sách thuộc phạm vi Kế hoạch chưa được truyền thông, lấy ý kiến Nhân dân.',
      '- Còn 2 ý kiến góp ý đã công khai chưa được trả lời.',
      '- Còn 1 ý kiến góp ý chưa được xem xét để công khai.',
      '- Còn 1 khó khăn, vướng mắc chưa được giải quyết.',
      '- Nguyên nhân: (công chức tham mưu bổ sung nguyên nhân chủ quan, khách quan trước khi trình ký).',
    ]);
    const n = defaultNarrative(
      { title: 'Thực hiện Đề án', number: null, symbol: 'KH-UBND', issuedOn: null, place: 'Trương Quang Trọng', parentBody: '', issuingBody: '' },
      { placeName: 'Trương Quang Trọng', committeeName: 'Ủy ban nhân dân phường Trương Quang Trọng' },
      vnDate('2025-04-01'),
      vnDate('2025-06-30'),
      { superiorCommittee: 'UBND thành phố Quảng Ngãi', justiceBody: 'Phòng Tư pháp thành phố Quảng Ngãi' },
      f,
    );
    expect(n.recipients[0]).toBe('Phòng Tư pháp thành phố Quảng Ngãi');
  });
});

describe('download names a person can read', () => {
  it('folds diacritics, joins words with hyphens and stays under the bound at a word boundary', () => {
    expect(downloadName('Tiếp thu giải trình Nghị quyết hỗ trợ tổ dân phố', 'docx')).toBe('tiep-thu-giai-trinh-nghi-quyet-ho-tro-to-dan-pho.docx');
    expect(slugify('Báo cáo kết quả quý III năm 2025 số 01/BC-UBND')).toBe('bao-cao-ket-qua-quy-iii-nam-2025-so-01-bc-ubnd');
    const long = slugify(
      'Kế hoạch thực hiện Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật”',
      60,
    );
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^ke-hoach-thuc-hien-de-an-to-chuc-truyen-thong-[a-z-]+[a-z]$/);
    expect(slugify('“…”')).toBe('tai-lieu');
  });

  it('sends both filename and filename* (UTF-8)', () => {
    expect(attachmentHeader('bao-cao.docx')).toBe(`attachment; filename="bao-cao.docx"; filename*=UTF-8''bao-cao.docx`);
    expect(attachmentHeader('Báo cáo "quý" III.docx')).toBe(
      `attachment; filename="Bao cao _quy_ III.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22qu%C3%BD%22%20III.docx`,
    );
  });
});
