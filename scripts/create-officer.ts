/**
 * Creates an officer account (the way to get accounts in production, where no
 * demo accounts exist). The password is read from OFFICER_PASSWORD or asked for.
 *
 *   npm run officer:create -- --username tuphap2 --name "Nguyễn Văn A" --role JUSTICE --unit "Công chức Tư pháp – Hộ tịch"
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { z } from 'zod';
import { loadConfig } from '../src/config/index.js';
import { createDb } from '../src/db/client.js';
import { ROLES } from '../src/domain/enums.js';
import { hashPassword } from '../src/features/auth/index.js';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string' },
    title: { type: 'string', default: '' },
  },
});

const args = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{3,40}$/, 'username: 3–40 lower-case letters, digits, . _ -'),
    name: z.string().min(2, 'name is required'),
    role: z.enum(ROLES),
    unit: z.string().optional(),
    title: z.string(),
  })
  .safeParse(values);
if (!args.success) {
  console.error(args.error.issues.map((i) => i.message).join('\n'));
  console.error(
    'usage: npm run officer:create -- --username U --name "Full Name" --role ADMIN|JUSTICE|UNIT|CHAIRMAN [--unit "Unit name"] [--title "Job title"]',
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
const ward = await db.ward.findUnique({ where: { slug: config.wardSlug } });
if (!ward) {
  console.error(`Ward "${config.wardSlug}" does not exist: run npm start (or npm run db:migrate && npm run db:seed) first.`);
  process.exit(1);
}
const unit = args.data.unit ? await db.unit.findFirst({ where: { wardId: ward.id, name: args.data.unit } }) : null;
if (args.data.unit && !unit) {
  console.error(`No unit named "${args.data.unit}" in ${ward.name}.`);
  process.exit(1);
}
const user = await db.user.create({
  data: {
    wardId: ward.id,
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
    wardId: ward.id,
    action: 'user.create',
    entityType: 'User',
    entityId: user.id,
    after: JSON.stringify({ username: user.username, role: user.role, unit: unit?.name ?? null }),
  },
});
console.log(`Created ${user.role} account "${user.username}" for ${user.fullName}.`);
await db.$disconnect();
