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

/**
 * Two- and three-syllable words a summary line must not split across lines
 * ("địa / bàn"): their syllables are joined with no-break spaces, so a line
 * breaks only between words. Matched case-insensitively, whole syllables only.
 */
const WORD_PAIRS = [
  'địa bàn',
  'Nhân dân',
  'pháp luật',
  'chính sách',
  'dự thảo',
  'văn bản',
  'kế hoạch',
  'thực hiện',
  'truyền thông',
  'xã hội',
  'tổ dân phố',
  'Đề án',
  'quy phạm',
  'Quảng Ngãi',
  'Trương Quang Trọng',
  'tác động',
  'xây dựng',
  'quá trình',
  'kết quả',
  'ý kiến',
  'góp ý',
  'tiếp thu',
  'giải trình',
  'hỗ trợ',
  'kinh phí',
  'hoạt động',
  'Nghị quyết',
  'Quyết định',
  'tổng hợp',
  'phường',
  'Ủy ban',
  'nhân dân',
  'đất đai',
  'cơ quan',
  'chủ trì',
  'soạn thảo',
  'lấy ý kiến',
  'triển khai',
  'tuyên truyền',
  'phổ biến',
  'quý I',
  'quý II',
  'quý III',
  'quý IV',
  'sửa đổi',
  'bổ sung',
  'tỉnh Quảng Ngãi',
  'thành phố',
  'năm 2024',
  'năm 2025',
  'năm 2026',
  'năm 2027',
  '6 tháng',
].filter((w) => w.includes(' '));
const PAIR_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(${WORD_PAIRS.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

export function keepWordsTogether(text: string): string {
  return text.normalize('NFC').replace(PAIR_PATTERN, (m) => m.replace(/ /g, '\u00a0'));
}
