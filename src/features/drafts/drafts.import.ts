/**
 * Importing the text of a draft from a Word (.docx) file. The file is checked by
 * its bytes first; mammoth then extracts the paragraphs, which are split into
 * chapters and articles by the same rules as typed text and shown for review.
 */
import mammoth from 'mammoth';
import { checkUpload, FILE_TYPE_GROUPS } from '../../lib/uploads.js';
import { FormError } from '../../lib/validation.js';
import { MAX_TEXT_CHARS } from './drafts.text.js';

const NOT_DOCX = 'Tệp đã chọn không phải là tài liệu Word (.docx) hợp lệ. Vui lòng chọn tệp .docx (Word 2007 trở lên; tệp .doc cũ cần lưu lại dưới dạng .docx).';

export async function docxToText(file: Express.Multer.File | undefined): Promise<string> {
  if (!file) throw FormError.of('docx', 'Vui lòng chọn tệp Word (.docx) chứa dự thảo.');
  const checked = await checkUpload(file, FILE_TYPE_GROUPS.docx);
  if ('refused' in checked) throw FormError.of('docx', checked.refused === 'type' ? NOT_DOCX : checked.message);
  let value: string;
  try {
    // Only an archive that passed the zip-bomb inspection in checkUpload reaches mammoth.
    ({ value } = await mammoth.extractRawText({ path: checked.path }));
  } catch {
    throw FormError.of('docx', NOT_DOCX);
  }
  const text = value.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  if (!text) throw FormError.of('docx', 'Tệp Word không có nội dung văn bản.');
  if (text.length > MAX_TEXT_CHARS) throw FormError.of('docx', `Văn bản quá dài (tối đa ${MAX_TEXT_CHARS.toLocaleString('vi-VN')} ký tự).`);
  return text;
}
