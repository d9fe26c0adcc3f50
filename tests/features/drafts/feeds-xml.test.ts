/** The feeds stay well-formed XML whatever officers type into a draft's title and summary. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

const HOSTILE_TITLE = 'Dự thảo ]]> <b>in đậm</b> & "trích" \u0001\u000b kết thúc';
const HOSTILE_SUMMARY = 'Tóm tắt ]]><![CDATA[ chèn ]]> <script>alert(1)</script> \u001f hết';

describe('feeds with hostile text', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp();
    const law = await t.db.draft.findFirstOrThrow({ where: { documentType: 'LAW' } });
    id = law.id;
    await t.db.draft.update({ where: { id }, data: { title: HOSTILE_TITLE, summary: HOSTILE_SUMMARY } });
  });
  afterAll(() => t.close());

  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

  it('keeps RSS valid and the text intact (control characters dropped)', async () => {
    const res = await t.agent().get('/du-thao/feed.rss');
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(res.text)).toBe(true);
    const items = [parser.parse(res.text).rss.channel.item].flat();
    const item = items.find((i: { link: string }) => i.link.endsWith(id));
    expect(item.title).toBe('Dự thảo ]]> <b>in đậm</b> & "trích"  kết thúc');
    expect(item.description).toContain('Tóm tắt ]]><![CDATA[ chèn ]]> <script>alert(1)</script>  hết');
    expect(res.text).not.toContain('<script>');
  });

  it('keeps Atom valid and declares the plain-text title and summary as text', async () => {
    const res = await t.agent().get('/du-thao/feed.atom');
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(res.text)).toBe(true);
    const entries = [parser.parse(res.text).feed.entry].flat();
    const entry = entries.find((e: { id: string }) => e.id.endsWith(id));
    expect(entry.title['@type']).toBe('text');
    expect(entry.title['#text']).toBe('Dự thảo ]]> <b>in đậm</b> & "trích"  kết thúc');
    expect(entry.summary['@type']).toBe('text');
    expect(entry.summary['#text']).toContain('<script>alert(1)</script>');
    expect(res.text).not.toContain('type="html"');
  });

  it('keeps the sitemap valid', async () => {
    const res = await t.agent().get('/sitemap.xml');
    expect(XMLValidator.validate(res.text)).toBe(true);
  });
});
