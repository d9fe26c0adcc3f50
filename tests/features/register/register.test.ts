import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { createDataset, quarterForm } from '../documents/helpers.js';

const REGISTER = '/can-bo/so-van-ban-di';
const paper = (extra: Record<string, string> = {}) => ({
  documentType: 'Quyết định',
  symbol: 'QĐ-UBND',
  summary: 'Về việc thành lập Tổ công tác truyền thông chính sách',
  signedBy: 'Trương Thanh Thảo',
  issuedOn: '10/10/2025',
  recipients: 'Như Điều 3',
  number: '',
  ...extra,
});

/**
 * The register of outgoing documents (Decree 30/2020, Art. 15): numbers from 01
 * each year, consecutive and unique within a sequence, given when a signed
 * document is registered; a correction is a new entry; the head chooses the sequencing.
 */
describe('the register of outgoing documents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const numbers = async (year: number, sequenceKey: string) =>
    (await t.db.outgoingRegisterEntry.findMany({ where: { wardId: t.wardId, year, sequenceKey }, orderBy: { number: 'asc' }, select: { number: true } })).map(
      (e) => e.number,
    );

  it('registers a document signed outside the portal under the next free number, and lists it', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, REGISTER, REGISTER, paper());
    expect(res.status).toBe(303);
    const page = visibleText((await agent.get(`${REGISTER}?nam=2025`)).text);
    expect(page).toContain('01/QĐ-UBND');
    expect(page).toContain('Về việc thành lập Tổ công tác truyền thông chính sách');
    // The next free number of each type is suggested.
    expect(page).toContain('Số tiếp theo năm 2025: 02/QĐ-UBND; 01/TB-UBND; 01/BC-UBND; 01/KH-UBND.');
    const print = await agent.get(`${REGISTER}/ban-in?nam=2025`);
    expect(print.status).toBe(200);
    expect(visibleText(print.text)).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(visibleText(print.text)).toContain('01/QĐ-UBND');
  });

  it('refuses a duplicate and a number that would leave a gap, saying which number is next and keeping what was typed', async () => {
    const agent = await t.loginAs('tuphap');
    const dup = await submitForm(agent, REGISTER, REGISTER, paper({ number: '1', summary: 'Bản trùng số' }));
    expect(dup.status).toBe(400);
    expect(visibleText(dup.text)).toContain('Số 01/QĐ-UBND đã có trong sổ văn bản đi năm 2025. Số tiếp theo còn trống là 02/QĐ-UBND.');
    expect(dup.text).toContain('Bản trùng số');
    const gap = await submitForm(agent, REGISTER, REGISTER, paper({ number: '5' }));
    expect(gap.status).toBe(400);
    expect(visibleText(gap.text)).toContain('Số 05/QĐ-UBND bỏ trống các số từ 02 đến 04');
    const future = await submitForm(agent, REGISTER, REGISTER, paper({ issuedOn: '20/10/2025' }));
    expect(future.status).toBe(400);
    expect(visibleText(future.text)).toContain('Ngày ký không được sau ngày hôm nay');
    // The number already written in the paper register, when it is the next one, is accepted.
    expect((await submitForm(agent, REGISTER, REGISTER, paper({ number: '02' }))).status).toBe(303);
    expect(await numbers(2025, 'QĐ-UBND')).toEqual([1, 2]);
  });

  it('gives officers registering at the same moment consecutive numbers, never the same one', async () => {
    const [a, b] = await Promise.all([t.loginAs('tuphap'), t.loginAs('quantri')]);
    const [ta, tb] = await Promise.all([csrfToken(a, REGISTER), csrfToken(b, REGISTER)]);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? b : a)
          .post(REGISTER)
          .type('form')
          .send({ _csrf: i % 2 ? tb : ta, ...paper({ symbol: 'TB-UBND', documentType: 'Thông báo', summary: `Thông báo ${i}` }) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(303));
    expect(await numbers(2025, 'TB-UBND')).toEqual([1, 2, 3, 4, 5, 6]);
    // Two typing the same paper number at once: one is registered, the other told it is taken.
    const typed = await Promise.all(
      [a, b].map((agent, i) =>
        agent
          .post(REGISTER)
          .type('form')
          .send({ _csrf: i ? tb : ta, ...paper({ symbol: 'TB-UBND', number: '7' }) }),
      ),
    );
    expect(typed.map((r) => r.status).sort()).toEqual([303, 400]);
    expect(await numbers(2025, 'TB-UBND')).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('records a correction as a new entry naming the corrected one, which stays as it was', async () => {
    const agent = await t.loginAs('tuphap');
    const old = await t.db.outgoingRegisterEntry.findFirstOrThrow({ where: { wardId: t.wardId, year: 2025, symbol: 'QĐ-UBND', number: 1 } });
    const res = await submitForm(agent, REGISTER, `${REGISTER}/${old.id}/dinh-chinh`, {
      summary: 'Đính chính Quyết định số 01/QĐ-UBND',
      signedBy: 'Trương Thanh Thảo',
      issuedOn: '12/10/2025',
    });
    expect(res.status).toBe(303);
    const correction = await t.db.outgoingRegisterEntry.findFirstOrThrow({ where: { correctsEntryId: old.id } });
    expect(correction).toMatchObject({ number: 3, symbol: 'QĐ-UBND', year: 2025 });
    expect(await t.db.outgoingRegisterEntry.findUniqueOrThrow({ where: { id: old.id } })).toEqual(old);
    const page = visibleText((await agent.get(`${REGISTER}?nam=2025`)).text);
    expect(page).toContain('Đính chính văn bản số 01/QĐ-UBND');
    expect(page).toContain('Đã được đính chính bởi số 03/QĐ-UBND');
  });

  it('issues a signed report with the number the văn thư gives, after checking it against the register', async () => {
    const ds = await createDataset(t);
    const agent = await t.loginAs('tuphap');
    const created = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId));
    const id = created.headers.location.split('/').pop()!;
    const ahead = await submitForm(agent, `/can-bo/van-ban/${id}`, `/can-bo/van-ban/${id}/ban-hanh`, { issuedOn: '14/10/2025', number: '3' });
    expect(ahead.status).toBe(400);
    expect(visibleText(ahead.text)).toContain('Số 03/BC-UBND bỏ trống các số từ 01 đến 02');
    expect(ahead.text).toContain('value="14/10/2025"');
    expect((await t.db.issuedDocument.findUniqueOrThrow({ where: { id } })).status).toBe('DRAFT');
    const ok = await submitForm(agent, `/can-bo/van-ban/${id}`, `/can-bo/van-ban/${id}/ban-hanh`, { issuedOn: '14/10/2025', number: '' });
    expect(ok.status).toBe(303);
    const doc = await t.db.issuedDocument.findUniqueOrThrow({ where: { id } });
    expect(doc).toMatchObject({ status: 'ISSUED', number: 1, year: 2025 });
    expect(doc.issuedAt?.toISOString()).toBe('2025-10-13T17:00:00.000Z');
    const entry = await t.db.outgoingRegisterEntry.findFirstOrThrow({ where: { documentId: id } });
    expect(entry).toMatchObject({ number: 1, symbol: 'BC-UBND', documentType: 'Báo cáo', summary: doc.title, signedBy: 'Trương Thanh Thảo' });
  });

  it('lets the chairman choose one sequence for all documents, only while the year is empty; numbers restart at 01 each year', async () => {
    const chairman = await t.loginAs('chutich');
    const refused = await submitForm(chairman, REGISTER, `${REGISTER}/cach-danh-so`, { registerSequencing: 'SINGLE' });
    expect(refused.status).toBe(400);
    expect(visibleText(refused.text)).toContain('không đổi được cách đánh số giữa năm');
    t.clock.set('2026-01-02T02:00:00.000Z');
    expect((await submitForm(chairman, REGISTER, `${REGISTER}/cach-danh-so`, { registerSequencing: 'SINGLE' })).status).toBe(303);
    const officer = await t.loginAs('tuphap');
    expect((await submitForm(officer, REGISTER, REGISTER, paper({ issuedOn: '02/01/2026' }))).status).toBe(303);
    expect((await submitForm(officer, REGISTER, REGISTER, paper({ issuedOn: '02/01/2026', symbol: 'TB-UBND', documentType: 'Thông báo' }))).status).toBe(303);
    const entries = await t.db.outgoingRegisterEntry.findMany({ where: { wardId: t.wardId, year: 2026 }, orderBy: { number: 'asc' } });
    expect(visibleText((await officer.get(REGISTER)).text)).toContain('Số tiếp theo năm 2026: 03.');
    expect(entries.map((e) => [e.number, e.symbol, e.sequenceKey])).toEqual([
      [1, 'QĐ-UBND', '*'],
      [2, 'TB-UBND', '*'],
    ]);
    expect(await t.db.auditLog.count({ where: { action: 'register.sequencing' } })).toBe(1);
  });

  it('is the văn thư’s: unit officials cannot see it, the chairman reads but does not register', async () => {
    const unit = await t.loginAs('vanhoa');
    expect((await unit.get(REGISTER)).status).toBe(403);
    const chairman = await t.loginAs('chutich');
    expect((await chairman.get(REGISTER)).status).toBe(200);
    expect((await submitForm(chairman, REGISTER, REGISTER, paper())).status).toBe(403);
    const officer = await t.loginAs('tuphap');
    expect((await submitForm(officer, REGISTER, `${REGISTER}/cach-danh-so`, { registerSequencing: 'PER_SYMBOL' })).status).toBe(403);
  });
});
