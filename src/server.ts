import { pino } from 'pino';
import { createApp } from './app.js';
import type { AppContext } from './context.js';
import { scheduledJobs } from './features/index.js';
import { startScheduler } from './lib/scheduler.js';
import { type AppConfig, loadConfig } from './config/index.js';
import { createDb } from './db/client.js';
import { createFileStore } from './lib/file-store.js';
import { withWardScope } from './db/scoped-client.js';
import { createMailer } from './lib/mailer.js';

let config: AppConfig;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
// In production the log lines (one per request) are written in batches of about 4 KB, at least once a
// second, instead of one write system call per line; pino flushes what is left when the process exits.
const logger = config.isProduction
  ? pino({ level: config.logLevel }, pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }))
  : pino({ level: config.logLevel });
// The app and its scheduled jobs use the ward-scoped access layer (jobs say runInWard/acrossWards).
const db = withWardScope(await createDb(config.databaseUrl, config.dbTimeouts));
const ctx: AppContext = {
  config,
  db,
  logger,
  files: createFileStore(config, db),
  mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, baseUrl: config.baseUrl, mailDir: config.mailDir }),
  now: () => new Date(),
};
const app = createApp(ctx);
// Scheduled jobs (contact-details retention …): every process runs the scheduler;
// a lease row in the database makes each run happen once across processes.
const scheduler = startScheduler(ctx, scheduledJobs);
const server = app.listen(config.port, config.host, (err?: Error) => {
  if (err) {
    // Express 5 hands a failed listen (the port taken by another server, or not allowed) to this callback. Carrying
    // on would leave a process that runs its jobs and answers nothing, which a supervisor never restarts.
    console.error(`Không mở được cổng ${config.port} trên ${config.host} (could not listen): ${err.message}`);
    void scheduler.stop().finally(() => process.exit(1));
    return;
  }
  // The port really bound (PORT=0 picks a free one), not the default.
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  const local = `http://localhost:${port}`;
  const publicNote = config.baseUrl === `http://localhost:${config.port}` ? '' : `; địa chỉ công khai (BASE_URL): ${config.baseUrl}`;
  logger.info(`Cổng thông tin đang chạy tại ${local}${publicNote} (cơ sở dữ liệu: ${config.databaseKind})`);
  // Whoever asked for any free port (the tests' app processes) reads the one bound here, whatever the log level:
  // picking a free port beforehand races with every other server started meanwhile.
  if (config.port === 0) process.stdout.write(`LISTENING PORT=${port}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(
      () =>
        void scheduler
          .stop()
          .then(() => db.$disconnect())
          .then(() => process.exit(0)),
    );
  });
}
