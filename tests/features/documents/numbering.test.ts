import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, submitForm, type TestApp } from '../../helpers/test-app.js';
import { formatDocumentNumber } from '../../../src/domain/document-numbering.js';
import { addEntry, withRegisterRetry } from '../../../src/features/register/register.service.js';
import { createDataset, getBinary, quarterForm, readDocx, type Dataset } from './helpers.js';

describe('document numbers from the outgoing register: unique per ward, year and sequence, restarting at 01 each year', () => {
  let t: TestApp;
  let ds: Dataset;
  beforeAll(async () => {
    t = await createTestApp();
    ds = await createDataset(t);
  });
  afterAll(() => t.close());

  const newDraft = async (username: string) => {
    const agent = await t.loginAs(username);
    const res = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId));
    expect(res.status).toBe(303);
    return { agent, id: res.headers.location.split('/').pop()! };
  };

  it('writes two digits with a leading zero below 10', () => {
    expect(formatDocumentNumber(1, 'BC-UBND')).toBe('01/BC-UBND');
    expect(formatDocumentNumber(9, 'BC-UBND')).toBe('09/BC-UBND');
    expect(formatDocumentNumber(10, 'BC-UBND')).toBe('10/BC-UBND');
    expect(formatDocumentNumber(125, 'BC-UBND')).toBe('125/BC-UBND');
  });

  it('gives two officers issuing at the same moment two different, consecutive numbers', async () => {
    t.clock.set('2026-02-03T03:00:00.000Z');
    const a = await newDraft('tuphap');
    const b = await newDraft('quantri');
    const [tokenA, tokenB] = await Promise.all([csrfToken(a.agent, `/can-bo/van-ban/${a.id}`), csrfToken(b.agent, `/can-bo/van-ban/${b.id}`)]);
    const [ra, rb] = await Promise.all([
      a.agent.post(`/can-bo/van-ban/${a.id}/ban-hanh`).type('form').send({ _csrf: tokenA }),
      b.agent.post(`/can-bo/van-ban/${b.id}/ban-hanh`).type('form').send({ _csrf: tokenB }),
    ]);
    expect([ra.status, rb.status]).toEqual([303, 303]);
    const docs = await t.db.issuedDocument.findMany({ where: { id: { in: [a.id, b.id] } } });
    expect(docs.map((d) => d.number).sort()).toEqual([1, 2]);
    expect(docs.every((d) => d.year === 2026 && d.status === 'ISSUED')).toBe(true);
    // Both are in the register, each under its own number, linked to its document.
    const entries = await t.db.outgoingRegisterEntry.findMany({ where: { wardId: t.wardId, year: 2026, sequenceKey: 'BC-UBND' }, orderBy: { number: 'asc' } });
    expect(entries.map((e) => e.number)).toEqual([1, 2]);
    expect(entries.map((e) => e.documentId).sort()).toEqual([a.id, b.id].sort());
    // Each stored file carries its own number.
    for (const d of docs) {
      const docx = await readDocx((await getBinary(a.agent, `/can-bo/van-ban/${d.id}.docx`)).body as Buffer);
      expect(docx.paragraphs).toContain(`Số: 0${d.number}/BC-UBND`);
      expect(docx.paragraphs).toContain('Trương Quang Trọng, ngày 03 tháng 02 năm 2026');
    }
  });

  it('continues within the year and restarts at 01 in a new year', async () => {
    const c = await newDraft('tuphap');
    expect((await submitForm(c.agent, `/can-bo/van-ban/${c.id}`, `/can-bo/van-ban/${c.id}/ban-hanh`, {})).status).toBe(303);
    expect((await t.db.issuedDocument.findUniqueOrThrow({ where: { id: c.id } })).number).toBe(3);

    t.clock.set('2027-01-02T02:00:00.000Z');
    const d = await newDraft('tuphap');
    expect((await submitForm(d.agent, `/can-bo/van-ban/${d.id}`, `/can-bo/van-ban/${d.id}/ban-hanh`, {})).status).toBe(303);
    const issued = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: d.id } });
    expect(issued).toMatchObject({ number: 1, year: 2027 });
    const docx = await readDocx((await getBinary(d.agent, `/can-bo/van-ban/${d.id}.docx`)).body as Buffer);
    expect(docx.paragraphs).toContain('Số: 01/BC-UBND');
    expect(docx.paragraphs).toContain('Trương Quang Trọng, ngày 02 tháng 01 năm 2027');
  });

  it('issues one draft only once when two officers press "Ban hành" together', async () => {
    const a = await newDraft('tuphap');
    const b = await t.loginAs('quantri');
    const [tokenA, tokenB] = await Promise.all([csrfToken(a.agent, `/can-bo/van-ban/${a.id}`), csrfToken(b, `/can-bo/van-ban/${a.id}`)]);
    const statuses = (
      await Promise.all([
        a.agent.post(`/can-bo/van-ban/${a.id}/ban-hanh`).type('form').send({ _csrf: tokenA }),
        b.post(`/can-bo/van-ban/${a.id}/ban-hanh`).type('form').send({ _csrf: tokenB }),
      ])
    ).map((r) => r.status);
    expect(statuses.sort()).toEqual([303, 409]);
    expect(await t.db.storedFile.count({ where: { documentId: a.id } })).toBe(1);
    const year = (await t.db.issuedDocument.findUniqueOrThrow({ where: { id: a.id } })).year!;
    const registered = await t.db.outgoingRegisterEntry.findMany({ where: { wardId: t.wardId, year, sequenceKey: 'BC-UBND' }, select: { number: true } });
    const numbers = await t.db.issuedDocument.findMany({ where: { wardId: t.wardId, year, symbol: 'BC-UBND', status: 'ISSUED' }, select: { number: true } });
    // No number was used up by the refused attempt: the register has no gap and one entry per issued report.
    expect(registered.map((r) => r.number).sort((x, y) => x - y)).toEqual(numbers.map((_, i) => i + 1));
    expect(await t.db.outgoingRegisterEntry.count({ where: { documentId: a.id } })).toBe(1);
  });

  it('takes numbers atomically inside transactions, even many at once', async () => {
    const take = (symbol: string) =>
      withRegisterRetry(() =>
        t.db.$transaction(
          (tx) =>
            addEntry(tx, {
              wardId: t.wardId,
              symbol,
              documentType: 'Báo cáo',
              summary: 'Thử',
              signedBy: 'Trương Thanh Thảo',
              issuedOn: new Date('2030-03-01T03:00:00Z'),
              enteredById: null,
            }),
          { maxWait: 20_000, timeout: 20_000 },
        ),
      );
    const numbers = (await Promise.all(Array.from({ length: 6 }, () => take('BC-UBND')))).map((e) => e.number);
    expect([...numbers].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    // Another symbol has its own sequence (the ward's rule is one sequence per type).
    expect((await take('KH-UBND')).number).toBe(1);
  });
});
