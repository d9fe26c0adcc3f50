/**
 * The feature boundaries, checked on every `npm test` (see ARCHITECTURE.md):
 * 1. code in src/features/<a>/ imports another feature only through its public
 *    face, src/features/<b>/index.ts;
 * 2. src/lib, src/domain, src/middleware, src/db and src/config import no feature;
 * 3. the rest of src/, scripts/ and prisma/ use faces too (tests may reach inside:
 *    they test a feature's parts);
 * 4. no loop between feature folders (a imports b imports … a).
 * Imports are read from the source text (static, dynamic and `export … from`),
 * which is all this code base uses; dependency-cruiser would need the
 * TypeScript compiler API, which TypeScript 7 (tsgo) does not ship.
 * Exits 1 and lists every problem; `--quiet` prints nothing when all is well.
 */
import fs from 'node:fs';
import path from 'node:path';

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
const FEATURES = 'src/features';
const NO_FEATURES = ['src/lib', 'src/domain', 'src/middleware', 'src/db', 'src/config'];

function sourceFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' || e.name === 'node_modules' ? [] : sourceFiles(root, rel);
    return /\.(ts|mts|mjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The project-relative file an import names (`.js` in a specifier stands for the `.ts` source), or null for a package. */
function resolveImport(root: string, from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, `${target}/index.ts`]) {
    if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  return target;
}

/** The feature folder a file belongs to (`src/features/<name>/…`), or null. */
function featureOf(file: string): string | null {
  const m = /^src\/features\/([^/]+)\//.exec(file);
  return m ? m[1] : null;
}

const isFace = (file: string) => /^src\/features\/[^/]+\/index\.ts$/.test(file) || file === 'src/features/index.ts';

export function checkBoundaries(root: string): string[] {
  const problems: string[] = [];
  const edges = new Map<string, Map<string, string>>(); // feature → feature → one file that makes the edge
  const files = ['src', 'scripts', 'prisma'].flatMap((d) => sourceFiles(root, d));
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const from = featureOf(file);
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveImport(root, file, m[1] ?? m[2] ?? m[3]);
      if (!target?.startsWith(`${FEATURES}/`)) continue;
      const to = featureOf(target);
      if (from && to && from !== to) {
        if (!isFace(target)) problems.push(`${file} imports ${target}: another feature's insides (import from ${FEATURES}/${to}/index.ts)`);
        const out = edges.get(from) ?? new Map<string, string>();
        if (!out.has(to)) out.set(to, file);
        edges.set(from, out);
      } else if (!from && NO_FEATURES.some((d) => file.startsWith(`${d}/`))) {
        problems.push(`${file} imports ${target}: ${file.split('/').slice(0, 2).join('/')} must not depend on a feature`);
      } else if (!from && !isFace(target)) {
        problems.push(`${file} imports ${target}: outside the features, use the feature's face (${FEATURES}/${to ?? '…'}/index.ts)`);
      }
    }
  }
  problems.push(...featureLoops(edges));
  return problems;
}

/** Every loop between feature folders, each reported once with the files that close it. */
function featureLoops(edges: Map<string, Map<string, string>>): string[] {
  const loops = new Set<string>();
  const visit = (node: string, trail: string[]) => {
    for (const next of edges.get(node)?.keys() ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) {
        const loop = [...trail.slice(at), next];
        const start = loop.slice(0, -1).reduce((best, f, i) => (f < loop[best] ? i : best), 0);
        const canonical = [...loop.slice(start, -1), ...loop.slice(0, start), loop[start]];
        const via = canonical.slice(0, -1).map((f, i) => `${f} → ${canonical[i + 1]} (${edges.get(f)?.get(canonical[i + 1])})`);
        loops.add(`import loop between features: ${via.join(', ')}`);
      } else if (trail.length < 12) visit(next, [...trail, next]);
    }
  };
  for (const start of edges.keys()) visit(start, [start]);
  return [...loops].sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = checkBoundaries(process.cwd());
  if (problems.length) {
    console.error(`Feature boundaries: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  if (!process.argv.includes('--quiet')) console.log('Feature boundaries: every cross-feature import goes through a public face; no loops.');
}
