/** Files a person would pick in a file field: a real Word draft, a PDF, and files that lie about their type. */
import { Document, Packer, Paragraph, TextRun } from 'docx';

export type FilePayload = { name: string; mimeType: string; buffer: Buffer };

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A Word document whose paragraphs are the given lines (headings such as "Chương I", "Điều 1. …" included). */
export async function docxFile(name: string, lines: string[]): Promise<FilePayload> {
  const doc = new Document({
    sections: [{ children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) }],
  });
  return { name, mimeType: DOCX_MIME, buffer: Buffer.from(await Packer.toBuffer(doc)) };
}

/** The text of a draft with `chapters` chapters and `articles` articles, in the ward's usual layout. */
export function draftLines(title: string, articles = 3): string[] {
  const lines = [title, 'Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ Luật Thực hiện dân chủ ở cơ sở;', 'Chương I', 'NHỮNG QUY ĐỊNH CHUNG'];
  for (let i = 1; i <= articles; i++) {
    if (i === Math.ceil(articles / 2) + 1) lines.push('Chương II', 'TỔ CHỨC THỰC HIỆN');
    lines.push(
      `Điều ${i}. ${i === 1 ? 'Phạm vi điều chỉnh' : i === 2 ? 'Hỗ trợ chi phí chiếu sáng công cộng' : `Quy định thứ ${i}`}`,
      `1. Nội dung khoản 1 của Điều ${i}: hộ gia đình, cá nhân trên địa bàn phường được hỗ trợ theo quy định tại Nghị quyết này.`,
      `2. Ủy ban nhân dân phường tổ chức thực hiện, bảo đảm công khai, minh bạch và đúng đối tượng.`,
    );
  }
  return lines;
}

export function docxThatIsNot(name = 'du-thao.docx'): FilePayload {
  return { name, mimeType: DOCX_MIME, buffer: Buffer.from('Đây không phải tệp Word, chỉ là văn bản thường.\n'.repeat(20)) };
}

/** A small valid PDF (file-type recognises it by its %PDF header). */
export function pdfFile(name: string): FilePayload {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body) };
}

/** A text file named .pdf: the portal must check the bytes, not the name. */
export function pdfThatIsNot(name = 'minh-chung.pdf'): FilePayload {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from('chỉ là chữ, không phải PDF\n'.repeat(10)) };
}

/** A PNG photo (1×1 pixel), for evidence. */
export function pngFile(name: string): FilePayload {
  return {
    name,
    mimeType: 'image/png',
    buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
  };
}
