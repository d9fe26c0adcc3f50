/**
 * Demo comments on the demo drafts: the closed resolution is answered (every
 * published comment answered, one answer shared by two identical comments, one
 * spam comment hidden, summary published); the open draft law has some
 * published and some pending comments. Contact details are example.com only.
 */
import type { Tx } from '../src/db/client.js';
import { newReceiptCode } from '../src/domain/receipt-code.js';
import { dayjs, TIME_ZONE } from '../src/lib/format.js';
import type { SeededDrafts } from './seed-demo-drafts.js';

type SeedCtx = { wardId: string; planId: string; now: Date };

type DemoComment = {
  version: number;
  article: string | null; // section key, null = whole draft
  daysAgo: number;
  type: 'INDIVIDUAL' | 'ORGANISATION' | 'BUSINESS';
  name?: string;
  organisation?: string;
  anonymous: boolean;
  group: number | string; // Tổ dân phố number, or the "other" place
  email?: string;
  phone?: string;
  status: 'PUBLISHED' | 'PENDING' | 'HIDDEN';
  hidden?: { reason: string; note: string };
  answer?: string; // key into the answers of the draft
  body: string;
};

const RESOLUTION_ANSWERS: Record<string, { outcome: string; explanation: string }> = {
  raiseSupport: {
    outcome: 'ACCEPTED',
    explanation:
      'Tiếp thu. Phiên bản 2 của dự thảo đã nâng mức hỗ trợ lên 5.000.000 đồng/tổ/năm đối với tổ dân phố có từ 350 hộ gia đình trở lên và 4.000.000 đồng/tổ/năm đối với tổ dân phố có dưới 350 hộ gia đình (Điều 2).',
  },
  associations: {
    outcome: 'EXPLAINED',
    explanation:
      'Giải trình. Chế độ đối với chi hội trưởng các tổ chức chính trị - xã hội ở khu dân cư được quy định tại văn bản riêng về kinh phí hoạt động của các tổ chức này. Nghị quyết chỉ quy định đối với người trực tiếp tham gia công việc của tổ dân phố, nên không bổ sung nội dung này vào dự thảo.',
  },
  leaderAllowance: {
    outcome: 'PARTLY_ACCEPTED',
    explanation:
      'Tiếp thu một phần. Phiên bản 2 nâng mức bồi dưỡng tổ trưởng tổ dân phố lên 1.800.000 đồng/người/tháng. Mức 2.000.000 đồng/người/tháng vượt khả năng cân đối của ngân sách cấp xã trong giai đoạn 2026 – 2028.',
  },
  spending: {
    outcome: 'PARTLY_ACCEPTED',
    explanation:
      'Tiếp thu một phần. Phiên bản 2 bổ sung khoản 3 Điều 2 quy định các nội dung được chi. Việc công khai thu, chi của tổ dân phố thực hiện theo Luật Thực hiện dân chủ ở cơ sở, nên không quy định lại trong Nghị quyết.',
  },
  sponsorship: {
    outcome: 'EXPLAINED',
    explanation:
      'Giải trình. Tổ dân phố được tiếp nhận các khoản tài trợ, đóng góp tự nguyện theo pháp luật về thực hiện dân chủ ở cơ sở. Nghị quyết chỉ quy định phần kinh phí do ngân sách nhà nước bảo đảm.',
  },
  effectiveDate: {
    outcome: 'ACCEPTED',
    explanation: 'Tiếp thu. Điều 6 giữ thời điểm có hiệu lực từ ngày 01 tháng 01 năm 2026, phù hợp với thời điểm giao dự toán ngân sách năm 2026.',
  },
  householdCount: {
    outcome: 'ACCEPTED',
    explanation:
      'Tiếp thu. Số hộ gia đình của tổ dân phố được xác định theo số liệu thống kê của Ủy ban nhân dân cấp xã tại ngày 31 tháng 12 năm trước; nội dung này sẽ được nêu trong văn bản hướng dẫn của Ủy ban nhân dân tỉnh.',
  },
};

const RESOLUTION_COMMENTS: DemoComment[] = [
  {
    version: 1,
    article: 'dieu-2',
    daysAgo: 58,
    type: 'INDIVIDUAL',
    name: 'Trần Văn Hùng',
    anonymous: false,
    group: 2,
    status: 'PUBLISHED',
    answer: 'raiseSupport',
    body: 'Đề nghị nâng mức hỗ trợ kinh phí hoạt động của tổ dân phố lên 5.000.000 đồng/tổ/năm, vì mức 2.500.000 đồng hiện nay không đủ chi cho các buổi họp dân trong năm.',
  },
  {
    version: 1,
    article: 'dieu-2',
    daysAgo: 56,
    type: 'INDIVIDUAL',
    name: 'Võ Thị Kim Oanh',
    anonymous: true,
    group: 5,
    status: 'PUBLISHED',
    answer: 'raiseSupport',
    body: 'Đề nghị nâng mức hỗ trợ kinh phí hoạt động của tổ dân phố lên 5.000.000 đồng/tổ/năm, vì mức 2.500.000 đồng hiện nay không đủ chi cho các buổi họp dân trong năm.',
  },
  {
    version: 1,
    article: 'dieu-3',
    daysAgo: 55,
    type: 'ORGANISATION',
    organisation: 'Hội Liên hiệp Phụ nữ phường Trương Quang Trọng',
    name: 'Nguyễn Thị Hạnh',
    anonymous: false,
    group: 4,
    status: 'PUBLISHED',
    answer: 'associations',
    body: 'Đề nghị bổ sung mức bồi dưỡng cho chi hội trưởng các hội đoàn thể ở tổ dân phố, vì đây là lực lượng trực tiếp vận động hội viên tham gia các phong trào ở khu dân cư.',
  },
  {
    version: 1,
    article: 'dieu-3',
    daysAgo: 52,
    type: 'INDIVIDUAL',
    name: 'Lê Văn Tám',
    anonymous: false,
    group: 1,
    email: 'levantam.tdp1@example.com',
    status: 'PUBLISHED',
    answer: 'leaderAllowance',
    body: 'Tổ trưởng tổ dân phố gần như ngày nào cũng phải giải quyết công việc của tổ.\nMức 1.500.000 đồng/tháng chưa tương xứng; đề nghị nâng lên 2.000.000 đồng/tháng.',
  },
  {
    version: 1,
    article: null,
    daysAgo: 50,
    type: 'INDIVIDUAL',
    anonymous: true,
    group: 7,
    email: 'nguoidan.tdp7@example.com',
    status: 'PUBLISHED',
    answer: 'spending',
    body: 'Đề nghị quy định rõ kinh phí hỗ trợ được chi cho những việc gì và công khai mức chi tại nhà văn hóa tổ dân phố để bà con cùng giám sát.',
  },
  {
    version: 1,
    article: null,
    daysAgo: 49,
    type: 'INDIVIDUAL',
    anonymous: true,
    group: 'Không rõ',
    status: 'HIDDEN',
    hidden: { reason: 'SPAM', note: 'Quảng cáo dịch vụ cho vay.' },
    body: 'Vay tiền nhanh lãi suất thấp, giải ngân trong 30 phút, không cần thế chấp. Liên hệ ngay để được tư vấn!',
  },
  {
    version: 2,
    article: 'dieu-4',
    daysAgo: 43,
    type: 'BUSINESS',
    organisation: 'Công ty TNHH Thương mại Dịch vụ Hưng Phát',
    anonymous: false,
    group: 6,
    status: 'PUBLISHED',
    answer: 'sponsorship',
    body: 'Đề nghị cho phép tổ dân phố huy động thêm nguồn tài trợ hợp pháp của các doanh nghiệp trên địa bàn để tổ chức các hoạt động cộng đồng.',
  },
  {
    version: 2,
    article: 'dieu-6',
    daysAgo: 41,
    type: 'INDIVIDUAL',
    name: 'Phạm Thị Thu',
    anonymous: false,
    group: 6,
    status: 'PUBLISHED',
    answer: 'effectiveDate',
    body: 'Đề nghị giữ thời điểm có hiệu lực từ ngày 01/01/2026 để các phường kịp đưa vào dự toán ngân sách năm sau.',
  },
  {
    version: 2,
    article: 'dieu-2',
    daysAgo: 38,
    type: 'INDIVIDUAL',
    name: 'Huỳnh Văn Lợi',
    anonymous: false,
    group: 3,
    phone: '0914222333',
    status: 'PUBLISHED',
    answer: 'householdCount',
    body: 'Nên quy định rõ số hộ gia đình của tổ dân phố được tính tại thời điểm nào (đầu năm hay cuối năm) để tránh cách hiểu khác nhau giữa các tổ.',
  },
];

const LAW_COMMENTS: DemoComment[] = [
  {
    version: 1,
    article: 'dieu-2',
    daysAgo: 9,
    type: 'INDIVIDUAL',
    name: 'Nguyễn Văn An',
    anonymous: false,
    group: 1,
    email: 'nguyenvanan.tdp1@example.com',
    status: 'PUBLISHED',
    body: 'Đề nghị rút ngắn thời gian cấp Giấy chứng nhận lần đầu xuống còn 10 ngày làm việc đối với trường hợp không phải xác minh nguồn gốc đất.',
  },
  {
    version: 1,
    article: 'dieu-3',
    daysAgo: 8,
    type: 'INDIVIDUAL',
    anonymous: true,
    group: 4,
    status: 'PUBLISHED',
    body: 'Thời gian lấy ý kiến người có đất thu hồi ít nhất 30 ngày là hợp lý. Tuy nhiên cần quy định phải tổ chức họp trực tiếp tại tổ dân phố, không chỉ niêm yết tại trụ sở.',
  },
  {
    version: 1,
    article: 'dieu-5',
    daysAgo: 7,
    type: 'ORGANISATION',
    organisation: 'Hội Cựu chiến binh phường Trương Quang Trọng',
    anonymous: false,
    group: 2,
    status: 'PUBLISHED',
    body: 'Đề nghị bổ sung đại diện Hội Cựu chiến binh vào thành phần Hội đồng hòa giải tranh chấp đất đai ở cấp xã, vì hội viên có nhiều kinh nghiệm hòa giải ở cơ sở.',
  },
  {
    version: 1,
    article: 'dieu-1',
    daysAgo: 6,
    type: 'BUSINESS',
    organisation: 'Công ty Cổ phần Xây dựng Sông Trà',
    name: 'Đỗ Minh Khoa',
    anonymous: false,
    group: 'Phường Nghĩa Chánh',
    status: 'PUBLISHED',
    body: 'Đề nghị quy định thời hạn cụ thể để Ủy ban nhân dân cấp tỉnh trình điều chỉnh bảng giá đất khi giá thị trường biến động từ 20% trở lên, tránh để doanh nghiệp và người dân chờ đợi.',
  },
  {
    version: 1,
    article: 'dieu-6',
    daysAgo: 3,
    type: 'INDIVIDUAL',
    name: 'Đặng Thị Hồng',
    anonymous: false,
    group: 8,
    status: 'PENDING',
    body: 'Nhiều người cao tuổi chưa dùng được dịch vụ công trực tuyến. Đề nghị giữ song song cách nộp hồ sơ giấy tại Bộ phận Một cửa của phường.',
  },
  {
    version: 1,
    article: 'dieu-4',
    daysAgo: 2,
    type: 'INDIVIDUAL',
    anonymous: true,
    group: 5,
    email: 'cutri.tdp5@example.com',
    status: 'PENDING',
    body: 'Đề nghị quy định mức hỗ trợ đào tạo, chuyển đổi nghề tối thiểu áp dụng chung cả nước để tránh chênh lệch lớn giữa các tỉnh.',
  },
  {
    version: 1,
    article: null,
    daysAgo: 1,
    type: 'INDIVIDUAL',
    anonymous: true,
    group: 'Phường Nghĩa Lộ',
    status: 'PENDING',
    body: 'Tôi ủng hộ việc kết nối cơ sở dữ liệu đất đai với Cơ sở dữ liệu quốc gia về dân cư; đề nghị bổ sung quy định bảo đảm an toàn thông tin cá nhân của người sử dụng đất.',
  },
];

/** The law's comments are dated from today, the resolution's (and its answers) from its own anchor day (see seedDemoDrafts). */
export async function seedDemoComments(tx: Tx, ctx: SeedCtx, drafts: SeededDrafts, historyAnchor: Date = ctx.now) {
  const from =
    (anchor: Date) =>
    (daysAgo: number, hour = 9) =>
      dayjs(anchor).tz(TIME_ZONE).startOf('day').subtract(daysAgo, 'day').add(hour, 'hour').toDate();
  const lawAt = from(ctx.now);
  const at = from(historyAnchor);
  const officer = await tx.user.findFirst({ where: { wardId: ctx.wardId, role: 'JUSTICE' }, select: { id: true } });
  const groups = await tx.unit.findMany({ where: { wardId: ctx.wardId, kind: 'RESIDENTIAL_GROUP' }, select: { id: true, name: true } });
  const groupId = (n: number) => groups.find((g) => g.name === `Tổ dân phố ${n}`)?.id ?? null;

  const answeredAt = at(30, 15);
  const res = drafts.resolution;
  await tx.draft.update({
    where: { id: res.draftId },
    data: {
      state: 'ANSWERED',
      answeredAt,
      summaryNote:
        'Thực hiện đề nghị của Sở Nội vụ tỉnh Quảng Ngãi, UBND phường Trương Quang Trọng đã đăng tải dự thảo trên Trang thông tin điện tử phường và lấy ý kiến Nhân dân các tổ dân phố. Bộ phận Tư pháp – Hộ tịch tổng hợp, tiếp thu, giải trình các ý kiến như sau.',
    },
  });
  const answerIds = new Map<string, string>();
  for (const [key, a] of Object.entries(RESOLUTION_ANSWERS)) {
    const row = await tx.commentAnswer.create({
      data: { draftId: res.draftId, ...a, answeredById: officer?.id ?? null, createdAt: at(33, 10), updatedAt: at(33, 10) },
    });
    answerIds.set(key, row.id);
  }

  const create = async (draft: SeededDrafts['law'], c: DemoComment, notified: Date | null) => {
    const version = draft.versions.find((v) => v.number === c.version) ?? draft.versions[0];
    const when = draft === drafts.law ? lawAt : at;
    const createdAt = when(c.daysAgo, 8 + (c.daysAgo % 10));
    const contact = Boolean(c.email || c.phone);
    await tx.comment.create({
      data: {
        draftId: draft.draftId,
        versionId: version.id,
        sectionId: c.article ? (version.sections[c.article] ?? null) : null,
        receiptCode: newReceiptCode(),
        respondentType: c.type,
        authorName: c.name ?? '',
        organisationName: c.organisation ?? '',
        isAnonymous: c.anonymous,
        residentialGroupId: typeof c.group === 'number' ? groupId(c.group) : null,
        residentialOther: typeof c.group === 'string' ? c.group : '',
        email: c.email ?? '',
        phone: c.phone ?? '',
        consentAt: contact ? createdAt : null,
        body: c.body,
        status: c.status,
        hiddenReason: c.hidden?.reason ?? null,
        hiddenNote: c.hidden?.note ?? '',
        moderatedById: c.status === 'PENDING' ? null : (officer?.id ?? null),
        moderatedAt: c.status === 'PENDING' ? null : when(c.daysAgo - 1, 10),
        answerId: c.answer ? (answerIds.get(c.answer) ?? null) : null,
        notifiedAt: c.email ? notified : null,
        createdAt,
      },
    });
  };
  for (const c of RESOLUTION_COMMENTS) await create(res, c, c.status === 'HIDDEN' ? null : answeredAt);
  for (const c of LAW_COMMENTS) await create(drafts.law, c, null);
}
