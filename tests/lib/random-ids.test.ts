import { describe, expect, it } from 'vitest';
import { randomBase36, randomId } from '../../src/lib/signing.js';

// The ids come from a pool of random bytes refilled 4 kB at a time: across many refills no id may repeat
// (a byte handed out twice, or a refill that did not happen, would show as repeats), and each keeps its form.
describe('random ids from the pool', () => {
  it('gives 20,000 distinct base64url ids of the asked length, across several refills of the pool', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => randomId(i % 2 ? 18 : 24));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, id] of ids.entries()) expect(id).toMatch(i % 2 ? /^[A-Za-z0-9_-]{24}$/ : /^[A-Za-z0-9_-]{32}$/);
  });

  it('gives distinct base-36 strings whose symbols are spread over the whole alphabet', () => {
    const ids = Array.from({ length: 10_000 }, () => randomBase36(16));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{16}$/);
    const seen = new Map<string, number>();
    for (const ch of ids.join('')) seen.set(ch, (seen.get(ch) ?? 0) + 1);
    expect(seen.size).toBe(36);
    // 160,000 symbols: a byte modulo 36 gives 0–3 eight chances in 256 (~5,000 each), the rest seven (~4,375).
    for (const n of seen.values()) expect(n).toBeGreaterThan(3_500);
  });

  it('asks the system for a long id directly, not from the pool', () => {
    expect(randomId(300)).toMatch(/^[A-Za-z0-9_-]{400}$/);
  });
});
