/** The boundary check run by `npm test` finds what it promises to find, and the real tree is clean. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoundaries } from '../../scripts/check-boundaries.js';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-boundaries-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('the feature boundary check', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  it('passes the code base as it is', () => {
    expect(checkBoundaries(process.cwd())).toEqual([]);
  });

  it('reports a feature reaching into another, a helper depending on a feature, a script bypassing a face, and a loop', () => {
    const root = tree({
      'src/features/a/index.ts': "export { a } from './a.service.js';\n",
      'src/features/a/a.service.ts': "import { b } from '../b/b.service.js';\nexport const a = () => b();\n",
      'src/features/b/index.ts': "export { b } from './b.service.js';\n",
      'src/features/b/b.service.ts': "import { a } from '../a/index.js';\nexport const b = () => 1;\nexport const c = a;\n",
      'src/lib/helper.ts': "import type { a } from '../features/a/index.js';\nexport type A = typeof a;\n",
      'scripts/job.ts': "const m = await import('../src/features/b/b.service.js');\nm.b();\n",
      'src/features/c/c.ts': "import { a } from '../a/index.js';\nexport const c = a;\n",
    });
    roots.push(root);
    const problems = checkBoundaries(root);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("src/features/a/a.service.ts imports src/features/b/b.service.ts: another feature's insides"),
        expect.stringContaining('src/lib/helper.ts imports src/features/a/index.ts: src/lib must not depend on a feature'),
        expect.stringContaining("scripts/job.ts imports src/features/b/b.service.ts: outside the features, use the feature's face"),
        expect.stringContaining('import loop between features: a → b'),
      ]),
    );
    // c imports a's face and nothing imports c: that is allowed.
    expect(problems.filter((p) => p.startsWith('src/features/c/'))).toEqual([]);
    expect(problems).toHaveLength(4);
  });
});
