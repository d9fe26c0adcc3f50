/**
 * Demo province accounts (never in production; the README lists them): the
 * deployment's administrator and a Sở Tư pháp reviewer. Province accounts
 * belong to no ward (wardId null).
 */
import type { Tx } from '../src/db/client.js';

export const DEMO_PROVINCE_USERS = [
  { username: 'quantri-tinh', fullName: 'Quản trị hệ thống cấp tỉnh', role: 'SUPERADMIN', jobTitle: 'Quản trị hệ thống' },
  { username: 'sotuphap', fullName: 'Đặng Minh Khoa', role: 'PROVINCE_REVIEWER', jobTitle: 'Chuyên viên Sở Tư pháp tỉnh Quảng Ngãi' },
] as const;

export async function seedProvinceAccounts(tx: Tx, passwordHash: string) {
  for (const u of DEMO_PROVINCE_USERS) {
    if (await tx.user.findUnique({ where: { username: u.username } })) continue;
    await tx.user.create({ data: { wardId: null, username: u.username, fullName: u.fullName, jobTitle: u.jobTitle, role: u.role, passwordHash } });
  }
}
