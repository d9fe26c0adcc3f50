/**
 * Demo only: a second ward in the same deployment, Phường Cẩm Thành, with its own
 * units, officers, 2025 plan and a draft open for comment with a few comments, so a
 * newcomer sees several wards working side by side (/phuong/cam-thanh/, the
 * province page). Its demo accounts are prefixed `camthanh.`; usernames are unique
 * across the deployment.
 */
import type { Tx } from '../src/db/client.js';
import { dayjs, endOfDay, TIME_ZONE } from '../src/lib/format.js';
import { newReceiptCode } from '../src/domain/receipt-code.js';
import { PLAN_RECIPIENTS, PLAN_TASKS } from './seed-plan-text.js';
import { createDraft, effectiveAfter, withEffectiveDate } from './seed-demo-drafts.js';

export const SECOND_WARD = {
  slug: 'cam-thanh',
  name: 'Phường Cẩm Thành',
  placeName: 'Cẩm Thành',
  committeeName: 'Ủy ban nhân dân phường Cẩm Thành',
  parentBodyName: 'UBND tỉnh Quảng Ngãi',
  address: 'Phường Cẩm Thành, tỉnh Quảng Ngãi',
  phone: '0255 3000 111',
  email: 'ubnd.camthanh@example.gov.vn',
} as const;

export const SECOND_WARD_USERS = [
  { username: 'camthanh.quantri', fullName: 'Quản trị phường Cẩm Thành', role: 'ADMIN', unit: 'UBND phường Cẩm Thành', jobTitle: 'Quản trị viên' },
  { username: 'camthanh.tuphap', fullName: 'Đặng Thị Mai', role: 'JUSTICE', unit: 'Công chức Tư pháp – Hộ tịch', jobTitle: 'Công chức Tư pháp – Hộ tịch' },
  { username: 'camthanh.vanhoa', fullName: 'Huỳnh Văn Nam', role: 'UNIT', unit: 'Công chức Văn hóa – Xã hội', jobTitle: 'Công chức Văn hóa – Xã hội' },
  { username: 'camthanh.chutich', fullName: 'Lê Quang Vinh', role: 'CHAIRMAN', unit: 'UBND phường Cẩm Thành', jobTitle: 'Chủ tịch UBND phường' },
] as const;

const GROUPS = Array.from({ length: 5 }, (_, i) => `Tổ dân phố ${i + 1}`);
const UNITS = [
  { name: 'UBND phường Cẩm Thành', shortName: 'UBND phường', kind: 'COMMITTEE' },
  { name: 'Cán bộ, công chức UBND phường', shortName: 'CB, CC phường', kind: 'COMMITTEE' },
  { name: 'Công chức Tư pháp – Hộ tịch', shortName: 'Tư pháp – Hộ tịch', kind: 'SPECIALIST' },
  { name: 'Công chức Văn hóa – Xã hội', shortName: 'Văn hóa – Xã hội', kind: 'SPECIALIST' },
  { name: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường', shortName: 'Mặt trận', kind: 'FRONT' },
  ...GROUPS.map((name) => ({ name, shortName: name.replace('Tổ dân phố', 'TDP'), kind: 'RESIDENTIAL_GROUP' })),
  { name: 'UBND tỉnh Quảng Ngãi', shortName: 'UBND tỉnh', kind: 'EXTERNAL' },
  { name: 'Sở Tư pháp tỉnh Quảng Ngãi', shortName: 'Sở Tư pháp', kind: 'EXTERNAL' },
];

const PLACE = 'phường Cẩm Thành';
const DRAFT_TITLE = 'Dự thảo Quyết định của UBND phường Cẩm Thành ban hành Quy định quản lý, sử dụng tạm thời một phần vỉa hè';
const DRAFT_TEXT = `Điều 1. Phạm vi điều chỉnh
Quy định này quy định việc sử dụng tạm thời một phần vỉa hè trên các tuyến đường do phường quản lý để kinh doanh, trông giữ xe và tổ chức việc cưới, việc tang.
Điều 2. Nguyên tắc sử dụng
1. Phần vỉa hè dành cho người đi bộ rộng tối thiểu 1,5 mét.
2. Không sử dụng vỉa hè trước cổng trường học, cơ sở y tế, trụ sở cơ quan.
Điều 3. Thủ tục đăng ký
Hộ gia đình, cá nhân nộp đơn đăng ký tại Bộ phận một cửa của UBND phường; UBND phường trả lời trong 05 ngày làm việc.
Điều 4. Hiệu lực thi hành
Quyết định này có hiệu lực từ ngày 01 tháng 01 năm 2026.`;

const COMMENTS = [
  {
    article: 'dieu-2',
    group: 1,
    status: 'PUBLISHED',
    daysAgo: 4,
    body: 'Đề nghị giữ lối đi bộ rộng 2 mét trên đường Hùng Vương vì người đi bộ đông vào giờ tan học.',
  },
  { article: 'dieu-3', group: 3, status: 'PUBLISHED', daysAgo: 3, body: 'Nên cho đăng ký qua mạng, không bắt người dân đến Bộ phận một cửa.' },
  {
    article: null,
    group: 2,
    status: 'PENDING',
    daysAgo: 1,
    body: 'Tôi đồng ý với dự thảo; đề nghị công khai danh sách hộ được cấp phép tại nhà văn hóa tổ dân phố.',
  },
] as const;

export async function seedSecondWard(tx: Tx, opts: { passwordHash: string; now: Date }): Promise<void> {
  const ward = await tx.ward.create({ data: SECOND_WARD });
  const units = new Map<string, string>();
  for (const [i, u] of UNITS.entries()) units.set(u.name, (await tx.unit.create({ data: { ...u, wardId: ward.id, sortOrder: i + 1 } })).id);
  const unitId = (name: string) => units.get(name) ?? null;
  for (const u of SECOND_WARD_USERS) {
    await tx.user.create({
      data: {
        wardId: ward.id,
        unitId: unitId(u.unit),
        username: u.username,
        fullName: u.fullName,
        jobTitle: u.jobTitle,
        role: u.role,
        passwordHash: opts.passwordHash,
      },
    });
  }
  const plan = await tx.plan.create({
    data: {
      wardId: ward.id,
      year: 2025,
      title: `Kế hoạch thực hiện Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật” năm 2025 trên địa bàn ${PLACE}`,
      issuingBody: 'ỦY BAN NHÂN DÂN PHƯỜNG CẨM THÀNH',
      parentBody: 'UBND TỈNH QUẢNG NGÃI',
      place: 'Cẩm Thành',
      signerName: 'Lê Quang Vinh',
      preamble: `Chủ tịch UBND ${PLACE} ban hành Kế hoạch thực hiện Đề án năm 2025 trên địa bàn phường như sau:`,
      purpose: 'Nâng cao nhận thức của cán bộ và Nhân dân về chính sách trong quá trình xây dựng văn bản quy phạm pháp luật.',
      requirements: 'Triển khai kịp thời, đúng đối tượng; lấy ý kiến Nhân dân các tổ dân phố.',
      implementation: 'Công chức Tư pháp – Hộ tịch tham mưu, theo dõi, báo cáo kết quả thực hiện.',
      funding: 'Kinh phí thực hiện từ ngân sách phường năm 2025.',
      archiveNote: 'VT, TP',
      published: true,
      recipients: { create: PLAN_RECIPIENTS.map((name, i) => ({ sortOrder: i + 1, name })) },
    },
  });
  const lead = [unitId('UBND phường Cẩm Thành'), unitId('Cán bộ, công chức UBND phường'), unitId('Công chức Tư pháp – Hộ tịch')];
  const taskIds: string[] = [];
  for (const t of PLAN_TASKS) {
    const task = await tx.task.create({
      data: {
        planId: plan.id,
        ordinal: t.ordinal,
        content: t.content,
        leadNote: t.leadNote,
        coordinationNote: t.coordinationNote,
        timeframeKind: t.timeframeKind,
        timeframeText: t.timeframeText,
        dueOn: dayjs.tz('2025-12-31', TIME_ZONE).toDate(),
        triggerDays: t.ordinal === 1 ? null : 30,
        units: {
          create: [
            { unitId: lead[t.ordinal - 1] ?? '', role: 'LEAD' },
            { unitId: unitId('Công chức Văn hóa – Xã hội') ?? '', role: 'COORDINATE' },
          ],
        },
      },
    });
    taskIds.push(task.id);
  }

  const today = dayjs(opts.now).tz(TIME_ZONE).startOf('day');
  const day = (offset: number) => today.add(offset, 'day').toDate();
  const officer = await tx.user.findFirst({ where: { wardId: ward.id, role: 'JUSTICE' }, select: { id: true } });
  const closesAt = endOfDay(day(25));
  const draft = await createDraft(tx, { wardId: ward.id, planId: plan.id, now: opts.now }, officer?.id ?? null, {
    title: DRAFT_TITLE,
    documentType: 'WARD_DECISION',
    draftingAgency: 'Công chức Văn hóa – Xã hội, UBND phường Cẩm Thành',
    field: 'Trật tự đô thị',
    summary: 'Dự thảo quy định phần vỉa hè được sử dụng tạm thời, phần dành cho người đi bộ và thủ tục đăng ký tại phường.',
    affectedGroups: 'Hộ kinh doanh, người đi bộ và các tổ dân phố trên địa bàn phường Cẩm Thành.',
    taskId: taskIds[1],
    triggerId: null,
    opensAt: day(-6),
    closesAt,
    publishImmediately: false,
    state: 'PUBLISHED',
    versions: [{ text: withEffectiveDate(DRAFT_TEXT, effectiveAfter(closesAt, 'OTHER')), changeSummary: '', publishedAt: day(-6) }],
  });
  const version = draft.versions[0];
  for (const c of COMMENTS) {
    const createdAt = today.subtract(c.daysAgo, 'day').add(9, 'hour').toDate();
    await tx.comment.create({
      data: {
        draftId: draft.draftId,
        versionId: version.id,
        sectionId: c.article ? (version.sections[c.article] ?? null) : null,
        receiptCode: newReceiptCode(),
        respondentType: 'INDIVIDUAL',
        isAnonymous: true,
        residentialGroupId: unitId(`Tổ dân phố ${c.group}`),
        body: c.body,
        status: c.status,
        moderatedById: c.status === 'PENDING' ? null : (officer?.id ?? null),
        moderatedAt: c.status === 'PENDING' ? null : createdAt,
        createdAt,
      },
    });
  }
}
