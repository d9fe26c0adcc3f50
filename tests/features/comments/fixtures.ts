/**
 * Drafts made directly in the database for the comments tests, so they do not
 * depend on the drafts feature's forms. Dates are relative to the test clock.
 */
import type TestAgent from 'supertest/lib/agent.js';
import type { TestApp } from '../../helpers/test-app.js';
import { csrfFrom } from '../../helpers/test-app.js';

const DAY = 24 * 60 * 60 * 1000;

export type DraftFixture = { id: string; versionId: string; articles: { id: string; key: string; label: string }[] };

export async function makeDraft(
  t: TestApp,
  opts: { title?: string; state?: string; opensInDays?: number; closesInDays?: number; publishImmediately?: boolean; wardId?: string } = {},
): Promise<DraftFixture> {
  const now = t.clock.now().getTime();
  const draft = await t.db.draft.create({
    data: {
      wardId: opts.wardId ?? t.wardId,
      title: opts.title ?? 'Dự thảo Nghị quyết quy định mức thu phí vệ sinh môi trường',
      documentType: 'PROVINCIAL_RESOLUTION',
      draftingAgency: 'Sở Tài nguyên và Môi trường tỉnh Quảng Ngãi',
      field: 'Môi trường',
      summary: 'Quy định mức thu phí thu gom rác thải sinh hoạt.',
      opensAt: new Date(now + (opts.opensInDays ?? -5) * DAY),
      closesAt: new Date(now + (opts.closesInDays ?? 15) * DAY),
      state: opts.state ?? 'PUBLISHED',
      publishImmediately: opts.publishImmediately ?? false,
      versions: {
        create: {
          number: 1,
          publishedAt: new Date(now - 5 * DAY),
          sections: {
            create: [
              { sortOrder: 1, kind: 'CHAPTER', key: 'chuong-i', label: 'Chương I', heading: 'QUY ĐỊNH CHUNG' },
              { sortOrder: 2, kind: 'ARTICLE', key: 'dieu-1', label: 'Điều 1', heading: 'Phạm vi điều chỉnh', body: 'Nghị quyết này quy định mức thu phí.' },
              { sortOrder: 3, kind: 'ARTICLE', key: 'dieu-2', label: 'Điều 2', heading: 'Đối tượng áp dụng', body: 'Hộ gia đình, cá nhân.' },
              { sortOrder: 4, kind: 'ARTICLE', key: 'dieu-3', label: 'Điều 3', heading: 'Mức thu', body: 'Mức thu 20.000 đồng/hộ/tháng.' },
            ],
          },
        },
      },
    },
    include: { versions: { include: { sections: { where: { kind: 'ARTICLE' }, orderBy: { sortOrder: 'asc' } } } } },
  });
  const v = draft.versions[0];
  return { id: draft.id, versionId: v.id, articles: v.sections.map((s) => ({ id: s.id, key: s.key, label: s.label })) };
}

export async function groupId(t: TestApp, name = 'Tổ dân phố 3') {
  const unit = await t.db.unit.findFirstOrThrow({ where: { wardId: t.wardId, name } });
  return unit.id;
}

let ipCounter = 10;
/** A fresh "resident" address, so the per-address rate limit only bites where a test wants it to. */
export function newIp() {
  ipCounter++;
  return `198.51.100.${ipCounter % 250}`;
}

/** Opens the form from the given address: the CSRF token and one-time id a browser would send back with it. */
export async function openCommentForm(agent: TestAgent, draftId: string, ip: string) {
  const page = await agent.get(`/du-thao/${draftId}/gop-y`).set('X-Forwarded-For', ip);
  return { _csrf: csrfFrom(page.text), submissionId: /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1] ?? '' };
}

/** Posts the fields with a form opened earlier (openCommentForm), from the same address. */
export function sendCommentForm(agent: TestAgent, draftId: string, form: Record<string, string>, fields: Record<string, string>, ip: string) {
  return agent
    .post(`/du-thao/${draftId}/gop-y`)
    .set('X-Forwarded-For', ip)
    .type('form')
    .send({ ...form, ...fields });
}

/** Opens the form (for its CSRF token and one-time id) and posts it from the given address, as a phone browser would. */
export async function postComment(agent: TestAgent, draftId: string, fields: Record<string, string>, ip = newIp()) {
  return sendCommentForm(agent, draftId, await openCommentForm(agent, draftId, ip), fields, ip);
}

export const validComment = (group: string, extra: Record<string, string> = {}) => ({
  respondentType: 'INDIVIDUAL',
  authorName: 'Nguyễn Thị Mai',
  publicName: 'named',
  residentialGroup: group,
  body: 'Đề nghị giảm mức thu đối với hộ nghèo, hộ cận nghèo.',
  ...extra,
});
