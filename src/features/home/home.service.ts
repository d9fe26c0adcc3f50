import type { Db } from '../../db/client.js';
import type { Role } from '../../domain/enums.js';
import { publicDraftList, WARD_PAGES_STAMP, wardDraftTimes, wardPagesStamp } from '../drafts/index.js';

/** What a kept front page is checked against: the ward's drafts and plans (one query; HOME_STAMP: the same as an expression over its "Ward" row). */
export const homeStamp = wardPagesStamp;
export const HOME_STAMP = WARD_PAGES_STAMP;

/** What the public front page shows: drafts open for comment (and coming soon), and the ward's published plans. */
export async function publicHome(db: Db, wardId: string, now: Date) {
  const [drafts, times] = await Promise.all([publicDraftList(db, wardId, now, ''), wardDraftTimes(db, wardId)]);
  const plans = await db.plan.findMany({
    where: { wardId, published: true },
    orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
    select: { id: true, title: true, year: true, number: true, symbol: true, issuedOn: true },
    take: 5,
  });
  return { openDrafts: drafts.open, upcomingDrafts: drafts.upcoming, answeredCount: drafts.closed.filter((d) => d.status === 'ANSWERED').length, plans, times };
}

export type MenuItem = { href: string; label: string; hint: string };

/** The officer landing page: links to what each role does. */
export function officerMenu(role: Role): MenuItem[] {
  const items: (MenuItem & { roles: Role[] })[] = [
    {
      href: '/can-bo/ke-hoach',
      label: 'Kế hoạch và nhiệm vụ',
      hint: 'Theo dõi nhiệm vụ, báo cáo tiến độ, dự toán, khó khăn vướng mắc',
      roles: ['ADMIN', 'JUSTICE', 'UNIT', 'CHAIRMAN'],
    },
    { href: '/can-bo/tien-do', label: 'Tiến độ thực hiện', hint: 'Tổng hợp tình hình thực hiện kế hoạch', roles: ['ADMIN', 'JUSTICE', 'CHAIRMAN'] },
    {
      href: '/can-bo/du-thao',
      label: 'Dự thảo lấy ý kiến',
      hint: 'Đăng dự thảo, mở/đóng lấy ý kiến, kiểm duyệt và trả lời góp ý',
      roles: ['ADMIN', 'JUSTICE'],
    },
    {
      href: '/can-bo/du-lieu-ca-nhan',
      label: 'Yêu cầu về dữ liệu cá nhân',
      hint: 'Tìm góp ý theo mã tiếp nhận để sửa hoặc xóa thông tin liên hệ theo yêu cầu của người góp ý',
      roles: ['ADMIN', 'JUSTICE'],
    },
    {
      href: '/can-bo/van-ban',
      label: 'Văn bản, báo cáo',
      hint: 'Xuất Kế hoạch và Báo cáo kết quả theo thể thức Nghị định 30/2020',
      roles: ['ADMIN', 'JUSTICE', 'CHAIRMAN'],
    },
    { href: '/can-bo/don-vi', label: 'Đơn vị và tài khoản', hint: 'Danh sách đơn vị, tài khoản cán bộ', roles: ['ADMIN'] },
    { href: '/can-bo/nhat-ky', label: 'Nhật ký thay đổi', hint: 'Ai đã thay đổi gì, khi nào, trước và sau', roles: ['ADMIN', 'CHAIRMAN'] },
  ];
  return items.filter((i) => i.roles.includes(role)).map(({ roles: _roles, ...rest }) => rest);
}
