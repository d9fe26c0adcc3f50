/**
 * How long grouping similar comments takes for one draft with many comments
 * (default 100,000): 70 % distinct comments made of random Vietnamese syllables,
 * 30 % copies and light edits of 50 campaign texts.
 * Usage: npx tsx scripts/similarity-bench.ts [count]
 */
import { groupSimilar } from '../src/domain/similarity.js';
import { labelledSet } from '../tests/domain/similarity-testset.js';

const count = Number(process.argv[2] ?? 100_000);
let seed = 7;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const vocabulary = [
  ...new Set(
    labelledSet().flatMap((c) =>
      c.text
        .normalize('NFC')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ),
];
const sentence = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
const campaigns = Array.from({ length: 50 }, () => sentence(25));
const texts: string[] = [];
for (let i = 0; i < count; i++) {
  if (random() < 0.3) {
    const words = campaigns[Math.floor(random() * campaigns.length)].split(' ');
    if (random() < 0.5) words.splice(Math.floor(random() * words.length), 1);
    texts.push(words.join(' '));
  } else texts.push(sentence(10 + Math.floor(random() * 50)));
}
const started = performance.now();
const cpu = process.cpuUsage();
const groups = groupSimilar(texts);
const ms = performance.now() - started;
const cpuMs = process.cpuUsage(cpu).user / 1000;
const grouped = groups.reduce((n, g) => n + g.length, 0);
console.log(
  `${count.toLocaleString('en')} comments grouped in ${(ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s; the machine may be shared): ${groups.length} groups, ${grouped} comments in groups (largest ${Math.max(0, ...groups.map((g) => g.length))})`,
);
