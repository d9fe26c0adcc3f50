/**
 * Creates an officer account (the way to get accounts in production, where no
 * demo accounts exist). The password is read from OFFICER_PASSWORD or asked for.
 *
 *   npm run officer:create -- --username tuphap2 --name "Nguyễn Văn A" --role JUSTICE --unit "Công chức Tư pháp – Hộ tịch"
 *   npm run officer:create -- --username quantri-tinh --name "Nguyễn Văn B" --role SUPERADMIN
 *
 * SUPERADMIN and PROVINCE_REVIEWER are province accounts: they belong to no ward
 * (WARD_SLUG is not read) and sign in at /tinh/dang-nhap.
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { z } from 'zod';
import { loadConfig } from '../src/config/index.js';
import { createDb } from '../src/db/client.js';
import { PROVINCE_ROLES, ROLES } from '../src/domain/enums.js';
import { hashPassword } from '../src/features/auth/index.js';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string' },
    title: { type: 'string', default: '' },
    // Which ward (its slug): WARD_SLUG unless given; required in a province deployment (WARD_SLUG empty).
    ward: { type: 'string' },
  },
});

const args = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{3,40}$/, 'username: 3–40 lower-case letters, digits, . _ -'),
    name: z.string().min(2, 'name is required'),
    role: z.enum([...ROLES, ...PROVINCE_ROLES]),
    unit: z.string().optional(),
    title: z.string(),
    ward: z.string().optional(),
  })
  .safeParse(values);
if (!args.success) {
  console.error(args.error.issues.map((i) => i.message).join('\n'));
  console.error(
    'usage: npm run officer:create -- --username U --name "Full Name" --role ADMIN|JUSTICE|UNIT|CHAIRMAN|SUPERADMIN|PROVINCE_REVIEWER [--unit "Unit name"] [--title "Job title"] [--ward slug]',
  );
  process.exit(2);
}

let password = process.env.OFFICER_PASSWORD ?? '';
if (!password) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('Password (at least 10 characters): ');
  rl.close();
}
if (password.length < 10) {
  console.error('The password must have at least 10 characters.');
  process.exit(2);
}

const config = loadConfig();
const db = await createDb(config.databaseUrl);
const isProvince = (PROVINCE_ROLES as readonly string[]).includes(args.data.role);
if (isProvince && (args.data.unit || args.data.ward)) {
  console.error('A province account (SUPERADMIN, PROVINCE_REVIEWER) belongs to no ward and no unit: leave out --unit and --ward.');
  process.exit(2);
}
const wardSlug = args.data.ward ?? config.wardSlug;
const ward = !isProvince && wardSlug ? await db.ward.findUnique({ where: { slug: wardSlug } }) : null;
if (!isProvince && !ward) {
  console.error(`Ward "${wardSlug}" does not exist: run npm start (or npm run db:migrate && npm run db:seed) first.`);
  process.exit(1);
}
const unit = ward && args.data.unit ? await db.unit.findFirst({ where: { wardId: ward.id, name: args.data.unit } }) : null;
if (ward && args.data.unit && !unit) {
  console.error(`No unit named "${args.data.unit}" in ${ward.name}.`);
  process.exit(1);
}
if (await db.user.findUnique({ where: { username: args.data.username } })) {
  console.error(`The username "${args.data.username}" is taken.`);
  process.exit(1);
}
const user = await db.user.create({
  data: {
    wardId: ward?.id ?? null,
    unitId: unit?.id ?? null,
    username: args.data.username,
    fullName: args.data.name,
    role: args.data.role,
    jobTitle: args.data.title,
    passwordHash: await hashPassword(password),
  },
});
await db.auditLog.create({
  data: {
    wardId: ward?.id ?? null,
    action: 'user.create',
    entityType: 'User',
    entityId: user.id,
    after: JSON.stringify({ username: user.username, role: user.role, unit: unit?.name ?? null }),
  },
});
console.log(
  `Created ${user.role} account "${user.username}" for ${user.fullName}${ward ? ` in ${ward.name}` : ' (province level, signs in at /tinh/dang-nhap)'}.`,
);
await db.$disconnect();
