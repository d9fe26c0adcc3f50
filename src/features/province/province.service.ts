/**
 * The province landing page: every ward, and every draft open for comment
 * across them (search without diacritics, filters by ward and field, pages).
 * Reads every ward on purpose, so each read runs inside acrossWards().
 *
 * Cost stays flat with the number of wards and comments: "open" is a range on
 * the index Draft(state, closesAt) (or Draft(wardId, closesAt) with a ward
 * chosen), comment counts come from the counters triggers keep on Draft, and
 * per-ward and per-field counts are one GROUP BY each over the open drafts.
 */
import type { Db, Prisma } from '../../db/client.js';
import { acrossWards } from '../../db/ward-scope.js';
import { searchTerms } from '../../lib/text.js';
import { daysLeftText } from '../../domain/draft-status.js';

export const LANDING_PAGE_SIZE = 20;

/** Where a ward's public portal answers (the agreed URL scheme: /phuong/<slug>/…). */
export const wardPath = (slug: string) => `/phuong/${encodeURIComponent(slug)}`;

/** Open for comment now: published, opened, not yet closed (the stored CLOSED state is an early close). */
export function openNowWhere(now: Date): Prisma.DraftWhereInput {
  return { state: 'PUBLISHED', opensAt: { lte: now }, closesAt: { gte: now } };
}

export type LandingQuery = { q: string; ward: string; field: string; page: number };

export type LandingDraft = {
  id: string;
  title: string;
  documentType: string;
  draftingAgency: string;
  field: string;
  summary: string;
  opensAt: Date;
  closesAt: Date;
  daysLeftText: string;
  comments: number;
  ward: { slug: string; name: string };
  url: string;
};

export async function provinceLanding(db: Db, now: Date, query: LandingQuery) {
  return acrossWards(async () => {
    const terms = searchTerms(query.q);
    const open = openNowWhere(now);
    const wards = await db.ward.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true, committeeName: true } });
    const chosenWard = wards.find((w) => w.slug === query.ward) ?? null;
    const where: Prisma.DraftWhereInput = {
      ...open,
      ...(chosenWard ? { wardId: chosenWard.id } : {}),
      ...(query.field ? { field: query.field } : {}),
      AND: terms.map((t) => ({ searchText: { contains: t } })),
    };
    const [total, perWard, perField] = await Promise.all([
      db.draft.count({ where }),
      db.draft.groupBy({ by: ['wardId'], where: open, _count: { _all: true } }),
      db.draft.groupBy({ by: ['field'], where: open, _count: { _all: true }, orderBy: { field: 'asc' } }),
    ]);
    const pages = Math.max(1, Math.ceil(total / LANDING_PAGE_SIZE));
    const page = Math.min(Math.max(1, query.page), pages);
    const rows = await db.draft.findMany({
      where,
      orderBy: [{ closesAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * LANDING_PAGE_SIZE,
      take: LANDING_PAGE_SIZE,
      select: {
        id: true,
        wardId: true,
        title: true,
        documentType: true,
        draftingAgency: true,
        field: true,
        summary: true,
        state: true,
        opensAt: true,
        closesAt: true,
        commentsPublished: true,
      },
    });
    const wardById = new Map(wards.map((w) => [w.id, w]));
    const openByWard = new Map(perWard.map((g) => [g.wardId, g._count._all]));
    const drafts: LandingDraft[] = rows.map((d) => {
      const ward = wardById.get(d.wardId) ?? { slug: '', name: '' };
      return {
        id: d.id,
        title: d.title,
        documentType: d.documentType,
        draftingAgency: d.draftingAgency,
        field: d.field,
        summary: d.summary,
        opensAt: d.opensAt,
        closesAt: d.closesAt,
        daysLeftText: daysLeftText(d, now),
        comments: d.commentsPublished,
        ward: { slug: ward.slug, name: ward.name },
        url: `${wardPath(ward.slug)}/du-thao/${d.id}`,
      };
    });
    return {
      terms,
      wards: wards.map((w) => ({
        slug: w.slug,
        name: w.name,
        committeeName: w.committeeName,
        url: `${wardPath(w.slug)}/`,
        openDrafts: openByWard.get(w.id) ?? 0,
      })),
      fields: perField.map((f) => ({ field: f.field, openDrafts: f._count._all })),
      chosenWard: chosenWard?.slug ?? '',
      drafts,
      total,
      page,
      pages,
    };
  });
}

/** Drafts opened for comment in any ward, newest first, for the province feeds (public facts only). */
export async function provinceFeedDrafts(db: Db, now: Date, take = 50) {
  return acrossWards(() =>
    db.draft.findMany({
      where: { state: { not: 'DRAFT' }, opensAt: { lte: now } },
      orderBy: [{ opensAt: 'desc' }, { id: 'asc' }],
      take,
      select: {
        id: true,
        title: true,
        documentType: true,
        draftingAgency: true,
        summary: true,
        opensAt: true,
        closesAt: true,
        closedEarlyAt: true,
        ward: { select: { slug: true, name: true, committeeName: true } },
      },
    }),
  );
}

/** Every ward's public pages worth indexing: its home, plans, draft list and published drafts. */
export async function provinceSitemapEntries(db: Db) {
  return acrossWards(async () => {
    const [wards, plans, drafts] = await Promise.all([
      db.ward.findMany({ orderBy: { slug: 'asc' }, select: { id: true, slug: true } }),
      db.plan.findMany({ where: { published: true }, select: { id: true, wardId: true, updatedAt: true } }),
      db.draft.findMany({ where: { state: { not: 'DRAFT' } }, orderBy: { opensAt: 'desc' }, select: { id: true, wardId: true, updatedAt: true } }),
    ]);
    const byWard = new Map(wards.map((w) => [w.id, [] as { path: string; lastmod?: Date }[]]));
    for (const p of plans) byWard.get(p.wardId)?.push({ path: `/ke-hoach/${p.id}`, lastmod: p.updatedAt });
    for (const d of drafts) byWard.get(d.wardId)?.push({ path: `/du-thao/${d.id}`, lastmod: d.updatedAt });
    const urls: { path: string; lastmod?: Date }[] = [{ path: '/tinh' }];
    for (const w of wards) {
      const base = wardPath(w.slug);
      urls.push({ path: `${base}/` }, { path: `${base}/ke-hoach` }, { path: `${base}/du-thao` });
      for (const u of byWard.get(w.id) ?? []) urls.push({ path: `${base}${u.path}`, lastmod: u.lastmod });
    }
    return urls;
  });
}
