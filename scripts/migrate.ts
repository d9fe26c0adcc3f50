/** Applies the committed migrations to DATABASE_URL (SQLite by default) with `prisma migrate deploy`. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { loadConfig } from '../src/config/index.js';

export function migrate(databaseUrl: string, dataDir?: string) {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  migrate(config.databaseUrl, config.dataDir);
  console.log(`Database migrated (${config.databaseKind}).`);
}
