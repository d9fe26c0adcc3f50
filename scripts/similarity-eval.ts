/**
 * Precision and recall of the grouping of similar comments on the labelled set
 * (tests/domain/similarity-testset.ts), over pairs, at several thresholds.
 * Usage: npx tsx scripts/similarity-eval.ts
 */
import { SIMILARITY_THRESHOLD, groupSimilar } from '../src/domain/similarity.js';
import { labelledSet, scorePairs } from '../tests/domain/similarity-testset.js';

const items = labelledSet();
const clusters = new Set(items.map((i) => i.cluster)).size;
console.log(`${items.length} comments in ${clusters} content clusters`);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
for (const threshold of [0.3, 0.4, SIMILARITY_THRESHOLD, 0.6, 0.7]) {
  const s = scorePairs(
    items,
    groupSimilar(
      items.map((i) => i.text),
      threshold,
    ),
  );
  const kinds = Object.entries(s.recallByKind)
    .map(([k, v]) => `${k} ${v.found}/${v.of}`)
    .join(', ');
  const mark = threshold === SIMILARITY_THRESHOLD ? ' (used)' : '';
  console.log(
    `threshold ${threshold}${mark}: precision ${pct(s.precision)}, recall ${pct(s.recall)} (${s.truePairs} true pairs, ${s.predictedPairs} grouped); recall by kind: ${kinds}`,
  );
}
