import type { Logger } from 'pino';
import type { AppConfig } from './config/index.js';
import type { Db } from './db/client.js';
import type { FileStore } from './lib/uploads.js';
import type { Mailer } from './lib/mailer.js';

/**
 * What every feature's routes receive from createApp: the parsed config, the
 * database, the file store, the mailer and a clock (tests move time with it).
 */
export type AppContext = {
  config: AppConfig;
  db: Db;
  files: FileStore;
  mailer: Mailer;
  logger: Logger;
  now: () => Date;
};
