/**
 * Fills an empty database with the ward's real 2025 plan (shared/seed) and,
 * outside production, demo accounts, reports and drafts. Does nothing when the
 * ward already exists, so `npm start` can call it every time.
 */
import type { Db, Tx } from '../src/db/client.js';
import { hashPassword } from '../src/features/auth/index.js';
import { dayjs, TIME_ZONE } from '../src/lib/format.js';
import * as text from './seed-plan-text.js';
import { seedDemoPlanActivity } from './seed-demo-plan.js';
import { seedDemoDrafts } from './seed-demo-drafts.js';
import { seedSecondWard } from './seed-second-ward.js';
import { seedProvinceAccounts } from './seed-province.js';

/** `wardSlug`: the seed ward's slug (WARD_SLUG; empty — a province deployment — seeds it as SEED_WARD_SLUG). */
export type SeedOptions = { demo: boolean; wardSlug: string; now: Date };
export const SEED_WARD_SLUG = 'truong-quang-trong';

/** Demo accounts (never created in production); the README lists them. */
export const DEMO_PASSWORD = 'matkhau-demo-2025';
export const DEMO_USERS = [
  { username: 'quantri', fullName: 'Quản trị hệ thống', role: 'ADMIN', unit: 'UBND phường Trương Quang Trọng', jobTitle: 'Quản trị viên' },
  { username: 'tuphap', fullName: 'Nguyễn Văn Thanh', role: 'JUSTICE', unit: 'Công chức Tư pháp – Hộ tịch', jobTitle: 'Công chức Tư pháp – Hộ tịch' },
  { username: 'vanhoa', fullName: 'Lê Thị Hoa', role: 'UNIT', unit: 'Công chức Văn hóa – Xã hội', jobTitle: 'Công chức Văn hóa – Xã hội' },
  { username: 'vanphong', fullName: 'Phạm Minh Tuấn', role: 'UNIT', unit: 'Công chức Văn phòng – Thống kê', jobTitle: 'Công chức Văn phòng – Thống kê' },
  {
    username: 'mattran',
    fullName: 'Võ Thị Lan',
    role: 'UNIT',
    unit: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường',
    jobTitle: 'Chủ tịch Ủy ban MTTQ Việt Nam phường',
  },
  { username: 'tdp1', fullName: 'Trần Văn Bình', role: 'UNIT', unit: 'Tổ dân phố 1', jobTitle: 'Tổ trưởng Tổ dân phố 1' },
  { username: 'chutich', fullName: 'Trương Thanh Thảo', role: 'CHAIRMAN', unit: 'UBND phường Trương Quang Trọng', jobTitle: 'Chủ tịch UBND phường' },
] as const;

const ORGANISATIONS = ['Hội Liên hiệp Phụ nữ phường', 'Hội Cựu chiến binh phường', 'Hội Nông dân phường', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh phường'];
export const RESIDENTIAL_GROUPS = Array.from({ length: 8 }, (_, i) => `Tổ dân phố ${i + 1}`);

const UNITS: { name: string; shortName: string; kind: string }[] = [
  { name: 'UBND phường Trương Quang Trọng', shortName: 'UBND phường', kind: 'COMMITTEE' },
  { name: 'Cán bộ, công chức UBND phường', shortName: 'CB, CC phường', kind: 'COMMITTEE' },
  { name: 'Công chức Tư pháp – Hộ tịch', shortName: 'Tư pháp – Hộ tịch', kind: 'SPECIALIST' },
  { name: 'Công chức Văn hóa – Xã hội', shortName: 'Văn hóa – Xã hội', kind: 'SPECIALIST' },
  { name: 'Công chức Văn phòng – Thống kê', shortName: 'Văn phòng – Thống kê', kind: 'SPECIALIST' },
  { name: 'Thường trực Đảng ủy phường', shortName: 'TT Đảng ủy', kind: 'PARTY' },
  { name: 'Thường trực HĐND phường', shortName: 'TT HĐND', kind: 'COUNCIL' },
  { name: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường', shortName: 'Mặt trận', kind: 'FRONT' },
  ...ORGANISATIONS.map((name) => ({ name, shortName: name.replace(/ phường$/, ''), kind: 'ORGANISATION' })),
  ...RESIDENTIAL_GROUPS.map((name) => ({ name, shortName: name.replace('Tổ dân phố', 'TDP'), kind: 'RESIDENTIAL_GROUP' })),
  { name: 'Phòng Tư pháp thành phố Quảng Ngãi', shortName: 'Phòng Tư pháp TP', kind: 'EXTERNAL' },
  { name: 'UBND thành phố Quảng Ngãi', shortName: 'UBND TP', kind: 'EXTERNAL' },
  { name: 'UBND tỉnh Quảng Ngãi', shortName: 'UBND tỉnh', kind: 'EXTERNAL' },
  { name: 'Sở Tư pháp tỉnh Quảng Ngãi', shortName: 'Sở Tư pháp', kind: 'EXTERNAL' },
];

/** A calendar day in Vietnam time. */
export const vnDate = (iso: string) => dayjs.tz(iso, TIME_ZONE).toDate();

export async function seed(db: Db, opts: SeedOptions): Promise<boolean> {
  const slug = opts.wardSlug || SEED_WARD_SLUG;
  const existing = await db.ward.findUnique({ where: { slug } });
  if (existing) return false;
  const passwordHash = opts.demo ? await hashPassword(DEMO_PASSWORD) : '';

  await db.$transaction(
    async (tx) => {
      const ward = await tx.ward.create({
        data: {
          slug,
          name: 'Phường Trương Quang Trọng',
          placeName: 'Trương Quang Trọng',
          committeeName: 'Ủy ban nhân dân phường Trương Quang Trọng',
          parentBodyName: 'UBND thành phố Quảng Ngãi',
          address: 'Phường Trương Quang Trọng, tỉnh Quảng Ngãi', // the district level (thành phố Quảng Ngãi) ended on 01/07/2025
          phone: '0255 3000 000',
          email: 'ubnd.truongquangtrong@example.gov.vn',
        },
      });
      // The district level ended on 01/07/2025: until then the ward answered to the city, from then on to the province.
      await tx.wardSuperior.createMany({
        data: [
          {
            wardId: ward.id,
            validFrom: vnDate('2000-01-01'),
            validTo: vnDate('2025-07-01'),
            superiorCommittee: 'UBND thành phố Quảng Ngãi',
            justiceBody: 'Phòng Tư pháp thành phố Quảng Ngãi',
          },
          {
            wardId: ward.id,
            validFrom: vnDate('2025-07-01'),
            validTo: null,
            superiorCommittee: 'UBND tỉnh Quảng Ngãi',
            justiceBody: 'Sở Tư pháp tỉnh Quảng Ngãi',
          },
        ],
      });
      const units = new Map<string, string>();
      for (const [i, u] of UNITS.entries()) {
        const row = await tx.unit.create({ data: { ...u, wardId: ward.id, sortOrder: i + 1 } });
        units.set(u.name, row.id);
      }
      const unitId = (name: string) => {
        const id = units.get(name);
        if (!id) throw new Error(`seed: unknown unit ${name}`);
        return id;
      };

      const plan = await tx.plan.create({
        data: {
          wardId: ward.id,
          year: 2025,
          number: null, // the number is not legible in the extracted text of the signed document
          symbol: 'KH-UBND',
          title: text.PLAN_TITLE,
          issuingBody: 'ỦY BAN NHÂN DÂN PHƯỜNG TRƯƠNG QUANG TRỌNG',
          parentBody: 'UBND THÀNH PHỐ QUẢNG NGÃI',
          place: 'Trương Quang Trọng',
          issuedOn: null,
          signerName: 'Trương Thanh Thảo',
          signerTitle: 'CHỦ TỊCH',
          signerAuthority: '',
          preamble: text.PLAN_PREAMBLE,
          purpose: text.PLAN_PURPOSE,
          requirements: text.PLAN_REQUIREMENTS,
          implementation: text.PLAN_IMPLEMENTATION,
          funding: text.PLAN_FUNDING,
          closing: text.PLAN_CLOSING,
          archiveNote: 'VT, TP. Thanh',
          published: true,
          bases: {
            create: [
              {
                sortOrder: 1,
                number: '113/KH-UBND',
                issuedOn: vnDate('2022-07-19'),
                issuer: 'UBND tỉnh Quảng Ngãi',
                summary:
                  'Triển khai thực hiện Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật”',
              },
              {
                sortOrder: 2,
                number: '25/KH-UBND',
                issuedOn: vnDate('2025-02-11'),
                issuer: 'UBND thành phố Quảng Ngãi',
                summary:
                  'Thực hiện Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật” năm 2025 trên địa bàn thành phố Quảng Ngãi',
              },
            ],
          },
          recipients: {
            create: text.PLAN_RECIPIENTS.map((name, i) => ({ sortOrder: i + 1, name })),
          },
        },
      });

      const fronts = ['Ủy ban Mặt trận Tổ quốc Việt Nam phường', ...ORGANISATIONS];
      const taskUnits: Record<number, { lead: string[]; coordinate: string[] }> = {
        1: { lead: ['UBND phường Trương Quang Trọng', ...fronts, ...RESIDENTIAL_GROUPS], coordinate: ['Cán bộ, công chức UBND phường'] },
        2: {
          lead: ['Cán bộ, công chức UBND phường'],
          coordinate: ['Công chức Văn hóa – Xã hội', 'Công chức Tư pháp – Hộ tịch', 'Công chức Văn phòng – Thống kê', ...fronts, ...RESIDENTIAL_GROUPS],
        },
        3: { lead: ['Công chức Tư pháp – Hộ tịch'], coordinate: ['Cán bộ, công chức UBND phường', ...fronts, ...RESIDENTIAL_GROUPS] },
      };
      for (const t of text.PLAN_TASKS) {
        const timing =
          t.ordinal === 1
            ? { startsOn: vnDate('2025-01-01'), dueOn: vnDate('2025-12-31'), triggerDays: null }
            : t.ordinal === 2
              ? { startsOn: null, dueOn: null, triggerDays: 30 }
              : { startsOn: null, dueOn: vnDate('2025-12-31'), triggerDays: 30 };
        await tx.task.create({
          data: {
            planId: plan.id,
            ordinal: t.ordinal,
            content: t.content,
            leadNote: t.leadNote,
            coordinationNote: t.coordinationNote,
            timeframeKind: t.timeframeKind,
            timeframeText: t.timeframeText,
            ...timing,
            units: {
              create: [
                ...taskUnits[t.ordinal].lead.map((name) => ({ unitId: unitId(name), role: 'LEAD' })),
                ...taskUnits[t.ordinal].coordinate.map((name) => ({ unitId: unitId(name), role: 'COORDINATE' })),
              ],
            },
          },
        });
      }

      if (opts.demo) {
        for (const u of DEMO_USERS) {
          await tx.user.create({
            data: { wardId: ward.id, unitId: unitId(u.unit), username: u.username, fullName: u.fullName, jobTitle: u.jobTitle, role: u.role, passwordHash },
          });
        }
        await seedDemoData(tx, { wardId: ward.id, planId: plan.id, now: opts.now });
        // A second ward in the same deployment (/phuong/cam-thanh/), unless a ward of that name is the seed ward.
        if (slug !== 'cam-thanh') await seedSecondWard(tx, { passwordHash, now: opts.now });
        await seedProvinceAccounts(tx, passwordHash);
      }
    },
    { timeout: 60_000 },
  );
  return true;
}

/**
 * Demo reports, budgets, obstacles, drafts and comments. Each feature adds its
 * own demo rows in its own seed file, called from here.
 */
async function seedDemoData(tx: Tx, ctx: { wardId: string; planId: string; now: Date }) {
  await seedDemoPlanActivity(tx, ctx);
  await seedDemoDrafts(tx, ctx);
}

// `npm run db:seed`: seed the configured database if it is empty.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadConfig } = await import('../src/config/index.js');
  const { createDb } = await import('../src/db/client.js');
  const config = loadConfig();
  const db = await createDb(config.databaseUrl);
  const done = await seed(db, { demo: !config.isProduction, wardSlug: config.wardSlug, now: new Date() });
  console.log(done ? 'Seeded.' : 'The ward already exists; nothing to do.');
  await db.$disconnect();
}
