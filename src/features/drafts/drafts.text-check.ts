/**
 * Warnings shown with the preview of a draft's text, before the officer saves:
 * numbering that skips or repeats (Điều 2 → Điều 4, two "Điều 3"), and lines
 * that look like a heading but were not recognised, so their text silently went
 * into the part before. Residents can comment only on what the split found.
 */
import { createHash } from 'node:crypto';
import { matchHeading, type ParsedSection } from './drafts.text.js';

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

function romanToInt(s: string): number | null {
  if (!/^[IVXLCDM]+$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]];
    total += i + 1 < s.length && ROMAN[s[i + 1]] > v ? -v : v;
  }
  return total;
}

/** The number of a heading ("3", "IV"), or null for numbers like "5a" that amendments use. */
function headingNumber(label: string): number | null {
  const n = label.split(' ').slice(1).join(' ');
  if (/^\d+$/.test(n)) return Number(n);
  return romanToInt(n);
}

const NAMES = { ARTICLE: 'điều', CHAPTER: 'chương', SECTION: 'mục' } as const;
type Numbered = keyof typeof NAMES;

function sequenceWarnings(kind: Numbered, labels: string[]): string[] {
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (const l of labels) seen.set(l, (seen.get(l) ?? 0) + 1);
  for (const [label, count] of seen) if (count > 1) warnings.push(`${label} xuất hiện ${count} lần: kiểm tra số thứ tự ${NAMES[kind]}.`);
  let prev: { label: string; n: number } | null = null;
  for (const label of labels) {
    const n = headingNumber(label);
    if (n === null) continue;
    const word = label.split(' ')[0];
    if (!prev && n !== 1) warnings.push(`${capital(NAMES[kind])} đầu tiên là ${label}, không phải ${word} ${kind === 'CHAPTER' ? 'I' : '1'}.`);
    if (prev && n > prev.n + 1) {
      const missing =
        n - prev.n === 2
          ? `thiếu ${numberLabel(kind, word, prev.n + 1)}`
          : `thiếu ${numberLabel(kind, word, prev.n + 1)} đến ${numberLabel(kind, word, n - 1)}`;
      warnings.push(`Số thứ tự ${NAMES[kind]} bị nhảy: sau ${prev.label} là ${label} (${missing}).`);
    }
    if (prev && n < prev.n) warnings.push(`Số thứ tự ${NAMES[kind]} bị lùi: sau ${prev.label} là ${label}.`);
    prev = { label, n };
  }
  return warnings;
}

function numberLabel(kind: Numbered, word: string, n: number): string {
  return `${word} ${kind === 'CHAPTER' ? toRoman(n) : n}`;
}

function toRoman(n: number): string {
  const parts: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, r] of parts)
    while (n >= v) {
      out += r;
      n -= v;
    }
  return out;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// "dieu 3.", "điều 3", "Điều3 Phạm vi", "Chương II. Quy định chung" (title not in capitals), "## Muc 2 …".
const LOOKS_LIKE = /^(điều|dieu|chương|chuong|mục|muc)\s*(\d+[a-zđ]?|[IVXLCDM]+)(?![\p{L}\p{N}])\s*(.*)$/iu;

/** Why a heading-like line was not taken, with the form that would be. */
function unplacedHint(word: string): string {
  const w = word.toLowerCase();
  if (w.startsWith('đi') || w.startsWith('di')) return 'viết đúng dạng “Điều 3. Tên điều” (chữ Đ hoa, có dấu, dấu chấm sau số)';
  if (w.startsWith('ch')) return 'viết đúng dạng “Chương II. TÊN CHƯƠNG” (tên chương viết hoa) hoặc đặt tên chương ở dòng sau';
  return 'viết đúng dạng “Mục 1. TÊN MỤC” (tên mục viết hoa) hoặc đặt tên mục ở dòng sau';
}

function unplacedWarnings(text: string): string[] {
  const warnings: string[] = [];
  let where = 'Phần mở đầu';
  text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw
        .trim()
        .replace(/^#{1,6}\s+/, '')
        .replace(/\*\*|__/g, '')
        .trim();
      const h = matchHeading(raw);
      if (h) {
        where = `${{ ARTICLE: 'Điều', CHAPTER: 'Chương', SECTION: 'Mục' }[h.kind as Numbered] ?? ''} ${h.kind === 'ARTICLE' ? h.number : h.number.toUpperCase()}`;
        return;
      }
      const m = LOOKS_LIKE.exec(line);
      if (!m) return;
      const [, word, number, rest] = m;
      if (!/^\d/.test(number) && number !== number.toUpperCase()) return;
      // "Điều 5 của Luật này …" in a body is a reference, not a heading; a heading goes on with punctuation, a capital or nothing.
      const headingLike = /^#/.test(raw.trim()) || rest === '' || /^[.:\-–—]/.test(rest) || /^\p{Lu}/u.test(rest);
      if (!headingLike) return;
      const shown = line.length > 80 ? `${line.slice(0, 80)}…` : line;
      warnings.push(`Dòng ${i + 1} “${shown}” trông như tiêu đề nhưng không được nhận ra, nên đang nằm trong nội dung của ${where}: ${unplacedHint(word)}.`);
    });
  return warnings;
}

/** Every warning about a split text, in Vietnamese, unplaced headings first (they explain the gaps). */
export function draftTextWarnings(text: string, sections: ParsedSection[]): string[] {
  const labels = (kind: Numbered) => sections.filter((s) => s.kind === kind).map((s) => s.label);
  // Sections (Mục) restart in every chapter: check them chapter by chapter.
  const sectionGroups: string[][] = [[]];
  for (const s of sections) {
    if (s.kind === 'CHAPTER') sectionGroups.push([]);
    if (s.kind === 'SECTION') sectionGroups[sectionGroups.length - 1].push(s.label);
  }
  return [
    ...unplacedWarnings(text),
    ...sequenceWarnings('CHAPTER', labels('CHAPTER')),
    ...sectionGroups.flatMap((g) => sequenceWarnings('SECTION', g)),
    ...sequenceWarnings('ARTICLE', labels('ARTICLE')),
  ];
}

/** Fingerprint of the text the officer was warned about: saving that same text again goes through. */
export function warnedTextStamp(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').replace(/\r\n?/g, '\n').trim()).digest('hex').slice(0, 32);
}
