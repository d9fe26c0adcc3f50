/** Shared steps of the drafts tests: fill the draft form, write the text, publish. */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph } from 'docx';
import type TestAgent from 'supertest/lib/agent.js';
import { expect } from 'vitest';
import { csrfToken, submitForm, type TestApp } from '../../helpers/test-app.js';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export async function taskId(t: TestApp, ordinal: number) {
  return (await t.db.task.findFirstOrThrow({ where: { ordinal, plan: { wardId: t.wardId } } })).id;
}

export async function draftFields(t: TestApp, overrides: Record<string, string> = {}) {
  return {
    title: 'Dự thảo Nghị quyết về phí vệ sinh môi trường',
    documentType: 'PROVINCIAL_RESOLUTION',
    draftingAgency: 'Sở Tài chính tỉnh Quảng Ngãi',
    field: 'Phí và lệ phí',
    summary: 'Quy định mức thu phí thu gom rác thải sinh hoạt đối với hộ gia đình trên đường Trương Quang Trọng và các tuyến đường khác.',
    affectedGroups: 'Hộ gia đình, hộ kinh doanh',
    taskId: await taskId(t, 2),
    triggerId: '',
    opensAt: '2025-10-20',
    closesAt: '2025-11-20',
    shortPeriodReason: '',
    ...overrides,
  };
}

/** Creates a draft through the form and returns its id. */
export async function createDraftVia(t: TestApp, agent: TestAgent, overrides: Record<string, string> = {}) {
  const res = await submitForm(agent, '/can-bo/du-thao/moi', '/can-bo/du-thao/moi', await draftFields(t, overrides));
  expect(res.status, res.text.slice(0, 2000)).toBe(303);
  const id = /\/can-bo\/du-thao\/([^/]+)$/.exec(res.headers.location)?.[1];
  expect(id).toBeTruthy();
  return id as string;
}

export const SAMPLE_TEXT = `Căn cứ Luật Phí và lệ phí;

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định mức thu phí vệ sinh đối với **đất đai** và nhà ở.

Điều 2. Đối tượng áp dụng
Hộ gia đình, cá nhân trên địa bàn phường.

Chương II
MỨC THU

Điều 3. Mức thu
1. Hộ gia đình: 20.000 đồng/tháng.
2. Hộ kinh doanh: 50.000 đồng/tháng.
`;

export async function saveText(agent: TestAgent, draftId: string, text = SAMPLE_TEXT, extra: Record<string, string> = {}) {
  return submitForm(agent, `/can-bo/du-thao/${draftId}/noi-dung`, `/can-bo/du-thao/${draftId}/noi-dung`, { text, action: 'save', ...extra });
}

export async function publish(agent: TestAgent, draftId: string) {
  return submitForm(agent, `/can-bo/du-thao/${draftId}`, `/can-bo/du-thao/${draftId}/dang-tai`, {});
}

/** A created, filled and published draft (open from 20/10/2025 to 20/11/2025 unless told otherwise). */
export async function publishedDraft(t: TestApp, agent: TestAgent, overrides: Record<string, string> = {}, text = SAMPLE_TEXT) {
  const id = await createDraftVia(t, agent, overrides);
  expect((await saveText(agent, id, text)).status).toBe(303);
  expect((await publish(agent, id)).status).toBe(303);
  return id;
}

/** A real .docx made with the docx package (no binary fixtures in the repository). */
export async function makeDocx(paragraphs: (string | { heading: string })[]): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: paragraphs.map((p) =>
          typeof p === 'string'
            ? new Paragraph({ text: p })
            : new Paragraph({ text: p.heading, heading: HeadingLevel.HEADING_2, alignment: AlignmentType.CENTER }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function multipartToken(agent: TestAgent, page: string) {
  return csrfToken(agent, page);
}
