import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlign,
  WidthType,
} from 'docx';
import { issuingBodyLines, keepWordsTogether, recipientLines, type Block, type DocumentModel } from './document-model.js';

/**
 * Decree 30/2020/NĐ-CP, Appendix I: A4 paper, Times New Roman, margins top and
 * bottom 20–25 mm, left 30–35 mm, right 15–20 mm; page numbers centred in the
 * top margin from the second page on.
 */
export const FONT = 'Times New Roman';
const mm = (value: number) => Math.round((value * 1440) / 25.4);
export const PAGE = { width: 11906, height: 16838, top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const BODY = 28; // 14 pt (half-points)
const HEADER = 26; // 13 pt

type RunOpts = { size?: number; bold?: boolean; italics?: boolean; underline?: boolean };
/** Keeps a paragraph on the page of the next one and in one piece (the last lines before the signature, the signature block). */
type KeepOpts = { keep?: boolean };
const run = (text: string, o: RunOpts = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: o.size ?? BODY,
    bold: o.bold,
    italics: o.italics,
    underline: o.underline ? { type: UnderlineType.SINGLE } : undefined,
  });

const centred = (text: string, o: RunOpts & KeepOpts & { before?: number; after?: number } = {}) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: o.keep,
    keepLines: o.keep,
    spacing: { before: o.before ?? 0, after: o.after ?? 0 },
    children: [run(text, o)],
  });

/**
 * Decree 30 wants the rule under the issuing body and under the summary line
 * to be 1/3–1/2 as long as the line of text above it: estimate that line's
 * width (Times New Roman capitals run ~0.62 em, lower case ~0.5 em) and take 40 %.
 */
export function ruleWidth(longestLine: string, pointSize: number, maxWidth: number): number {
  const em = pointSize * 20;
  const width = [...longestLine].reduce((w, ch) => w + (ch === ' ' ? 0.25 : ch === ch.toUpperCase() && ch !== ch.toLowerCase() ? 0.66 : 0.5) * em, 0);
  return Math.round(Math.min(width, maxWidth) * 0.4);
}

/** A short rule under a heading line: a bottom border on an indented, empty paragraph. */
const shortRule = (cellWidth: number, ruleWidth: number) => {
  const side = Math.max(0, Math.round((cellWidth - ruleWidth) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 60 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 8 })],
  });
};

const borderlessCell = (width: number, children: Paragraph[]) =>
  new TableCell({ width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP, children });

/** A borderless table of one or more rows; `keep` rows never split across a page (cantSplit). */
const borderlessTable = (widths: number[], rows: Paragraph[][][], outdent = 0, keep = false) =>
  new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    indent: outdent ? { size: -outdent, type: WidthType.DXA } : undefined,
    margins: { left: 57, right: 57 },
    borders: TableBorders.NONE,
    rows: rows.map((cells) => new TableRow({ cantSplit: keep || undefined, children: cells.map((c, i) => borderlessCell(widths[i], c)) })),
  });

/**
 * Issuing body on the left, the national title and motto on the right (the
 * "quốc hiệu, tiêu ngữ"). The table reaches 10 mm into the left margin and 5 mm
 * into the right one, as ward templates do, so that the committee's name, the
 * national title and the date line each fit on their own line.
 */
function headerTable(model: DocumentModel): Table {
  const outdent = mm(10);
  const left = 4550;
  const right = CONTENT_WIDTH + outdent + mm(5) - left;
  const issuer = issuingBodyLines(model.issuingBody);
  const longest = [model.parentBody.toUpperCase(), ...issuer].reduce((a, b) => (b.length > a.length ? b : a), '');
  // Two rows: the bodies and the national title, then "Số: …" level with the place and date line.
  return borderlessTable(
    [left, right],
    [
      [
        [
          centred(model.parentBody.toUpperCase(), { size: 24 }),
          ...issuer.map((line) => centred(line, { size: 24, bold: true })),
          shortRule(left, ruleWidth(longest, 12, left - 114)),
        ],
        [
          centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 24, bold: true }),
          centred('Độc lập - Tự do - Hạnh phúc', { size: HEADER, bold: true, underline: true }),
        ],
      ],
      [[centred(`Số: ${model.numberLine}`, { size: HEADER, before: 60 })], [centred(model.dateLine, { size: HEADER, italics: true, before: 60 })]],
    ],
    outdent,
  );
}

function blockToDocx(block: Block, keep = false): (Paragraph | Table)[] {
  const body = (children: TextRun[], opts: { indent?: boolean; align?: 'both' | 'left' } = {}) =>
    new Paragraph({
      keepNext: keep || undefined,
      keepLines: keep || undefined,
      alignment: opts.align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
      indent: opts.indent === false ? undefined : { firstLine: mm(10) },
      spacing: { before: 0, after: 120, line: 288 },
      children,
    });
  if (block.kind === 'heading')
    return [
      new Paragraph({
        indent: { firstLine: mm(10) },
        keepNext: true,
        spacing: { before: 120, after: 120, line: 288 },
        children: [run(block.text, { bold: true })],
      }),
    ];
  if (block.kind === 'subheading')
    return [
      new Paragraph({
        indent: { firstLine: mm(10) },
        keepNext: true,
        spacing: { before: 0, after: 120, line: 288 },
        children: [run(block.text, { bold: true })],
      }),
    ];
  if (block.kind === 'paragraph') return [body([run(block.text, { bold: block.bold, italics: block.italic })])];
  const weights = block.weights ?? block.columns.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((CONTENT_WIDTH * w) / sum));
  const alignOf = (i: number) => (block.columns[i] === 'STT' ? AlignmentType.CENTER : block.numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      // A "\n" in a cell starts a new paragraph inside it (who commented, then what they wrote).
      children: text.split('\n').map(
        (line) =>
          new Paragraph({
            alignment: header ? AlignmentType.CENTER : alignOf(i),
            spacing: { before: 40, after: 40 },
            children: [run(line, { size: HEADER, bold: header })],
          }),
      ),
    });
  return [
    new Paragraph({ keepNext: true, spacing: { before: 0, after: 120, line: 288 }, children: [run(block.caption, { italics: true })] }),
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({ tableHeader: true, children: block.columns.map((c, i) => cell(c, i, true)) }),
        // A row is never cut in two across pages (a comment and its answer stay side by side).
        ...block.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
      ],
    }),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [run('')] }),
  ];
}

/** "Nơi nhận" on the left, the signature block on the right. */
function signatureTable(model: DocumentModel): Table {
  const left = 4300;
  const right = CONTENT_WIDTH - left;
  const line = (children: TextRun[]) => new Paragraph({ keepNext: true, keepLines: true, spacing: { before: 0, after: 0 }, children });
  const recipients = [line([run('Nơi nhận:', { size: 24, bold: true, italics: true })]), ...recipientLines(model).map((l) => line([run(l, { size: 22 })]))];
  const sign = [
    ...(model.signature.authority ? [centred(model.signature.authority.toUpperCase(), { bold: true, keep: true })] : []),
    centred(model.signature.title.toUpperCase(), { bold: true, keep: true }),
    ...Array.from({ length: 5 }, () => centred('', { keep: true })),
    centred(model.signature.name, { bold: true, keep: true }),
  ];
  // One row that cannot split: the name never lands alone on the next page.
  return borderlessTable([left, right], [[recipients, sign]], 0, true);
}

/** The summary line wraps at the content width: its first line is the longest one (about 75 characters of 14 pt). */
function longestTitleLine(title: string): string {
  return title.length > 75 ? title.slice(0, 75) : title;
}

/** Renders a document model as a .docx file (a zip of WordprocessingML). */
export async function renderDocx(model: DocumentModel, meta: { creator: string; title: string }): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (model.draft) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { before: 0, after: 120 },
        children: [run('DỰ THẢO', { size: HEADER, bold: true })],
      }),
    );
  }
  children.push(headerTable(model));
  children.push(centred(model.typeName.toUpperCase(), { bold: true, before: 360 }));
  children.push(centred(keepWordsTogether(model.title), { bold: true }));
  children.push(shortRule(CONTENT_WIDTH, ruleWidth(longestTitleLine(model.title), 14, CONTENT_WIDTH)));
  children.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [run('')] }));
  const body = model.blocks.flatMap((b) => blockToDocx(b));
  // The closing lines ("Trên đây là …./.") travel with the signature block: keep them with the next paragraph.
  const last = model.blocks.at(-1);
  if (last && last.kind !== 'table') body[body.length - 1] = blockToDocx(last, true)[0];
  children.push(...body);
  children.push(new Paragraph({ keepNext: true, spacing: { before: 0, after: 120 }, children: [run('')] }));
  children.push(signatureTable(model));

  const doc = new Document({
    creator: meta.creator,
    title: meta.title,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(10), footer: mm(10) },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY })] })],
          }),
        },
        footers: {
          first: new Footer({ children: [new Paragraph({ children: [] })] }),
          default: new Footer({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
