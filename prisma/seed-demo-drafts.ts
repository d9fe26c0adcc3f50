import type { Tx } from '../src/db/client.js';
import { refreshSearchText, sectionSearchText, splitDraftText, syncPortalActivity } from '../src/features/drafts/index.js';
import { dayjs, endOfDay, TIME_ZONE } from '../src/lib/format.js';
import { demoActivityAnchor } from './seed-demo-plan.js';

/**
 * The demo drafts are dated relative to the anchor day, so their effective dates must be
 * too: a resolution takes effect on the first day of a month at least 60 days
 * after its consultation closes, a law on 1 January of the year after next.
 */
export function effectiveAfter(closesAt: Date, kind: 'LAW' | 'OTHER'): Date {
  const closed = dayjs(closesAt).tz(TIME_ZONE);
  return (kind === 'LAW' ? closed.add(1, 'year').startOf('year').add(1, 'year') : closed.add(60, 'day').add(1, 'month').startOf('month')).toDate();
}

/** "có hiệu lực … từ ngày 01 tháng 01 năm 2026" → the computed date. */
export function withEffectiveDate(text: string, date: Date): string {
  const d = dayjs(date).tz(TIME_ZONE);
  return text.replace(/(hiệu lực(?: thi hành)? từ ngày) \d{2} tháng \d{2} năm \d{4}/g, `$1 ${d.format('DD')} tháng ${d.format('MM')} năm ${d.year()}`);
}
import * as text from './seed-demo-drafts-text.js';
import { seedDemoComments } from './seed-demo-comments.js';

export type SeededVersion = { id: string; number: number; sections: Record<string, string> /* key → section id */ };
export type SeededDraft = { draftId: string; versions: SeededVersion[] };
/** What the comments seed builds on: the open law, the closed resolution (two versions), the upcoming decision. */
export type SeededDrafts = { law: SeededDraft; resolution: SeededDraft; upcoming: SeededDraft };

type SeedCtx = { wardId: string; planId: string; now: Date };

/**
 * Demo drafts: a draft law open now (task 3), a provincial resolution closed some weeks ago with two versions (task 2
 * and its trigger), an upcoming ward decision. The resolution is the plan's history (task 2's reports, the obstacles
 * about its posting, the answered summary): it is dated from the plan activity's anchor (demoActivityAnchor), so
 * seeded after the plan's year it still falls in that year, with its comments. The law and the ward decision are dated
 * from today, so a newcomer (and the browser tests, on the real clock) always finds a draft to comment on.
 */
export async function seedDemoDrafts(tx: Tx, ctx: SeedCtx): Promise<SeededDrafts> {
  const plan = await tx.plan.findUniqueOrThrow({ where: { id: ctx.planId }, select: { year: true } });
  const historyAnchor = demoActivityAnchor(plan.year, ctx.now);
  const anchorDay = dayjs(historyAnchor).tz(TIME_ZONE).startOf('day');
  const past = (offset: number) => anchorDay.add(offset, 'day').toDate();
  const today = dayjs(ctx.now).tz(TIME_ZONE).startOf('day');
  const day = (offset: number) => today.add(offset, 'day').toDate();
  const tasks = await tx.task.findMany({ where: { planId: ctx.planId }, select: { id: true, ordinal: true, triggerDays: true } });
  const task = (ordinal: number) => {
    const t = tasks.find((x) => x.ordinal === ordinal);
    if (!t) throw new Error(`seed: task ${ordinal} missing`);
    return t;
  };
  const officer = await tx.user.findFirst({ where: { wardId: ctx.wardId, role: 'JUSTICE' }, select: { id: true } });

  // The drafting agency's request that started task 2 for the resolution: reuse one already recorded, or record it.
  const task2 = task(2);
  const trigger =
    (await tx.taskTrigger.findFirst({ where: { taskId: task2.id }, orderBy: { receivedOn: 'asc' } })) ??
    (await tx.taskTrigger.create({
      data: {
        taskId: task2.id,
        documentNumber: '2154/SNV-XDCQ',
        issuedOn: past(-66),
        issuer: 'Sở Nội vụ tỉnh Quảng Ngãi',
        summary: 'Đề nghị phối hợp lấy ý kiến Nhân dân đối với dự thảo Nghị quyết quy định mức hỗ trợ kinh phí hoạt động của tổ dân phố',
        receivedOn: past(-64),
        dueOn: past(-64 + (task2.triggerDays ?? 30)),
        recordedById: officer?.id ?? null,
      },
    }));
  const task3Trigger = await tx.taskTrigger.findFirst({ where: { taskId: task(3).id }, orderBy: { receivedOn: 'desc' }, select: { id: true } });

  const law = await createDraft(tx, ctx, officer?.id ?? null, {
    title: text.LAW_TITLE,
    documentType: 'LAW',
    draftingAgency: 'Bộ Nông nghiệp và Môi trường',
    field: 'Đất đai',
    summary: text.LAW_SUMMARY,
    affectedGroups: text.LAW_AFFECTED,
    taskId: task(3).id,
    triggerId: task3Trigger?.id ?? null,
    opensAt: day(-10),
    closesAt: endOfDay(day(20)),
    publishImmediately: false,
    state: 'PUBLISHED',
    versions: [{ text: withEffectiveDate(text.LAW_TEXT, effectiveAfter(endOfDay(day(20)), 'LAW')), changeSummary: '', publishedAt: day(-10) }],
  });

  const resolution = await createDraft(tx, ctx, officer?.id ?? null, {
    title: text.RESOLUTION_TITLE,
    documentType: 'PROVINCIAL_RESOLUTION',
    draftingAgency: 'Sở Nội vụ tỉnh Quảng Ngãi',
    field: 'Chính quyền cơ sở, tài chính – ngân sách',
    summary: text.RESOLUTION_SUMMARY,
    affectedGroups: text.RESOLUTION_AFFECTED,
    taskId: task2.id,
    triggerId: trigger.id,
    opensAt: past(-60),
    closesAt: endOfDay(past(-36)),
    publishImmediately: false,
    state: 'PUBLISHED',
    versions: [
      { text: withEffectiveDate(text.RESOLUTION_V1, effectiveAfter(endOfDay(past(-36)), 'OTHER')), changeSummary: '', publishedAt: past(-60) },
      {
        text: withEffectiveDate(text.RESOLUTION_V2, effectiveAfter(endOfDay(past(-36)), 'OTHER')),
        changeSummary: text.RESOLUTION_CHANGES,
        publishedAt: past(-45),
      },
    ],
  });

  const upcoming = await createDraft(tx, ctx, officer?.id ?? null, {
    title: text.UPCOMING_TITLE,
    documentType: 'WARD_DECISION',
    draftingAgency: 'Công chức Văn hóa – Xã hội, UBND phường Trương Quang Trọng',
    field: 'Văn hóa – xã hội',
    summary: text.UPCOMING_SUMMARY,
    affectedGroups: text.UPCOMING_AFFECTED,
    taskId: task2.id,
    triggerId: null,
    opensAt: day(5),
    closesAt: endOfDay(day(29)),
    publishImmediately: true,
    state: 'PUBLISHED',
    versions: [{ text: withEffectiveDate(text.UPCOMING_TEXT, effectiveAfter(endOfDay(day(29)), 'OTHER')), changeSummary: '', publishedAt: day(-1) }],
  });

  const seeded = { law, resolution, upcoming };
  await seedDemoComments(tx, ctx, seeded, historyAnchor);
  return seeded;
}

type DemoDraft = {
  title: string;
  documentType: string;
  draftingAgency: string;
  field: string;
  summary: string;
  affectedGroups: string;
  taskId: string;
  triggerId: string | null;
  opensAt: Date;
  closesAt: Date;
  publishImmediately: boolean;
  state: string;
  versions: { text: string; changeSummary: string; publishedAt: Date }[];
};

export async function createDraft(tx: Tx, ctx: SeedCtx, createdById: string | null, d: DemoDraft): Promise<SeededDraft> {
  const { versions, ...fields } = d;
  const draft = await tx.draft.create({ data: { ...fields, wardId: ctx.wardId, createdById } });
  const seeded: SeededVersion[] = [];
  for (const [i, v] of versions.entries()) {
    const version = await tx.draftVersion.create({
      data: { draftId: draft.id, number: i + 1, changeSummary: v.changeSummary, publishedAt: v.publishedAt },
    });
    const sections: Record<string, string> = {};
    for (const [j, s] of splitDraftText(v.text).entries()) {
      const row = await tx.draftSection.create({ data: { versionId: version.id, sortOrder: j + 1, ...s, searchText: sectionSearchText(s) } });
      sections[s.key] = row.id;
    }
    seeded.push({ id: version.id, number: version.number, sections });
  }
  await refreshSearchText(tx, draft.id);
  await syncPortalActivity(tx, draft.id);
  return { draftId: draft.id, versions: seeded };
}
