/**
 * RSS/Atom feeds of drafts opened for comment and the sitemap. Only public
 * facts about drafts go in: never an officer's or a commenter's details.
 */
import { Feed } from 'feed';
import type { Db } from '../../db/client.js';
import { DRAFT_DOCUMENT_TYPE_LABELS, type DraftDocumentType } from '../../domain/enums.js';
import { periodEnd } from '../../domain/draft-period.js';
import { formatDate } from '../../lib/format.js';
import type { CurrentWard } from '../../middleware/ward.js';
import { openedDrafts } from './drafts.public.js';

export async function draftFeed(db: Db, ward: CurrentWard, baseUrl: string, now: Date): Promise<Feed> {
  const drafts = await openedDrafts(db, ward.id, now);
  const feed = new Feed({
    title: `Dự thảo lấy ý kiến – ${ward.name}`,
    description: `Các dự thảo văn bản, chính sách được ${ward.committeeName} đăng tải để lấy ý kiến Nhân dân.`,
    id: `${baseUrl}/du-thao`,
    link: `${baseUrl}/du-thao`,
    language: 'vi',
    updated: drafts[0]?.opensAt ?? now,
    generator: false,
    copyright: ward.committeeName,
    feedLinks: { rss: `${baseUrl}/du-thao/feed.rss`, atom: `${baseUrl}/du-thao/feed.atom` },
    author: { name: ward.committeeName, link: baseUrl },
  });
  for (const d of drafts) {
    const type = DRAFT_DOCUMENT_TYPE_LABELS[d.documentType as DraftDocumentType] ?? d.documentType;
    feed.addItem({
      title: d.title,
      id: `${baseUrl}/du-thao/${d.id}`,
      link: `${baseUrl}/du-thao/${d.id}`,
      date: d.opensAt,
      published: d.opensAt,
      description: `${type} do ${d.draftingAgency} chủ trì soạn thảo. Lấy ý kiến từ ngày ${formatDate(d.opensAt)} đến ngày ${formatDate(periodEnd(d))}${d.closedEarlyAt ? ' (kết thúc sớm)' : ''}. ${d.summary}`,
    });
  }
  return feed;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

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
