/**
 * The summary of comments and answers as an official document (Decree 30/2020):
 * the ward's header, number and date from the outgoing register, the comments
 * grouped by article with the draft version each was written on, signature and
 * Nơi nhận. Who answers depends on who drafted: for a draft of the ward, the
 * ward answers; for a draft of another body (a provincial resolution drafted by
 * Sở Nội vụ), the ward compiles the residents' comments and forwards them with
 * the drafting agency's answers, and the document says so.
 */
import type { Db } from '../../db/client.js';
import { ANSWER_OUTCOME_LABELS } from '../../domain/enums.js';
import { formalDateLine, formatDate, formatNumber } from '../../lib/format.js';
import { foldVietnamese } from '../../lib/text.js';
import { draftedByWard, draftName, lcFirst, SUMMARY_SYMBOL, summaryDocumentTitle } from '../../domain/summary-document.js';
import { cutNote, type SummaryData } from './comments.summary-files.js';
import { summaryEntry, yearOf } from '../register/index.js';
import type { Block, DocumentModel } from '../documents/index.js';
import { formatDocumentNumber } from '../../domain/document-numbering.js';
import { blankDateLine } from '../documents/index.js';
import { justiceRecipient, superiorOn } from '../documents/index.js';

type WardRef = { id: string; placeName: string; committeeName: string };
type DraftRef = SummaryData['draft'] & { draftingAgency: string; opensAt: Date; closesAt: Date; closedEarlyAt?: Date | null };

/** "Tiếp thu: …" unless the answer already opens with its outcome ("Tiếp thu một phần. Phiên bản 2 …"). */
export function answerWithOutcome(outcome: string, explanation: string): string {
  const label = ANSWER_OUTCOME_LABELS[outcome as 'ACCEPTED'] ?? outcome;
  return foldVietnamese(explanation).startsWith(foldVietnamese(label)) ? explanation : `${label}: ${explanation}`;
}

/** Who else the answer serves: their numbers when few (up to ten), how many when many. */
const sharedNote = (c: SummaryData['groups'][number]['comments'][number]) =>
  c.sharedWith.length
    ? `\n(Trả lời chung với ý kiến số ${c.sharedWith.join(', ')}.)`
    : c.sharedCount > 1
      ? `\n(Trả lời chung cho ${formatNumber(c.sharedCount)} ý kiến có nội dung tương tự.)`
      : '';

export async function summaryDocumentModel(db: Db, data: SummaryData, ward: WardRef, now: Date): Promise<DocumentModel> {
  const draft = data.draft as DraftRef;
  const byWard = draftedByWard(draft.draftingAgency, ward);
  const entry = await summaryEntry(db, ward.id, draft.id);
  const date = entry?.issuedOn ?? draft.answeredAt ?? now;
  const [superior, versions, chairman] = await Promise.all([
    superiorOn(db, ward.id, date),
    db.draftVersion.findMany({
      where: { draftId: draft.id, publishedAt: { not: null } },
      orderBy: { number: 'asc' },
      select: { number: true, publishedAt: true, changeSummary: true },
    }),
    db.user.findFirst({ where: { wardId: ward.id, role: 'CHAIRMAN', active: true }, orderBy: { createdAt: 'asc' }, select: { fullName: true } }),
  ]);
  const answerer = byWard ? ward.committeeName : `${draft.draftingAgency} (cơ quan chủ trì soạn thảo)`;
  const closed = draft.closedEarlyAt ?? draft.closesAt;
  const o = data.counts.outcomes;

  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: byWard
        ? `${ward.committeeName} đã đăng tải ${lcFirst(draftName(draft.title))} trên Trang thông tin điện tử phường để lấy ý kiến Nhân dân từ ngày ${formatDate(draft.opensAt)} đến ngày ${formatDate(closed)}. Trên cơ sở các ý kiến góp ý nhận được, ${ward.committeeName} tổng hợp, tiếp thu, giải trình như sau:`
        : `Thực hiện đề nghị của ${draft.draftingAgency} về việc lấy ý kiến Nhân dân đối với ${lcFirst(draftName(draft.title))}, ${ward.committeeName} đã đăng tải dự thảo trên Trang thông tin điện tử phường từ ngày ${formatDate(draft.opensAt)} đến ngày ${formatDate(closed)}. ${ward.committeeName} tổng hợp ý kiến góp ý của Nhân dân trên địa bàn phường và ý kiến tiếp thu, giải trình của ${draft.draftingAgency} là cơ quan chủ trì soạn thảo, như sau:`,
    },
    { kind: 'heading', text: 'I. TÌNH HÌNH LẤY Ý KIẾN' },
    {
      kind: 'paragraph',
      text: `Tổng số ý kiến góp ý nhận được: ${formatNumber(data.counts.received)}; trong đó đã công khai ${formatNumber(data.counts.published)}, không công khai ${formatNumber(data.counts.hidden)} (nội dung không liên quan đến dự thảo hoặc vi phạm quy định). Kết quả: tiếp thu ${formatNumber(o.ACCEPTED)}; tiếp thu một phần ${formatNumber(o.PARTLY_ACCEPTED)}; giải trình ${formatNumber(o.EXPLAINED)}.`,
    },
  ];
  if (versions.length > 1) {
    blocks.push({
      kind: 'paragraph',
      text: `Dự thảo được đăng tải ${versions.length} lần: ${versions.map((v) => `lần ${v.number} ngày ${formatDate(v.publishedAt)}${v.changeSummary ? ` (${v.changeSummary.replace(/\.$/, '')})` : ''}`).join('; ')}. Mỗi ý kiến dưới đây ghi rõ góp ý trên dự thảo lần nào.`,
    });
  }
  // The officer's note introduces the web page; the document has its own opening, which names who answered.
  blocks.push({
    kind: 'heading',
    text: byWard ? 'II. NỘI DUNG GÓP Ý VÀ TIẾP THU, GIẢI TRÌNH' : `II. NỘI DUNG GÓP Ý VÀ Ý KIẾN TIẾP THU, GIẢI TRÌNH CỦA ${draft.draftingAgency.toUpperCase()}`,
  });
  data.groups.forEach((g, i) => {
    blocks.push({
      kind: 'table',
      caption: `${i + 1}. ${g.title}`,
      columns: ['STT', 'Ý kiến góp ý', byWard ? 'Tiếp thu, giải trình' : `Tiếp thu, giải trình của ${draft.draftingAgency}`],
      numeric: [true, false, false],
      weights: [9, 47, 44],
      rows: g.comments.map((c) => [
        String(c.no),
        `${c.displayName}${c.residence ? `, ${c.residence}` : ''} (góp ý ngày ${formatDate(c.createdAt)} trên dự thảo lần ${c.versionNumber}):\n${c.body}`,
        c.answer ? `${answerWithOutcome(c.answer.outcome, c.answer.explanation)}${sharedNote(c)}` : 'Chưa có ý kiến tiếp thu, giải trình.',
      ]),
    });
  });
  if (data.groups.length === 0) blocks.push({ kind: 'paragraph', text: 'Không có ý kiến góp ý nào được công khai.' });
  // Beyond SUMMARY_DOCX_LIMIT comments the document says where the full table is (the .xlsx annex).
  const cut = cutNote(data);
  if (cut) blocks.push({ kind: 'paragraph', text: cut, italic: true });
  blocks.push({
    kind: 'paragraph',
    text: byWard
      ? `Trên đây là tổng hợp, tiếp thu, giải trình ý kiến góp ý của Nhân dân đối với ${lcFirst(draftName(draft.title))} của ${ward.committeeName}./.`
      : `Trên đây là tổng hợp ý kiến góp ý của Nhân dân phường và ý kiến tiếp thu, giải trình của ${answerer}, ${ward.committeeName} gửi ${draft.draftingAgency} để hoàn thiện dự thảo./.`,
  });

  const place = ward.placeName;
  return {
    draft: false,
    parentBody: superior.superiorCommittee,
    issuingBody: ward.committeeName,
    numberLine: formatDocumentNumber(entry?.number ?? null, entry?.symbol ?? SUMMARY_SYMBOL),
    dateLine: entry ? formalDateLine(place, entry.issuedOn) : blankDateLine(place, yearOf(date)),
    typeName: 'BÁO CÁO',
    title: summaryDocumentTitle(draft, ward),
    blocks,
    signature: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: entry?.signedBy || chairman?.fullName || '' },
    recipients: [
      ...(byWard ? [] : [`${draft.draftingAgency} (cơ quan chủ trì soạn thảo)`]),
      justiceRecipient(superior),
      'Thường trực Đảng ủy phường',
      'Thường trực HĐND phường',
      'Ủy ban MTTQ Việt Nam phường',
      'Trang thông tin điện tử phường',
    ],
    archiveNote: 'VT, TP',
  };
}
