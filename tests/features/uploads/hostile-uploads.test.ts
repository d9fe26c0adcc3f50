/**
 * Hostile uploads: a zip bomb posing as a .docx, a PDF named .html, names with
 * NUL or right-to-left override characters, and a broken multipart body.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, csrfToken, visibleText, type TestApp, multipartAction } from '../../helpers/test-app.js';
import { createDraftVia, makeDocx, PDF } from '../drafts/draft-helpers.js';
import { bombDocx } from '../../../scripts/measure/zip-bomb-file.js';

/** A multipart body written by hand, so a file name can carry bytes a client library would refuse. */
function multipartBody(boundary: string, token: string, fileNameParam: Buffer, content: Buffer) {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nSUBMISSION\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; `),
    fileNameParam,
    Buffer.from(`\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe('hostile uploads', () => {
  let t: TestApp;
  let agent: TestAgent;
  let draftId: string;
  beforeAll(async () => {
    t = await createTestApp();
    agent = await t.loginAs('tuphap');
    draftId = await createDraftVia(t, agent);
  });
  afterAll(() => t.close());

  const tmpFiles = () => (fs.existsSync(path.join(t.dataDir, 'tmp')) ? fs.readdirSync(path.join(t.dataDir, 'tmp')) : []);

  it('refuses a zip-bomb .docx import on the form with a Vietnamese error, before mammoth reads it', async () => {
    const bomb = await bombDocx(false, 60); // a real .docx plus 60 MB of zeros, past the 50 MB bound
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const token = await csrfToken(agent, `/can-bo/du-thao/${draftId}/noi-dung`);
    const res = await agent.post(multipartAction(`/can-bo/du-thao/${draftId}/nhap-docx`, token)).attach('docx', bomb, 'du-thao.docx');
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('có kích thước giải nén bất thường');
    // Nothing was imported, and the temporary upload is gone.
    expect(await t.db.draftSection.count({ where: { version: { draftId } } })).toBe(0);
    await vi.waitFor(() => expect(tmpFiles()).toEqual([]));
  });

  it('refuses a bomb whose zip directory lies about the unpacked size', async () => {
    const bomb = await bombDocx(true, 80); // declares 1 KB, inflates to 80 MB
    const token = await csrfToken(agent, `/can-bo/du-thao/${draftId}/noi-dung`);
    const res = await agent.post(multipartAction(`/can-bo/du-thao/${draftId}/nhap-docx`, token)).attach('docx', bomb, 'du-thao.docx');
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('có kích thước giải nén bất thường');
  });

  it('still imports an ordinary .docx', async () => {
    const token = await csrfToken(agent, `/can-bo/du-thao/${draftId}/noi-dung`);
    const docx = await makeDocx(['Điều 1. Phạm vi điều chỉnh', 'Nội dung điều một.']);
    const res = await agent.post(multipartAction(`/can-bo/du-thao/${draftId}/nhap-docx`, token)).attach('docx', docx, 'du-thao.docx');
    expect(res.status).toBe(200);
    expect(visibleText(res.text)).toContain('Phạm vi điều chỉnh');
  });

  it('serves a PDF named .html as a PDF download, never as a page', async () => {
    const token = await csrfToken(agent, `/can-bo/du-thao/${draftId}/tep`);
    const up = await agent
      .post(multipartAction(`/can-bo/du-thao/${draftId}/tep`, token))
      .field('kind', 'OTHER')
      .attach('files', PDF, 'trang.html');
    expect(up.status).toBe(303);
    const file = await t.db.storedFile.findFirstOrThrow({ where: { draftId, originalName: { startsWith: 'trang' } } });
    expect(file.originalName).toBe('trang.html.pdf');
    const res = await agent.get(`/du-thao/${draftId}/tep/${file.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="trang\.html\.pdf"; filename\*=UTF-8''trang\.html\.pdf$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('strips a right-to-left override so the name cannot disguise its extension', async () => {
    const token = await csrfToken(agent, `/can-bo/du-thao/${draftId}/tep`);
    // Shown by a browser as "bao-caoexe.pdf"; really a name ending in ".exe".
    const up = await agent
      .post(multipartAction(`/can-bo/du-thao/${draftId}/tep`, token))
      .field('kind', 'OTHER')
      .attach('files', PDF, 'bao-cao\u202Efdp.exe');
    expect(up.status).toBe(303);
    const file = await t.db.storedFile.findFirstOrThrow({ where: { draftId, originalName: { startsWith: 'bao-cao' } } });
    expect(file.originalName).toBe('bao-caofdp.exe.pdf');
    expect(file.mimeType).toBe('application/pdf');
    const res = await agent.get(`/du-thao/${draftId}/tep/${file.id}`);
    expect(res.headers['content-disposition']).not.toMatch(/%E2%80%AE|\u202E/);
  });

  it('names a download with a Vietnamese name by RFC 5987 filename*', async () => {
    const token = await csrfToken(agent, `/can-bo/du-thao/${draftId}/tep`);
    await agent
      .post(multipartAction(`/can-bo/du-thao/${draftId}/tep`, token))
      .field('kind', 'OTHER')
      .attach('files', PDF, 'Tờ trình.pdf');
    const file = await t.db.storedFile.findFirstOrThrow({ where: { draftId, originalName: 'Tờ trình.pdf' } });
    const res = await agent.get(`/du-thao/${draftId}/tep/${file.id}`);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Tờ trình.pdf')}`);
  });

  it('answers a NUL byte in a file name with a 400, saving nothing', async () => {
    const before = await t.db.storedFile.count({ where: { draftId } });
    const boundary = 'ranhgioi123';
    const send = async (param: Buffer) => {
      const token = await csrfToken(agent, `/can-bo/du-thao/${draftId}/tep`);
      const body = multipartBody(boundary, token, param, PDF);
      return agent
        .post(multipartAction(`/can-bo/du-thao/${draftId}/tep`, token))
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(body);
    };
    // Encoded (RFC 5987): the name parses, and the form says what is wrong with it.
    const encoded = await send(Buffer.from(`filename*=UTF-8''a%00.pdf`));
    expect(encoded.status).toBe(400);
    expect(visibleText(encoded.text)).toContain('Tên tệp chứa ký tự không hợp lệ');
    // A raw NUL inside the header: the part cannot be parsed at all.
    const raw = await send(Buffer.from('filename="a\u0000.pdf"', 'latin1'));
    expect(raw.status).toBe(400);
    expect(visibleText(raw.text)).toContain('Dữ liệu tải lên bị hỏng hoặc không đầy đủ');
    expect(await t.db.storedFile.count({ where: { draftId } })).toBe(before);
  });

  it('answers a malformed multipart body with a clear 400, not 500', async () => {
    const token = await csrfToken(agent, `/can-bo/du-thao/${draftId}/tep`);
    const boundary = 'ranhgioi456';
    const cut = multipartBody(boundary, token, Buffer.from('filename="a.pdf"'), PDF).subarray(0, 200); // the body stops mid-part
    const res = await agent
      .post(multipartAction(`/can-bo/du-thao/${draftId}/tep`, token))
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(cut);
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Dữ liệu tải lên bị hỏng hoặc không đầy đủ');
    const noBoundary = await agent
      .post(multipartAction(`/can-bo/du-thao/${draftId}/tep`, token))
      .set('Content-Type', 'multipart/form-data')
      .send('xx');
    expect(noBoundary.status).toBe(400);
    await vi.waitFor(() => expect(tmpFiles()).toEqual([]));
  });
});
