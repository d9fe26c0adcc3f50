/**
 * One app process for the retention race test: connects to DATABASE_URL, prints
 * "ready", waits for a line on stdin (so two such processes start their claim
 * together), runs the due jobs once at the fixed time NOW as runner RUNNER, and
 * prints what ran as JSON.
 */
import { pino } from 'pino';
import { loadConfig } from '../../../src/config/index.js';
import type { AppContext } from '../../../src/context.js';
import { createDb } from '../../../src/db/client.js';
import { scheduledJobs } from '../../../src/features/index.js';
import { createMailer } from '../../../src/lib/mailer.js';
import { runDueJobs } from '../../../src/lib/scheduler.js';
import { createFileStore } from '../../../src/lib/file-store.js';

const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' } as Record<string, string>);
const db = await createDb(config.databaseUrl);
const now = new Date(process.env.NOW!);
const ctx: AppContext = {
  config,
  db,
  logger: pino({ level: 'silent' }),
  files: createFileStore(config, db),
  mailer: createMailer({ from: config.mailFrom, baseUrl: config.baseUrl, mailDir: config.mailDir }),
  now: () => now,
};
await db.jobLock.count(); // connected before the start signal
process.stdout.write('ready\n');
await new Promise((r) => process.stdin.once('data', r));
const runs = await runDueJobs(ctx, scheduledJobs, process.env.RUNNER!);
process.stdout.write(`${JSON.stringify(runs)}\n`);
process.stdin.destroy();
await db.$disconnect();
