/**
 * Groups near-identical comments (copied texts, a campaign, a resident sending
 * twice) by the similarity of their Vietnamese text, in linear time.
 *
 * Text → NFC, lower case, letters and digits only → syllables (Vietnamese words
 * are space-separated syllables). Shingles are single syllables and syllable
 * pairs, diacritics kept ("mức thu" and "mực thủ" differ). Each text gets a
 * MinHash signature; locality-sensitive hashing over bands of the signature
 * proposes candidates, and a candidate joins a group only when the exact
 * Jaccard similarity of the two shingle sets reaches SIMILARITY_THRESHOLD.
 * Measured on the labelled set in tests/domain/similarity-testset.ts
 * (`npx tsx scripts/similarity-eval.ts`).
 */

/** Jaccard similarity of shingle sets from which two comments count as "the same content". */
export const SIMILARITY_THRESHOLD = 0.5;
/** Signature length = BANDS × ROWS. With 20 bands of 3 rows, a pair at Jaccard 0.5 is a candidate with p ≈ 0.93, at 0.4 with p ≈ 0.74. */
const BANDS = 20;
const ROWS = 3;
const SIGNATURE = BANDS * ROWS;
/** Within one LSH bucket a text is checked against at most this many representatives, so a 10,000-copy campaign stays linear. */
const MAX_REPRESENTATIVES = 8;

/** MurmurHash3's finaliser: a cheap, well-mixed permutation of 32-bit integers. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Whether a UTF-16 code unit belongs to a syllable: ASCII letters and digits,
 * and from U+00C0 on everything but × ÷, punctuation and symbol blocks
 * (U+2000–U+2BFF, U+3000–U+303F, full-width ASCII punctuation) and surrogates
 * (emoji). Vietnamese letters all lie in Latin-1, Latin Extended(-Additional).
 * A hand-written test instead of a /\p{L}/u regular expression: ten times faster.
 */
function isSyllableChar(c: number): boolean {
  if (c < 0xc0) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  if (c >= 0xff00 && c <= 0xff0f) return false;
  return true;
}

/**
 * The shingle set of a text as sorted, distinct 32-bit hashes: every syllable
 * and every pair of neighbouring syllables of the NFC, lower-case text, with
 * its diacritics; punctuation and spacing do not count. Hashes are computed
 * while scanning (FNV-1a per syllable, a pair from its two syllables' hashes),
 * so no strings are built per syllable.
 */
export function shingles(text: string): Uint32Array {
  return shingleSets(text).all;
}

/** All shingles, and the syllable pairs alone (what the LSH signature is built from). */
function shingleSets(text: string): { all: Uint32Array; pairs: Uint32Array } {
  const t = text.normalize('NFC').toLowerCase();
  const out = new Uint32Array(t.length + 1);
  const pairs = new Uint32Array(t.length + 1);
  let np = 0;
  let n = 0;
  let previous = -1;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 0x20;
    if (isSyllableChar(c)) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      const word = h >>> 0;
      out[n++] = word;
      if (previous >= 0) out[n++] = pairs[np++] = mix(Math.imul(previous, 0x2545f491) ^ word ^ 0x5bd1e995);
      previous = word;
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  const all = distinctSorted(out.subarray(0, n));
  // A one-syllable text has no pairs: its syllable stands in.
  return { all, pairs: np ? distinctSorted(pairs.subarray(0, np)) : all };
}

function distinctSorted(values: Uint32Array): Uint32Array {
  const sorted = values.sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  return sorted.slice(0, distinct);
}

/** Exact Jaccard similarity of two sorted hash sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

/**
 * One-permutation MinHash: each shingle is hashed once and kept in one of
 * SIGNATURE bins (the minimum per bin); empty bins borrow the next filled bin's
 * value (rotation densification), so two sets agree in a bin with probability
 * close to their Jaccard similarity at 1/SIGNATURE of the classic cost.
 */
function signature(set: Uint32Array, out: Uint32Array) {
  out.fill(0xffffffff);
  for (let s = 0; s < set.length; s++) {
    const h = mix(set[s] ^ 0x9e3779b9);
    const bin = h % SIGNATURE;
    const value = Math.floor(h / SIGNATURE);
    if (value < out[bin]) out[bin] = value;
  }
  for (let k = 0; k < SIGNATURE; k++) {
    if (out[k] !== 0xffffffff) continue;
    for (let step = 1; step < SIGNATURE; step++) {
      const from = out[(k + step) % SIGNATURE];
      if (from !== 0xffffffff && from < 0x7fffffff) {
        out[k] = from + 0x80000000 + step;
        break;
      }
    }
  }
}

class UnionFind {
  private parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  union(a: number, b: number) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Groups of indexes into `texts` whose content is the same or nearly the same
 * (groups of two or more, each sorted, in order of their first member).
 * Empty texts are never grouped.
 */
export function groupSimilar(texts: readonly string[], threshold = SIMILARITY_THRESHOLD): number[][] {
  const n = texts.length;
  const both = texts.map(shingleSets);
  const sets = both.map((b) => b.all);
  const uf = new UnionFind(n);
  const sig = new Uint32Array(SIGNATURE);
  const buckets = Array.from({ length: BANDS }, () => new Map<number, number[]>());
  for (let i = 0; i < n; i++) {
    if (sets[i].length === 0) continue;
    // Syllable pairs only: shared common syllables ("phí", "hộ") make random texts collide, shared pairs much less.
    signature(both[i].pairs, sig);
    for (let b = 0; b < BANDS; b++) {
      let key = b;
      for (let r = 0; r < ROWS; r++) key = mix(key ^ sig[b * ROWS + r]) ^ Math.imul(r + 1, 0x165667b1);
      const reps = buckets[b].get(key);
      if (!reps) {
        buckets[b].set(key, [i]);
        continue;
      }
      // Compare with the bucket's representatives; a text like none of them becomes one itself.
      let matched = false;
      for (const rep of reps) {
        if (uf.find(rep) === uf.find(i)) {
          matched = true;
          break;
        }
        if (jaccard(sets[rep], sets[i]) >= threshold) {
          uf.union(rep, i);
          matched = true;
          break;
        }
      }
      if (!matched && reps.length < MAX_REPRESENTATIVES) reps.push(i);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (sets[i].length === 0) continue;
    const root = uf.find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
