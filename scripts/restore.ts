/**
 * `npm run restore -- <folder> [--force]`: brings a backup back into
 * DATABASE_URL and DATA_DIR (src/lib/backup.ts). Stop the portal first. An
 * existing database or uploads are replaced only with --force.
 */
import { loadConfig } from '../src/config/index.js';
import { BackupError, restore } from '../src/lib/backup.js';

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith('-'));
if (!folder) {
  console.error('usage: npm run restore -- <folder> [--force]');
  process.exit(2);
}
try {
  const config = loadConfig();
  const manifest = await restore(config, folder, { force: args.includes('--force') });
  console.log(
    `Restored the backup of ${manifest.createdAt} into ${config.databaseKind === 'sqlite' ? config.databaseUrl : 'DATABASE_URL'} and ${config.uploadDir}.`,
  );
} catch (err) {
  console.error(err instanceof BackupError ? err.message : err);
  process.exit(1);
}
