/**
 * `npm run backup -- <folder>`: a consistent copy of the database and the
 * uploaded files, with a manifest of sha256 sums (src/lib/backup.ts). Safe
 * while the portal runs. Schedule it with cron (see README).
 */
import { loadConfig } from '../src/config/index.js';
import { backup, BackupError } from '../src/lib/backup.js';

const folder = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!folder) {
  console.error('usage: npm run backup -- <folder>   (a new or empty folder)');
  process.exit(2);
}
try {
  const manifest = await backup(loadConfig(), folder);
  const bytes = manifest.files.reduce((s, f) => s + f.bytes, 0);
  console.log(
    `Backup written to ${folder}: ${manifest.databaseKind} database and ${manifest.files.filter((f) => f.path.startsWith('uploads/')).length} uploaded files (${bytes} bytes).`,
  );
} catch (err) {
  console.error(err instanceof BackupError ? err.message : err);
  process.exit(1);
}
