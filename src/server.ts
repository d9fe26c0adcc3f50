import { pino } from 'pino';
import { createApp } from './app.js';
import { loadConfig } from './config/index.js';
import { createDb } from './db/client.js';
import { FileStore } from './lib/uploads.js';
import { createMailer } from './lib/mailer.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const logger = pino({ level: config.logLevel });
const db = await createDb(config.databaseUrl);
const app = createApp({
  config,
  db,
  logger,
  files: new FileStore(config.uploadDir),
  mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, baseUrl: config.baseUrl, mailDir: config.mailDir }),
  now: () => new Date(),
});
const server = app.listen(config.port, config.host, () => {
  // The port really bound (PORT=0 picks a free one), not the default.
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  const local = `http://localhost:${port}`;
  const publicNote = config.baseUrl === `http://localhost:${config.port}` ? '' : `; địa chỉ công khai (BASE_URL): ${config.baseUrl}`;
  logger.info(`Cổng thông tin đang chạy tại ${local}${publicNote} (cơ sở dữ liệu: ${config.databaseKind})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => void db.$disconnect().then(() => process.exit(0)));
  });
}
