/**
 * Exports stream in batches (issue 10): across batch boundaries every comment is in the file
 * exactly once, in order, numbered without gaps; the public file holds published comments only.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_BATCH } from '../../../src/features/comments/comments.exports.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { makeDraft, type DraftFixture } from './fixtures.js';

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parse(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endRecord();
      i++;
    } else field += ch;
  }
  if (field || record.length) endRecord();
  return records;
}

const binary = (res: { on: (e: string, cb: (chunk?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('streamed exports of more comments than one batch', () => {
  let t: TestApp;
  let draft: DraftFixture;
  const total = EXPORT_BATCH + 57;
  beforeAll(async () => {
    t = await createTestApp();
    draft = await makeDraft(t, { title: 'Dự thảo nhiều ý kiến để tải về' });
    const base = t.clock.now().getTime() - 7 * 86_400_000;
    const rows = Array.from({ length: total }, (_, i) => ({
      draftId: draft.id,
      versionId: draft.versionId,
      receiptCode: `GY-EXP-${String(i).padStart(5, '0')}`,
      respondentType: 'INDIVIDUAL',
      authorName: `Người góp ý ${i}`,
      email: `nguoi${i}@example.com`,
      body: i === 3 ? '=HYPERLINK("http://x")' : `Ý kiến số ${i}`,
      status: i % 10 === 4 ? 'PENDING' : 'PUBLISHED',
      // Pairs share a timestamp, so the batches must also order by id.
      createdAt: new Date(base + Math.floor(i / 2) * 1000),
    }));
    await t.db.comment.createMany({ data: rows });
  });
  afterAll(() => t.close());

  it('the officer CSV has every comment once, oldest first, numbered 1…n, formulas neutralised', async () => {
    const officer = await t.loginAs('tuphap');
    const res = await officer.get(`/can-bo/du-thao/${draft.id}/y-kien-day-du.csv`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(body.subarray(3).toString('utf8')) as string[][];
    expect(records[0][1]).toBe('Mã tiếp nhận');
    const data = records.slice(1);
    expect(data).toHaveLength(total);
    expect(data.map((r) => r[0])).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)));
    const expected = await t.db.comment.findMany({
      where: { draftId: draft.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { receiptCode: true },
    });
    expect(data.map((r) => r[1])).toEqual(expected.map((c) => c.receiptCode));
    const bodyColumn = records[0].indexOf('Nội dung góp ý');
    expect(bodyColumn).toBeGreaterThan(1);
    expect(data.find((r) => r[1] === 'GY-EXP-00003')![bodyColumn]).toBe(`'=HYPERLINK("http://x")`);
  });

  it('the public .xlsx has the published comments only, without contact details', async () => {
    const res = await t.agent().get(`/du-thao/${draft.id}/y-kien.xlsx`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const published = await t.db.comment.count({ where: { draftId: draft.id, status: 'PUBLISHED' } });
    expect(ws.rowCount).toBe(3 + published);
    expect(String(ws.getRow(3).getCell(1).text)).toBe('STT');
    expect(ws.pageSetup.printTitlesRow).toBe('3:3'); // the header row is printed again on every page
    expect(String(ws.getRow(3 + published).getCell(1).text)).toBe(String(published));
    const text: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => text.push(String(c.text))));
    expect(text.join('\n')).not.toContain('@example.com');
    // Every published comment once (one of them is the neutralised formula, not an "Ý kiến số …").
    expect(text.filter((s) => /^Ý kiến số \d+$/.test(s))).toHaveLength(published - 1);
    expect(text).toContain('=HYPERLINK("http://x")'); // a text cell in .xlsx, never a formula
  });
});

describe('exports of the longest comments (produced in a worker thread with a bounded heap)', () => {
  let t: TestApp;
  let draft: DraftFixture;
  const total = 2 * EXPORT_BATCH + 3;
  // 5,000 characters, the most a comment may hold, of Vietnamese text (two bytes a character in memory).
  const long = (i: number) => `Góp ý số ${i}: ${'Đề nghị bổ sung quy định về phí vệ sinh môi trường đối với hộ kinh doanh. '.repeat(80)}`.slice(0, 5000);
  beforeAll(async () => {
    t = await createTestApp();
    draft = await makeDraft(t, { title: 'Dự thảo nhiều ý kiến dài' });
    const base = t.clock.now().getTime() - 7 * 86_400_000;
    await t.db.comment.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        draftId: draft.id,
        versionId: draft.versionId,
        receiptCode: `GY-LONG-${String(i).padStart(5, '0')}`,
        respondentType: 'INDIVIDUAL',
        authorName: `Người góp ý ${i}`,
        email: `dai${i}@example.com`,
        residentialOther: 'Khu phố mới, đường ven sông, gần chợ',
        body: long(i),
        status: 'PUBLISHED',
        createdAt: new Date(base + i * 1000),
      })),
    });
  });
  afterAll(() => t.close());

  it('the officer CSV and .xlsx hold every comment whole', async () => {
    const officer = await t.loginAs('tuphap');
    const csv = await officer.get(`/can-bo/du-thao/${draft.id}/y-kien-day-du.csv`).buffer(true).parse(binary);
    expect(csv.status).toBe(200);
    const records = parse((csv.body as Buffer).subarray(3).toString('utf8'));
    const bodyColumn = records[0].indexOf('Nội dung góp ý');
    expect(records.slice(1).map((r) => r[bodyColumn])).toEqual(Array.from({ length: total }, (_, i) => long(i)));
    const xlsx = await officer.get(`/can-bo/du-thao/${draft.id}/y-kien-day-du.xlsx`).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(3 + total);
    const column = (ws.getRow(3).values as string[]).indexOf('Nội dung góp ý');
    expect(String(ws.getRow(3 + total).getCell(column).text)).toBe(long(total - 1));
  });
});
