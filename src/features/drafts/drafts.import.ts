/**
 * Importing the text of a draft from a Word (.docx) file. The file is checked by
 * its bytes first; mammoth then reads the document's paragraphs and tables, which
 * are turned into lines (keeping line breaks inside a paragraph and the breaks
 * between table cells), stripped of the letterhead and the signature block, and
 * split into chapters and articles by the same rules as typed text.
 */
import { checkUpload, FILE_TYPE_GROUPS } from '../../lib/uploads.js';
import { foldVietnamese } from '../../lib/text.js';
import { FormError } from '../../lib/validation.js';
import { MAX_TEXT_CHARS } from './drafts.text.js';

const NOT_DOCX =
  'Tệp đã chọn không phải là tài liệu Word (.docx) hợp lệ. Vui lòng chọn tệp .docx (Word 2007 trở lên; tệp .doc cũ cần lưu lại dưới dạng .docx).';

export async function docxToText(file: Express.Multer.File | undefined): Promise<string> {
  if (!file) throw FormError.of('docx', 'Vui lòng chọn tệp Word (.docx) chứa dự thảo.');
  const checked = await checkUpload(file, FILE_TYPE_GROUPS.docx);
  if ('refused' in checked) throw FormError.of('docx', checked.refused === 'type' ? NOT_DOCX : checked.message);
  let tree: DocElement | null = null;
  try {
    // Only an archive that passed the zip-bomb inspection in checkUpload reaches mammoth.
    // mammoth's document tree (paragraphs, runs, breaks, tables) is what we need; its HTML is not used.
    // Loaded on the first import, not at start (issue 10: idle memory).
    const { default: mammoth } = await import('mammoth');
    await mammoth.convertToHtml(
      { path: checked.path },
      {
        transformDocument: (doc: DocElement) => {
          tree = doc;
          return doc;
        },
      },
    );
  } catch {
    throw FormError.of('docx', NOT_DOCX);
  }
  const text = tree ? blocksToText(withoutLetterheadAndSignature(toBlocks(tree))).normalize('NFC') : '';
  if (!text) throw FormError.of('docx', 'Tệp Word không có nội dung văn bản.');
  if (text.length > MAX_TEXT_CHARS) throw FormError.of('docx', `Văn bản quá dài (tối đa ${MAX_TEXT_CHARS.toLocaleString('vi-VN')} ký tự).`);
  return text;
}

/** The parts of mammoth's document model read here (see mammoth's README, "transformDocument"). */
type DocElement = { type: string; value?: string; breakType?: string; children?: DocElement[] };

/** A paragraph (its lines) or a table (rows of cells, each cell its lines). */
export type Block = { kind: 'text'; lines: string[] } | { kind: 'table'; rows: string[][][] };

function paragraphLines(p: DocElement): string[] {
  let text = '';
  const walk = (el: DocElement) => {
    if (el.type === 'text') text += el.value ?? '';
    else if (el.type === 'tab') text += ' ';
    else if (el.type === 'break') text += '\n';
    else el.children?.forEach(walk);
  };
  walk(p);
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '');
}

function cellLines(cell: DocElement): string[] {
  const lines: string[] = [];
  const walk = (el: DocElement) => {
    if (el.type === 'paragraph') lines.push(...paragraphLines(el));
    else if (el.type === 'table') for (const b of toBlocks(el)) lines.push(...blockLines(b));
    else el.children?.forEach(walk);
  };
  cell.children?.forEach(walk);
  return lines;
}

/** Top-level paragraphs and tables, in document order. */
export function toBlocks(root: DocElement): Block[] {
  const blocks: Block[] = [];
  const walk = (el: DocElement) => {
    if (el.type === 'paragraph') {
      const lines = paragraphLines(el);
      if (lines.length) blocks.push({ kind: 'text', lines });
    } else if (el.type === 'table') {
      const rows = (el.children ?? [])
        .filter((r) => r.type === 'tableRow')
        .map((r) => (r.children ?? []).filter((c) => c.type === 'tableCell').map(cellLines))
        .filter((cells) => cells.some((c) => c.length));
      if (rows.length) blocks.push({ kind: 'table', rows });
    } else el.children?.forEach(walk);
  };
  if (root.type === 'table') walk({ type: 'document', children: [root] });
  else root.children?.forEach(walk);
  return blocks;
}

function blockLines(b: Block): string[] {
  return b.kind === 'text' ? b.lines : b.rows.flat(2);
}

const isCaps = (s: string) => /\p{Lu}/u.test(s) && s === s.toUpperCase();
/** Lines of the letterhead (Decree 30/2020 layout): issuing body, national title, motto, number, place and date. */
function isLetterheadLine(line: string): boolean {
  const f = foldVietnamese(line);
  return (
    /^[-_–—=.*\s]+$/.test(line) ||
    f.startsWith('cong hoa xa hoi chu nghia viet nam') ||
    /^doc lap\s*[-–—,]\s*tu do\s*[-–—,]\s*hanh phuc/.test(f) ||
    /^so\s*:/.test(f) ||
    /\bngay\s+[\d.…_ ]*\s*thang\s+[\d.…_ ]*\s*nam\s+[\d.…_ ]*$/.test(f) ||
    (isCaps(line) && /^(uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|phuong|xa|tinh|thanh pho|quan|huyen|thi xa|so|phong|ban|uy ban mat tran)\b/.test(f))
  );
}

/** Lines that open a signature block: Nơi nhận, "TM./KT. …", the signer's title, "(đã ký)". */
function isSignatureLine(line: string): boolean {
  const f = foldVietnamese(line);
  return (
    /^noi nhan\s*:?/.test(f) ||
    (isCaps(line) && /^(tm|kt|tl|tuq|q)\s*\.\s*\S/.test(f)) ||
    (isCaps(line) && /^(pho )?chu tich$/.test(f)) ||
    /^\((da )?ky\b[^)]*\)$/.test(f)
  );
}

const isArticleLine = (line: string) => /^(?:#+\s*)?(?:\*\*)?dieu\s+\d+[a-z]?\s*[.:]/.test(foldVietnamese(line));

/**
 * Drops the letterhead (leading blocks made only of letterhead lines, or a header
 * table holding the national title or the number) and the signature block (from
 * the first signature line after the last article to the end), so neither becomes
 * part of "Phần mở đầu" or of the last article.
 */
export function withoutLetterheadAndSignature(blocks: Block[]): Block[] {
  let start = 0;
  while (start < blocks.length) {
    const b = blocks[start];
    const lines = blockLines(b);
    const letterhead =
      b.kind === 'table' ? lines.some((l) => isLetterheadLine(l) && !/^[-_–—=.*\s]+$/.test(l)) && !lines.some(isArticleLine) : lines.every(isLetterheadLine);
    if (!letterhead) break;
    start++;
  }
  const kept = blocks.slice(start);
  let lastArticle = -1;
  kept.forEach((b, i) => {
    if (blockLines(b).some(isArticleLine)) lastArticle = i;
  });
  for (let i = Math.max(lastArticle, 0); i < kept.length; i++) {
    const b = kept[i];
    if (b.kind === 'table') {
      if (i > lastArticle && blockLines(b).some(isSignatureLine)) return kept.slice(0, i);
      continue;
    }
    // In the block of the last article itself, only lines after its heading can start the signature.
    const from = i === lastArticle ? b.lines.findLastIndex(isArticleLine) + 1 : 0;
    const cut = b.lines.findIndex((l, j) => j >= from && isSignatureLine(l));
    if (cut === 0) return kept.slice(0, i);
    if (cut > 0) return [...kept.slice(0, i), { kind: 'text', lines: b.lines.slice(0, cut) }];
  }
  return kept;
}

/** Paragraphs become lines (a blank line between them); a table stays a Markdown table, cell by cell. */
export function blocksToText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if (b.kind === 'text') return b.lines.join('\n');
      const width = Math.max(...b.rows.map((r) => r.length));
      const row = (cells: string[][]) => `| ${Array.from({ length: width }, (_, i) => (cells[i] ?? []).join(' / ').replace(/\|/g, '\\|')).join(' | ')} |`;
      const [head, ...rest] = b.rows;
      return [row(head), `|${' --- |'.repeat(width)}`, ...rest.map(row)].join('\n');
    })
    .join('\n\n')
    .trim();
}
