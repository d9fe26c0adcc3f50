/**
 * Writes prisma/postgresql/schema.prisma from prisma/schema.prisma (SQLite).
 * The models are the same; only the generator output and datasource differ.
 * Run `npm run db:schema` after editing prisma/schema.prisma, then create
 * migrations for both databases (see README, "Changing the database").
 */
import fs from 'node:fs';

const source = fs.readFileSync('prisma/schema.prisma', 'utf8');
const header = `// GENERATED from prisma/schema.prisma by scripts/sync-pg-schema.ts: do not edit by hand.\n`;
const pg = source
  .replace(/^\/\/ SQLite schema[\s\S]*?\n\n/, '')
  .replace('output     = "../src/generated/sqlite"', 'output     = "../../src/generated/postgresql"')
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace(/url\s+= "file:[^"]*"/, 'url      = env("DATABASE_URL")');
fs.mkdirSync('prisma/postgresql', { recursive: true });
fs.writeFileSync('prisma/postgresql/schema.prisma', header + pg);
console.log('wrote prisma/postgresql/schema.prisma');
