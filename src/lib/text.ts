/**
 * Folds Vietnamese text for search: lower case, no diacritics, "đ" → "d",
 * so "dat dai" finds "đất đai" and "truong quang trong" finds "Trương Quang Trọng".
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits a folded query into words, for matching every word anywhere in the text. */
export function searchTerms(query: string): string[] {
  return foldVietnamese(query)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** Strips characters that LIKE treats specially, so user input matches literally. */
export function escapeLike(term: string): string {
  return term.replace(/[%_\\]/g, '');
}

/** A short slug-free excerpt of plain text, cut at a word boundary. */
export function excerpt(text: string, max = 200): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max)}…`;
}

/**
 * Composes text to Unicode NFC. Unikey's "Unicode tổ hợp" and some macOS input
 * methods send decomposed letters ("Đ" + "i" + "ê" + U+0300 …): left so, "Điều"
 * is not recognised as a heading, searches and duplicates miss, and two equal
 * words are stored differently. Walks arrays and plain objects (form bodies).
 */
export function toNFC<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => toNFC(v)) as T;
  if (value && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toNFC(v);
    return out as T;
  }
  return value;
}
