/**
 * RSS/Atom feeds of drafts opened for comment and the sitemap. Only public
 * facts about drafts go in: never an officer's or a commenter's details.
 * The XML is built by xmlbuilder2, which escapes every text node (no CDATA, so
 * a "]]>" in a title cannot end one early); characters XML 1.0 forbids
 * (control characters) are dropped, and plain-text summaries are declared as
 * text, not HTML.
 */
import { create } from 'xmlbuilder2';
import type { Db } from '../../db/client.js';
import { DRAFT_DOCUMENT_TYPE_LABELS, type DraftDocumentType } from '../../domain/enums.js';
import { periodEnd } from '../../domain/draft-period.js';
import { formatDate } from '../../lib/format.js';
import type { CurrentWard } from '../../middleware/ward.js';
import { openedDrafts } from './drafts.public.js';

type FeedItem = { title: string; url: string; date: Date; description: string };
export type DraftFeed = { rss2: () => string; atom1: () => string };

/** Characters XML 1.0 does not allow, even escaped: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML forbids is the point.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
export const xmlText = (s: string) => s.replace(NOT_XML, '');

export async function draftFeed(db: Db, ward: CurrentWard, baseUrl: string, now: Date): Promise<DraftFeed> {
  const drafts = await openedDrafts(db, ward.id, now);
  const title = `Dự thảo lấy ý kiến – ${ward.name}`;
  const description = `Các dự thảo văn bản, chính sách được ${ward.committeeName} đăng tải để lấy ý kiến Nhân dân.`;
  const updated = drafts[0]?.opensAt ?? now;
  const items: FeedItem[] = drafts.map((d) => {
    const type = DRAFT_DOCUMENT_TYPE_LABELS[d.documentType as DraftDocumentType] ?? d.documentType;
    return {
      title: d.title,
      url: `${baseUrl}/du-thao/${d.id}`,
      date: d.opensAt,
      description: `${type} do ${d.draftingAgency} chủ trì soạn thảo. Lấy ý kiến từ ngày ${formatDate(d.opensAt)} đến ngày ${formatDate(periodEnd(d))}${d.closedEarlyAt ? ' (kết thúc sớm)' : ''}. ${d.summary}`,
    };
  });
  return {
    rss2: () => {
      const channel = create({ version: '1.0', encoding: 'utf-8' }).ele('rss', { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom' }).ele('channel');
      channel.ele('title').txt(xmlText(title));
      channel.ele('link').txt(`${baseUrl}/du-thao`);
      channel.ele('description').txt(xmlText(description));
      channel.ele('lastBuildDate').txt(updated.toUTCString());
      channel.ele('language').txt('vi');
      channel.ele('copyright').txt(xmlText(ward.committeeName));
      channel.ele('atom:link', { href: `${baseUrl}/du-thao/feed.rss`, rel: 'self', type: 'application/rss+xml' });
      for (const item of items) {
        const el = channel.ele('item');
        el.ele('title').txt(xmlText(item.title));
        el.ele('link').txt(item.url);
        el.ele('guid', { isPermaLink: 'true' }).txt(item.url);
        el.ele('pubDate').txt(item.date.toUTCString());
        // RSS 2.0 descriptions are HTML by definition: the escaped plain text reads the same.
        el.ele('description').txt(xmlText(item.description));
      }
      return channel.end({ prettyPrint: true });
    },
    atom1: () => {
      const feed = create({ version: '1.0', encoding: 'utf-8' }).ele('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'vi' });
      feed.ele('id').txt(`${baseUrl}/du-thao`);
      feed.ele('title', { type: 'text' }).txt(xmlText(title));
      feed.ele('subtitle', { type: 'text' }).txt(xmlText(description));
      feed.ele('updated').txt(updated.toISOString());
      feed.ele('link', { href: `${baseUrl}/du-thao` });
      feed.ele('link', { rel: 'self', href: `${baseUrl}/du-thao/feed.atom` });
      feed.ele('rights', { type: 'text' }).txt(xmlText(ward.committeeName));
      feed.ele('author').ele('name').txt(xmlText(ward.committeeName)).up().ele('uri').txt(baseUrl);
      for (const item of items) {
        const entry = feed.ele('entry');
        entry.ele('title', { type: 'text' }).txt(xmlText(item.title));
        entry.ele('id').txt(item.url);
        entry.ele('link', { href: item.url });
        entry.ele('updated').txt(item.date.toISOString());
        entry.ele('published').txt(item.date.toISOString());
        entry.ele('summary', { type: 'text' }).txt(xmlText(item.description));
      }
      return feed.end({ prettyPrint: true });
    },
  };
}

const xmlEscape = (s: string) => xmlText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The public pages worth indexing: home, the plans, the draft list and every published draft. */
export async function sitemapXml(db: Db, wardId: string, baseUrl: string): Promise<string> {
  const [plans, drafts] = await Promise.all([
    db.plan.findMany({ where: { wardId, published: true }, select: { id: true, updatedAt: true } }),
    db.draft.findMany({ where: { wardId, state: { not: 'DRAFT' } }, orderBy: { opensAt: 'desc' }, select: { id: true, updatedAt: true } }),
  ]);
  const urls: { loc: string; lastmod?: Date }[] = [
    { loc: `${baseUrl}/` },
    { loc: `${baseUrl}/ke-hoach` },
    ...plans.map((p) => ({ loc: `${baseUrl}/ke-hoach/${p.id}`, lastmod: p.updatedAt })),
    { loc: `${baseUrl}/du-thao` },
    ...drafts.map((d) => ({ loc: `${baseUrl}/du-thao/${d.id}`, lastmod: d.updatedAt })),
  ];
  const body = urls
    .map((u) => `  <url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}
