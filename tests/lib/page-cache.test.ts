/**
 * The memory of kept public pages (src/lib/page-cache.ts) is bounded by bytes as well as by count:
 * a crawler walking every comment page of a big draft cannot grow the server past the budget, and
 * the pages residents actually read (the least recently used go first) stay kept.
 */
import { describe, expect, it } from 'vitest';
import { holeMarker, PageCache } from '../../src/lib/page-cache.js';

const KB = 1024;
const now = new Date('2026-11-30T10:00:00Z');
const later = new Date('2026-12-01T00:00:00Z');
/** A page of about `kb` kilobytes whose text names it. */
const page = (name: string, kb: number) => `<h1>${name}</h1>${'ý kiến '.repeat((kb * KB) / 10)}`;

describe('PageCache byte budget', () => {
  it('keeps pages until the budget is spent, then lets the least recently read go first', () => {
    const cache = new PageCache(500, 250 * KB); // room for four pages of ~51 KB
    for (let i = 1; i <= 3; i++) cache.set(`trang=${i}`, 's1', later, page(`Trang ${i}`, 50));
    expect(cache.size).toBe(3);
    // Page 1 is read again (the draft's first page, what residents open): it becomes the most recent.
    expect(cache.get('trang=1', 's1', now)?.body.toString()).toContain('Trang 1');

    // A crawler goes on: pages 4, 5 and 6 come in, the oldest unread pages go out.
    for (let i = 4; i <= 6; i++) cache.set(`trang=${i}`, 's1', later, page(`Trang ${i}`, 50));
    expect(cache.heldBytes).toBeLessThanOrEqual(250 * KB);
    expect(cache.size).toBe(4);
    expect(cache.get('trang=2', 's1', now)).toBeNull();
    expect(cache.get('trang=3', 's1', now)).toBeNull();
    expect(cache.get('trang=1', 's1', now)?.body.toString()).toContain('Trang 1');
    expect(cache.get('trang=6', 's1', now)?.body.toString()).toContain('Trang 6');
  });

  it('sends a page larger than the whole budget without keeping it', () => {
    const cache = new PageCache(500, 100 * KB);
    cache.set('small', 's1', later, page('Nhỏ', 20));
    const huge = cache.set('huge', 's1', later, page('Rất lớn', 300));
    expect(huge.body.toString()).toContain('Rất lớn');
    expect(cache.get('huge', 's1', now)).toBeNull();
    expect(cache.get('small', 's1', now)).not.toBeNull();
  });

  it('counts a form page kept with holes, and gives its bytes back when the page is replaced or stale', () => {
    const cache = new PageCache(500, 1024 * KB);
    cache.set('form', 's1', later, `${page('Góp ý', 30)}<input name="_csrf" value="${holeMarker('csrf')}">`, undefined, ['csrf']);
    const held = cache.heldBytes;
    expect(held).toBeGreaterThan(30 * KB);
    cache.set('form', 's1', later, page('Góp ý', 10)); // rendered again at a new size: counted once
    expect(cache.heldBytes).toBeLessThan(held);
    expect(cache.get('form', 's2', now)).toBeNull(); // the stamp moved: dropped
    expect(cache.heldBytes).toBe(0);
  });
});
