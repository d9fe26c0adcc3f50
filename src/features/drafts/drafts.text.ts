/**
 * Splits the text of a draft into the parts residents comment on: chapters
 * (Chương), sections (Mục) and articles (Điều), found by their headings, the way
 * Vietnamese legal documents are laid out. Used both for the Markdown the
 * officer types and for the text extracted from an imported .docx.
 */
import type { SectionKind } from '../../domain/enums.js';
import { foldVietnamese } from '../../lib/text.js';

export type ParsedSection = { kind: SectionKind; key: string; label: string; heading: string; body: string };

export const MAX_TEXT_CHARS = 200_000;
export const MAX_SECTIONS = 400;

const CHAPTER = /^(?:Chương|CHƯƠNG)\s+([IVXLCDM]+|\d+)\b\s*[.:\-–—]?\s*(.*)$/u;
const SECTION = /^(?:Mục|MỤC)\s+([IVXLCDM]+|\d+)\b\s*[.:\-–—]?\s*(.*)$/u;
// "Điều 5." or "Điều 5:" — the period keeps "Điều 5 của Luật này …" in a body from being taken for a heading.
const ARTICLE = /^(?:Điều|ĐIỀU)\s+(\d+[a-zđ]?)\s*[.:]\s*(.*)$/u;

const isUpper = (s: string) => /\p{Lu}/u.test(s) && s === s.toUpperCase();

/** The heading candidate of a line: Markdown heading marks and bold removed. */
function headingText(line: string): { text: string; marked: boolean } {
  const trimmed = line.trim();
  const marked = /^#{1,6}\s/.test(trimmed);
  const text = trimmed
    .replace(/^#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .trim();
  return { text, marked };
}

export type Heading = { kind: SectionKind; number: string; rest: string };

export function matchHeading(line: string): Heading | null {
  const { text, marked } = headingText(line);
  let m = ARTICLE.exec(text);
  if (m) return { kind: 'ARTICLE', number: m[1], rest: m[2].trim() };
  // A chapter or section title is on the same line in capitals, or on the next line.
  m = CHAPTER.exec(text);
  if (m && (marked || m[2] === '' || isUpper(m[2]))) return { kind: 'CHAPTER', number: m[1], rest: m[2].trim() };
  m = SECTION.exec(text);
  if (m && (marked || m[2] === '' || isUpper(m[2]))) return { kind: 'SECTION', number: m[1], rest: m[2].trim() };
  return null;
}

export function splitDraftText(input: string): ParsedSection[] {
  // NFC first: a decomposed "Điều" would not match the heading patterns and the article would vanish into the one before.
  const lines = input.normalize('NFC').replace(/\r\n?/g, '\n').split('\n');
  const sections: ParsedSection[] = [];
  const used = new Set<string>();
  let chapterKey = '';
  let current: ParsedSection | null = null;
  const preamble: string[] = [];
  let body: string[] = [];

  const uniqueKey = (key: string) => {
    let k = key;
    for (let i = 2; used.has(k); i++) k = `${key}-${i}`;
    used.add(k);
    return k;
  };
  const flush = () => {
    if (current) {
      current.body = trimBlock(body);
      sections.push(current);
    }
    body = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const h = matchHeading(lines[i]);
    if (!h) {
      (current ? body : preamble).push(lines[i]);
      continue;
    }
    flush();
    let heading = h.rest;
    if (!heading && h.kind !== 'ARTICLE') {
      // "Chương I" then "NHỮNG QUY ĐỊNH CHUNG" on the next non-empty line.
      let j = i + 1;
      while (j < lines.length && lines[j].trim() === '') j++;
      if (j < lines.length && !matchHeading(lines[j]) && isUpper(headingText(lines[j]).text)) {
        heading = headingText(lines[j]).text;
        i = j;
      }
    }
    const number = h.kind === 'ARTICLE' ? h.number : h.number.toUpperCase();
    const slug = foldVietnamese(number).replace(/[^a-z0-9]+/g, '');
    if (h.kind === 'CHAPTER') {
      chapterKey = uniqueKey(`chuong-${slug}`);
      current = { kind: 'CHAPTER', key: chapterKey, label: `Chương ${number}`, heading, body: '' };
    } else if (h.kind === 'SECTION') {
      // Sections restart their numbering in every chapter.
      current = { kind: 'SECTION', key: uniqueKey(`${chapterKey ? `${chapterKey}-` : ''}muc-${slug}`), label: `Mục ${number}`, heading, body: '' };
    } else {
      current = { kind: 'ARTICLE', key: uniqueKey(`dieu-${slug}`), label: `Điều ${number}`, heading: heading.replace(/\.$/, ''), body: '' };
    }
  }
  flush();
  const intro = trimBlock(preamble);
  if (intro) sections.unshift({ kind: 'PREAMBLE', key: 'phan-mo-dau', label: 'Phần mở đầu', heading: '', body: intro });
  return sections;
}

function trimBlock(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The folded text a section is found by. */
export function sectionSearchText(s: { label: string; heading: string; body: string }): string {
  return foldVietnamese(`${s.label} ${s.heading} ${s.body}`);
}

/** Rebuilds editable Markdown from stored sections (to edit the working version). */
export function joinSections(sections: { kind: string; label: string; heading: string; body: string }[]): string {
  return sections
    .map((s) => {
      if (s.kind === 'PREAMBLE') return s.body;
      const mark = s.kind === 'CHAPTER' ? '#' : s.kind === 'SECTION' ? '##' : '###';
      const title = s.kind === 'ARTICLE' ? `${s.label}. ${s.heading}` : s.heading ? `${s.label}. ${s.heading}` : s.label;
      return `${mark} ${title.trim()}\n\n${s.body}`.trim();
    })
    .join('\n\n');
}
