/**
 * RSS/Atom feeds of drafts opened for comment and the sitemap. Only public
 * facts about drafts go in: never an officer's or a commenter's details.
 * The XML is built by xmlbuilder2, which escapes every text node (no CDATA, so
 * a "]]>" in a title cannot end one early); characters XML 1.0 forbids
 * (control characters) are dropped, and plain-text summaries are declared as
 * text, not HTML.
 */
import type { Db } from '../../db/client.js';
import { DRAFT_DOCUMENT_TYPE_LABELS, type DraftDocumentType } from '../../domain/enums.js';
import { periodEnd } from '../../domain/draft-period.js';
import { buildFeed, type Feed, type FeedItem, xmlText } from '../../lib/feeds.js';
import { formatDate } from '../../lib/format.js';
import type { CurrentWard } from '../../middleware/ward.js';
import { openedDrafts } from './drafts.public.js';

export type DraftFeed = Feed;

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
  return buildFeed(
    {
      title,
      description,
      updated,
      link: `${baseUrl}/du-thao`,
      rssSelf: `${baseUrl}/du-thao/feed.rss`,
      atomSelf: `${baseUrl}/du-thao/feed.atom`,
      rights: ward.committeeName,
      author: { name: ward.committeeName, uri: baseUrl },
    },
    items,
  );
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
