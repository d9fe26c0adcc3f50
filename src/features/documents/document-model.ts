/**
 * One official document as blocks of content. Both the .docx writer and the
 * printable HTML view render this same model, so they can never disagree.
 */
export type Block =
  | { kind: 'heading'; text: string } // "I. MỤC ĐÍCH, YÊU CẦU"
  | { kind: 'subheading'; text: string } // "1. Mục đích"
  | { kind: 'paragraph'; text: string; italic?: boolean; bold?: boolean }
  | { kind: 'table'; caption: string; columns: string[]; numeric: boolean[]; weights?: number[]; rows: string[][] };

export type DocumentModel = {
  draft: boolean; // "DỰ THẢO" marking, no number
  parentBody: string; // "UBND THÀNH PHỐ QUẢNG NGÃI"
  issuingBody: string; // "ỦY BAN NHÂN DÂN PHƯỜNG TRƯƠNG QUANG TRỌNG"
  numberLine: string; // "Số: 01/BC-UBND"
  dateLine: string; // "Trương Quang Trọng, ngày 05 tháng 03 năm 2025"
  typeName: string; // "BÁO CÁO"
  title: string; // the summary line (trích yếu)
  blocks: Block[];
  signature: { authority: string; title: string; name: string };
  recipients: string[]; // without the leading "- " and the trailing ";"
  archiveNote: string; // "VT, TP"
};

/** Paragraphs of stored text are separated by blank lines. */
export function paragraphs(text: string, opts: { italic?: boolean } = {}): Block[] {
  return text
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: 'paragraph' as const, text: p, ...opts }));
}

/** "- Phòng Tư pháp;" … "- Lưu: VT, TP. Thanh." */
export function recipientLines(model: Pick<DocumentModel, 'recipients' | 'archiveNote'>): string[] {
  const archive = model.archiveNote.trim().replace(/\.+$/, '');
  return [...model.recipients.map((r) => `- ${r};`), `- Lưu: ${archive || 'VT'}.`];
}

/** "ỦY BAN NHÂN DÂN" / "PHƯỜNG TRƯƠNG QUANG TRỌNG": the committee's name breaks before the place, as on signed documents. */
export function issuingBodyLines(name: string): string[] {
  const upper = name.toUpperCase().trim();
  const m = /^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN) (.+)$/.exec(upper);
  return m ? [m[1], m[2]] : [upper];
}
