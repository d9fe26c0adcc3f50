/**
 * The text of a draft, version by version. Before publication the officer edits
 * one working version; afterwards every revision is a new published version, so
 * each comment stays attached to the text it was made on.
 */
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { FormError } from '../../lib/validation.js';
import { refreshSearchText, draftForWard } from './drafts.service.js';
import { MAX_SECTIONS, type ParsedSection, sectionSearchText, splitDraftText } from './drafts.text.js';
import { wordDiff, type DiffPart } from './word-diff.js';

/** Splits typed or imported text, refusing text in which nothing was found. */
export function parseText(text: string, field = 'text'): ParsedSection[] {
  const sections = splitDraftText(text);
  if (sections.length === 0) throw FormError.of(field, 'Không tìm thấy nội dung nào trong văn bản.');
  if (sections.length > MAX_SECTIONS) throw FormError.of(field, `Văn bản có quá nhiều phần (tối đa ${MAX_SECTIONS} chương, mục, điều).`);
  return sections;
}

function sectionRows(versionId: string, sections: ParsedSection[]) {
  return sections.map((s, i) => ({ versionId, sortOrder: i + 1, ...s, searchText: sectionSearchText(s) }));
}

/** The newest version (the one residents read and comment on once published). */
export async function latestVersion(db: Db | Tx, draftId: string) {
  return db.draftVersion.findFirst({
    where: { draftId },
    orderBy: { number: 'desc' },
    include: { sections: { orderBy: { sortOrder: 'asc' } } },
  });
}

/** The version residents comment on: the newest published one, or the newest at all before publication. */
export async function currentVersion(db: Db, draftId: string) {
  const published = await db.draftVersion.findFirst({ where: { draftId, publishedAt: { not: null } }, orderBy: { number: 'desc' } });
  return published ?? db.draftVersion.findFirst({ where: { draftId }, orderBy: { number: 'desc' } });
}

/** The version numbers of a draft, oldest first; only published ones when `publishedOnly`. */
export async function versionNumbers(db: Db, draftId: string, publishedOnly: boolean): Promise<number[]> {
  const rows = await db.draftVersion.findMany({
    where: { draftId, ...(publishedOnly ? { publishedAt: { not: null } } : {}) },
    orderBy: { number: 'asc' },
    select: { number: true },
  });
  return rows.map((r) => r.number);
}

/** Replaces the working text of a draft not yet published (creating version 1 the first time). */
export async function saveWorkingText(db: Db, actor: Actor, draftId: string, sections: ParsedSection[]) {
  await db.$transaction(async (tx) => {
    const draft = await draftForWard(tx, actor.wardId, draftId);
    if (draft.state !== 'DRAFT') throw AppError.conflict('Dự thảo đã đăng tải: hãy đăng phiên bản mới thay vì sửa nội dung.');
    let version = await tx.draftVersion.findFirst({ where: { draftId }, orderBy: { number: 'desc' } });
    if (!version) version = await tx.draftVersion.create({ data: { draftId, number: 1 } });
    const before = await tx.draftSection.count({ where: { versionId: version.id } });
    await tx.draftSection.deleteMany({ where: { versionId: version.id } });
    await tx.draftSection.createMany({ data: sectionRows(version.id, sections) });
    await refreshSearchText(tx, draftId);
    await audit(tx, actor, {
      action: 'draft.text',
      entityType: 'DraftVersion',
      entityId: version.id,
      before: { sections: before },
      after: { sections: sections.length, keys: sections.map((s) => s.key) },
    });
  });
}

/** A revision by the drafting agency: a new published version with a summary of what changed. */
export async function publishNewVersion(db: Db, actor: Actor, draftId: string, sections: ParsedSection[], changeSummary: string, now: Date) {
  return db.$transaction(async (tx) => {
    const draft = await draftForWard(tx, actor.wardId, draftId);
    if (draft.state === 'DRAFT') throw AppError.conflict('Dự thảo chưa đăng tải: hãy sửa nội dung trực tiếp.');
    if (draft.state === 'ANSWERED') throw AppError.conflict('Dự thảo đã công bố tiếp thu, giải trình; không thể thêm phiên bản.');
    const last = await tx.draftVersion.findFirst({ where: { draftId }, orderBy: { number: 'desc' } });
    const version = await tx.draftVersion.create({ data: { draftId, number: (last?.number ?? 0) + 1, changeSummary, publishedAt: now } });
    await tx.draftSection.createMany({ data: sectionRows(version.id, sections) });
    await refreshSearchText(tx, draftId);
    await audit(tx, actor, {
      action: 'draft.version',
      entityType: 'DraftVersion',
      entityId: version.id,
      after: { number: version.number, changeSummary, sections: sections.length },
    });
    return version;
  });
}

export async function versionList(db: Db, draftId: string) {
  return db.draftVersion.findMany({
    where: { draftId },
    orderBy: { number: 'asc' },
    select: { id: true, number: true, changeSummary: true, publishedAt: true, _count: { select: { sections: true, comments: true } } },
  });
}

export type ComparedSection = {
  key: string;
  label: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  before: { heading: string; body: string } | null;
  after: { heading: string; body: string } | null;
  diff: DiffPart[];
};

/**
 * Two versions side by side, article by article (matched by key), in the order
 * of the newer text; removed parts appear after the part that preceded them.
 */
export async function compareVersions(db: Db, draftId: string, fromNumber: number, toNumber: number) {
  const [from, to] = await Promise.all(
    [fromNumber, toNumber].map((number) =>
      db.draftVersion.findUnique({
        where: { draftId_number: { draftId, number } },
        include: { sections: { orderBy: { sortOrder: 'asc' } } },
      }),
    ),
  );
  if (!from || !to) throw AppError.notFound('Không tìm thấy phiên bản cần so sánh.');
  const fromByKey = new Map(from.sections.map((s) => [s.key, s]));
  const toKeys = new Set(to.sections.map((s) => s.key));
  const removedAfter = new Map<string, typeof from.sections>();
  let anchor = '';
  for (const s of from.sections) {
    if (toKeys.has(s.key)) anchor = s.key;
    else removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), s]);
  }
  const rows: ComparedSection[] = [];
  const removed = (key: string) => {
    for (const s of removedAfter.get(key) ?? []) {
      rows.push({ key: s.key, label: s.label, change: 'removed', before: s, after: null, diff: [] });
    }
  };
  removed('');
  for (const s of to.sections) {
    const old = fromByKey.get(s.key);
    if (!old) rows.push({ key: s.key, label: s.label, change: 'added', before: null, after: s, diff: [] });
    else {
      const same = old.heading === s.heading && old.body === s.body;
      rows.push({
        key: s.key,
        label: s.label,
        change: same ? 'unchanged' : 'changed',
        before: old,
        after: s,
        diff: same ? [] : wordDiff(`${old.heading}\n${old.body}`, `${s.heading}\n${s.body}`),
      });
    }
    removed(s.key);
  }
  return { from, to, rows };
}
