/**
 * The province's RSS/Atom feeds and sitemap: the drafts and public pages of
 * every ward. Built like the ward's own (drafts.feeds.ts): xmlbuilder2 escapes
 * every text node and characters XML 1.0 forbids are dropped.
 */
import { create } from 'xmlbuilder2';
import type { Db } from '../../db/client.js';
import { DRAFT_DOCUMENT_TYPE_LABELS, type DraftDocumentType } from '../../domain/enums.js';
import { periodEnd } from '../../domain/draft-period.js';
import { formatDate } from '../../lib/format.js';
import { xmlText } from '../drafts/index.js';
import { provinceFeedDrafts, provinceSitemapEntries, wardPath } from './province.service.js';

export async function provinceFeed(db: Db, provinceName: string, baseUrl: string, now: Date) {
  const drafts = await provinceFeedDrafts(db, now);
  const title = `Dự thảo lấy ý kiến – các phường, xã tỉnh ${provinceName}`;
  const description = `Các dự thảo văn bản, chính sách được Ủy ban nhân dân các phường, xã tỉnh ${provinceName} đăng tải để lấy ý kiến Nhân dân.`;
  const updated = drafts[0]?.opensAt ?? now;
  const home = `${baseUrl}/tinh`;
  const items = drafts.map((d) => {
    const type = DRAFT_DOCUMENT_TYPE_LABELS[d.documentType as DraftDocumentType] ?? d.documentType;
    return {
      title: `${d.title} (${d.ward.name})`,
      url: `${baseUrl}${wardPath(d.ward.slug)}/du-thao/${d.id}`,
      date: d.opensAt,
      author: d.ward.committeeName,
      description: `${type} do ${d.draftingAgency} chủ trì soạn thảo. Lấy ý kiến từ ngày ${formatDate(d.opensAt)} đến ngày ${formatDate(periodEnd(d))}${d.closedEarlyAt ? ' (kết thúc sớm)' : ''}. ${d.summary}`,
    };
  });
  return {
    rss2: () => {
      const channel = create({ version: '1.0', encoding: 'utf-8' }).ele('rss', { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom' }).ele('channel');
      channel.ele('title').txt(xmlText(title));
      channel.ele('link').txt(home);
      channel.ele('description').txt(xmlText(description));
      channel.ele('lastBuildDate').txt(updated.toUTCString());
      channel.ele('language').txt('vi');
      channel.ele('atom:link', { href: `${home}/du-thao/feed.rss`, rel: 'self', type: 'application/rss+xml' });
      for (const item of items) {
        const el = channel.ele('item');
        el.ele('title').txt(xmlText(item.title));
        el.ele('link').txt(item.url);
        el.ele('guid', { isPermaLink: 'true' }).txt(item.url);
        el.ele('pubDate').txt(item.date.toUTCString());
        el.ele('description').txt(xmlText(item.description));
      }
      return channel.end({ prettyPrint: true });
    },
    atom1: () => {
      const feed = create({ version: '1.0', encoding: 'utf-8' }).ele('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'vi' });
      feed.ele('id').txt(home);
      feed.ele('title', { type: 'text' }).txt(xmlText(title));
      feed.ele('subtitle', { type: 'text' }).txt(xmlText(description));
      feed.ele('updated').txt(updated.toISOString());
      feed.ele('link', { href: home });
      feed.ele('link', { rel: 'self', href: `${home}/du-thao/feed.atom` });
      feed
        .ele('author')
        .ele('name')
        .txt(xmlText(`Tỉnh ${provinceName}`))
        .up()
        .ele('uri')
        .txt(home);
      for (const item of items) {
        const entry = feed.ele('entry');
        entry.ele('title', { type: 'text' }).txt(xmlText(item.title));
        entry.ele('id').txt(item.url);
        entry.ele('link', { href: item.url });
        entry.ele('updated').txt(item.date.toISOString());
        entry.ele('published').txt(item.date.toISOString());
        entry.ele('author').ele('name').txt(xmlText(item.author));
        entry.ele('summary', { type: 'text' }).txt(xmlText(item.description));
      }
      return feed.end({ prettyPrint: true });
    },
  };
}

export async function provinceSitemapXml(db: Db, baseUrl: string): Promise<string> {
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' });
  for (const u of await provinceSitemapEntries(db)) {
    const url = doc.ele('url');
    url.ele('loc').txt(xmlText(`${baseUrl}${u.path}`));
    if (u.lastmod) url.ele('lastmod').txt(u.lastmod.toISOString().slice(0, 10));
  }
  return doc.end({ prettyPrint: true });
}
