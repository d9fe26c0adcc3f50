/**
 * `npm start`. Plain JavaScript, so it runs before anything is compiled.
 * - Regenerates the Prisma clients only when a schema is newer than them (not at every start).
 * - In production (NODE_ENV=production) runs the server compiled to dist/ by `npm run build`,
 *   building it first when a source file is newer than the last build: no TypeScript is
 *   transpiled while the portal starts or runs (issue 10).
 * - Otherwise (a newcomer's `npm start`) runs the TypeScript sources through tsx, as before.
 * `npm start` sets MALLOC_ARENA_MAX=2 (unless set): glibc gives each thread that allocates (V8's
 * GC and compiler workers, libuv's pool for zlib and argon2) its own malloc arena, up to 8 per core;
 * the idle server held 4 of them, ~29 MB. Two arenas: ~15 MB, the same page CPU (issue 10, README).
 * It also sets MALLOC_MMAP_THRESHOLD_=32768 (unless set): blocks of 32 kB and more (V8's compiler
 * zones, mostly) get pages of their own, given back when freed. With glibc's sliding threshold they
 * were carved from the heap and stayed there, freed but resident: ~30 MB less at start and after
 * the pages, the same CPU (docs/performance-log.md, "Memory given back").
 * `npm start` also gives node --v8-pool-size=1 (V8_POOL_SIZE overrides it): one V8 background thread instead of four.
 * On two cores the four competed with the main thread and the comment writer, and each of the compiler's 32 kB blocks
 * they gave back interrupted the other core (a TLB flush): comment intake +23 % in turns (README, Performance).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);
const newestIn = (dir, test) => {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestIn(p, test));
    else if (test(e.name)) newest = Math.max(newest, mtime(p));
  }
  return newest;
};
const run = (args) => execFileSync('npm', ['run', '--silent', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });

const schemas = Math.max(mtime('prisma/schema.prisma'), mtime('prisma/postgresql/schema.prisma'));
const clients = Math.min(mtime('src/generated/sqlite/client.ts'), mtime('src/generated/postgresql/client.ts'));
if (clients < schemas) run(['db:generate']);

if (process.env.NODE_ENV === 'production') {
  const stamp = 'dist/.built';
  const ts = (n) => n.endsWith('.ts');
  const sources = Math.max(
    newestIn('src', ts),
    newestIn('scripts', ts),
    newestIn('prisma', (n) => n.endsWith('.ts')),
    mtime('tsconfig.build.json'),
  );
  if (mtime(stamp) < sources) {
    console.log('Building the server (npm run build)…');
    run(['build']);
    fs.writeFileSync(stamp, new Date().toISOString());
  }
  await import(pathToFileURL(path.join(root, 'dist/scripts/start.js')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'scripts/start.ts')).href);
}
