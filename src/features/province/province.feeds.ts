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
import { buildFeed, xmlText } from '../../lib/feeds.js';
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
  return buildFeed(
    {
      title,
      description,
      updated,
      link: home,
      rssSelf: `${home}/du-thao/feed.rss`,
      atomSelf: `${home}/du-thao/feed.atom`,
      author: { name: `Tỉnh ${provinceName}`, uri: home },
    },
    items,
  );
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
