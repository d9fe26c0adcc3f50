/** The summary of comments and answers as a document: its register symbol and its summary line (trích yếu). */
import { foldVietnamese } from '../lib/text.js';

export const SUMMARY_SYMBOL = 'BC-UBND';

/** The ward drafted it when the drafting agency names the ward ("…, UBND phường Trương Quang Trọng"). */
export function draftedByWard(draftingAgency: string, ward: { placeName: string }): boolean {
  return foldVietnamese(draftingAgency).includes(foldVietnamese(ward.placeName));
}

/** "Dự thảo …" however the title begins. */
export const draftName = (title: string) => (/^dự thảo/iu.test(title) ? title : `Dự thảo ${title}`);

export const lcFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The summary line (trích yếu) of the document. */
export function summaryDocumentTitle(draft: { title: string; draftingAgency: string }, ward: { placeName: string }): string {
  return draftedByWard(draft.draftingAgency, ward)
    ? `Tổng hợp, tiếp thu, giải trình ý kiến góp ý của Nhân dân đối với ${lcFirst(draftName(draft.title))}`
    : `Tổng hợp ý kiến góp ý của Nhân dân và ý kiến tiếp thu, giải trình của cơ quan chủ trì soạn thảo đối với ${lcFirst(draftName(draft.title))}`;
}
