import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, visibleText } from '../../helpers/test-app.js';
import { groupId, makeDraft, postComment, validComment } from './fixtures.js';

const mails = (t: TestApp) => {
  const dir = path.join(t.dataDir, 'mail');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')) : [];
};

describe('the comment receipt by e-mail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('is sent at submission to the address given with consent, and only then', async () => {
    const draft = await makeDraft(t);
    const group = await groupId(t);
    const without = await postComment(t.agent(), draft.id, validComment(group));
    expect(without.status).toBe(303);
    expect(mails(t)).toHaveLength(0);

    const a = t.agent();
    const res = await postComment(a, draft.id, validComment(group, { email: 'Mai@Example.vn', consent: '1' }));
    expect(res.status).toBe(303);
    const code = res.headers.location.split('/').pop()!;
    const sent = mails(t);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('To: mai@example.vn');
    expect(sent[0]).toContain(code);
    const receipt = await a.get(res.headers.location);
    expect(visibleText(receipt.text)).toContain('Mã này cũng đã được gửi đến thư điện tử của bạn.');
    // The page never shows the address.
    expect(receipt.text).not.toContain('mai@example.vn');
  });
});
