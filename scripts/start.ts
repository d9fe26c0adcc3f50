/**
 * `npm start`: one command from an empty folder to a running portal.
 * Migrates the database (when a committed migration is not yet applied), fills an empty one with the ward's plan (and, outside
 * production, the demo accounts and drafts), then listens. It will not create
 * a new database where DATA_DIR says one existed (see src/lib/deployment.ts).
 */
import { type AppConfig, loadConfig } from '../src/config/index.js';
import { migrateIfBehind } from './migrate.js';
import { createDb } from '../src/db/client.js';
import { seed } from '../prisma/seed.js';
import { recordDeployment, redact, refuseNewDatabase } from '../src/lib/deployment.js';

let config: AppConfig;
try {
  config = loadConfig();
} catch (err) {
  // Fail fast with the reason only (for example a missing SESSION_SECRET in production).
  console.error((err as Error).message);
  process.exit(1);
}
let refusal: string | null;
try {
  refusal = await refuseNewDatabase(config);
} catch (err) {
  // The first contact with the database: an unreachable server gets one readable line, not a stack trace.
  console.error(`Không kết nối được cơ sở dữ liệu (database unreachable) at ${redact(config.databaseUrl)}: ${(err as Error).message}`);
  process.exit(1);
}
if (refusal) {
  console.error(refusal);
  process.exit(1);
}
const notMigrated = await migrateIfBehind(config.databaseUrl, config.dataDir);
if (notMigrated) {
  console.error(notMigrated);
  process.exit(1);
}
const db = await createDb(config.databaseUrl);
const seeded = await seed(db, { demo: !config.isProduction, wardSlug: config.wardSlug, now: new Date() });
if (seeded) console.log(`Empty database filled with the seed plan${config.isProduction ? '.' : ' and demo accounts (see README).'}`);
const mismatch = await recordDeployment(config, db, new Date());
await db.$disconnect();
if (mismatch) {
  console.error(mismatch);
  process.exit(1);
}
await import('../src/server.js');
