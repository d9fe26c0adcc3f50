import type { Db, Tx } from '../../db/client.js';
import { type Actor, audit } from '../../lib/audit.js';
import { dayjs, formalDateLine, formatDate, TIME_ZONE, toInputDate } from '../../lib/format.js';
import { AppError } from '../../lib/app-error.js';
import { FormError } from '../../lib/validation.js';
import { presentTask } from '../../domain/task-status.js';
import type { PlanInput } from './plans.schemas.js';

const taskInclude = {
  units: { include: { unit: { select: { id: true, name: true, shortName: true, kind: true, sortOrder: true } } } },
  triggers: { select: { receivedOn: true, dueOn: true }, orderBy: { receivedOn: 'asc' as const } },
};

/** "Số: 12/KH-UBND", or a blank for the number when none is known yet (never "null"). */
export function planNumberLabel(plan: { number: number | null; symbol: string }): string {
  return plan.number ? `${plan.number}/${plan.symbol}` : `/${plan.symbol}`;
}

/** The place and date line; a plan not yet dated keeps blanks for the officer's pen. */
export function planDateLine(plan: { place: string; issuedOn: Date | null; year: number }): string {
  return plan.issuedOn ? formalDateLine(plan.place, plan.issuedOn) : `${plan.place}, ngày … tháng … năm ${plan.year}`;
}

export async function listPublishedPlans(db: Db, wardId: string) {
  return db.plan.findMany({
    where: { wardId, published: true },
    orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
    include: { _count: { select: { tasks: true } } },
  });
}

export async function listWardPlans(db: Db, wardId: string) {
  return db.plan.findMany({
    where: { wardId },
    orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
    include: { _count: { select: { tasks: true } } },
  });
}

/** A plan with everything its document shows. `canSeeUnpublished` is for officers of the ward previewing it. */
export async function loadPlanDocument(db: Db, wardId: string, planId: string, now: Date, canSeeUnpublished: boolean) {
  const plan = await db.plan.findFirst({
    where: { id: planId, wardId, ...(canSeeUnpublished ? {} : { published: true }) },
    include: {
      bases: { orderBy: { sortOrder: 'asc' } },
      recipients: { orderBy: { sortOrder: 'asc' } },
      tasks: { orderBy: { ordinal: 'asc' }, include: taskInclude },
    },
  });
  if (!plan) throw AppError.notFound('Không tìm thấy kế hoạch.');
  return {
    plan,
    tasks: plan.tasks.map((t) => presentTask(t, now)),
    numberLabel: planNumberLabel(plan),
    dateLine: planDateLine(plan),
    preamble: plan.preamble || composedPreamble(plan),
  };
}

/** When the officer leaves the opening paragraph empty, it is written from the latest basis document. */
function composedPreamble(plan: { bases: { documentType: string; number: string; issuedOn: Date; issuer: string; summary: string }[] }) {
  const last = plan.bases[plan.bases.length - 1];
  if (!last) return '';
  return `Thực hiện ${last.documentType} số ${last.number} ngày ${formatDate(last.issuedOn)} của ${last.issuer}${last.summary ? ` ${lowerFirst(last.summary)}` : ''}.`;
}

function lowerFirst(text: string) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export async function loadOfficerPlan(db: Db, wardId: string, planId: string) {
  const plan = await db.plan.findFirst({
    where: { id: planId, wardId },
    include: {
      bases: { orderBy: { sortOrder: 'asc' } },
      recipients: { orderBy: { sortOrder: 'asc' } },
      tasks: { orderBy: { ordinal: 'asc' }, include: taskInclude },
    },
  });
  if (!plan) throw AppError.notFound('Không tìm thấy kế hoạch.');
  return plan;
}

/** The form's values for an existing plan (strings, as the browser would send them). */
export function planFormValues(plan: Awaited<ReturnType<typeof loadOfficerPlan>>) {
  const values: Record<string, unknown> = {
    number: plan.number ? String(plan.number) : '',
    symbol: plan.symbol,
    year: String(plan.year),
    title: plan.title,
    issuingBody: plan.issuingBody,
    parentBody: plan.parentBody,
    place: plan.place,
    issuedOn: toInputDate(plan.issuedOn),
    signerName: plan.signerName,
    signerTitle: plan.signerTitle,
    signerAuthority: plan.signerAuthority,
    preamble: plan.preamble,
    purpose: plan.purpose,
    requirements: plan.requirements,
    implementation: plan.implementation,
    funding: plan.funding,
    closing: plan.closing,
    recipients: plan.recipients.map((r) => `- ${r.name};`).join('\n'),
    archiveNote: plan.archiveNote,
    published: plan.published,
    bases: plan.bases.map((b) => ({ documentType: b.documentType, number: b.number, issuedOn: toInputDate(b.issuedOn), issuer: b.issuer, summary: b.summary })),
  };
  return values;
}

/** Values for a new plan: the ward's own bodies and place filled in. */
export function newPlanValues(ward: { committeeName: string; parentBodyName: string; placeName: string }, now: Date) {
  return {
    symbol: 'KH-UBND',
    year: String(dayjs(now).tz(TIME_ZONE).year()),
    issuingBody: ward.committeeName.toUpperCase(),
    parentBody: ward.parentBodyName.toUpperCase(),
    place: ward.placeName,
    signerTitle: 'CHỦ TỊCH',
    archiveNote: 'VT',
    bases: [],
  };
}

async function assertNumberFree(tx: Tx, wardId: string, input: PlanInput, exceptId?: string) {
  if (input.number === null) return;
  const clash = await tx.plan.findFirst({
    where: { wardId, year: input.year, symbol: input.symbol, number: input.number, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) {
    throw FormError.of('number', `Số ${input.number}/${input.symbol} năm ${input.year} đã được dùng cho một kế hoạch khác của phường. Vui lòng chọn số khác.`);
  }
}

function planData(input: PlanInput) {
  const { bases: _bases, recipients: _recipients, ...fields } = input;
  return fields;
}

async function snapshot(tx: Tx, planId: string) {
  return tx.plan.findUniqueOrThrow({
    where: { id: planId },
    include: { bases: { orderBy: { sortOrder: 'asc' } }, recipients: { orderBy: { sortOrder: 'asc' } } },
  });
}

async function writeRows(tx: Tx, planId: string, input: PlanInput) {
  await tx.planBasis.deleteMany({ where: { planId } });
  await tx.planRecipient.deleteMany({ where: { planId } });
  const bases = input.bases.filter((b): b is NonNullable<typeof b> => b !== null);
  if (bases.length) await tx.planBasis.createMany({ data: bases.map((b, i) => ({ ...b, planId, sortOrder: i + 1 })) });
  if (input.recipients.length) {
    await tx.planRecipient.createMany({ data: input.recipients.map((name, i) => ({ planId, name, sortOrder: i + 1 })) });
  }
}

export async function createPlan(db: Db, actor: Actor, input: PlanInput) {
  return db.$transaction(async (tx) => {
    await assertNumberFree(tx, actor.wardId, input);
    const plan = await tx.plan.create({ data: { ...planData(input), wardId: actor.wardId } });
    await writeRows(tx, plan.id, input);
    await audit(tx, actor, { action: 'plan.create', entityType: 'Plan', entityId: plan.id, after: await snapshot(tx, plan.id) });
    return plan;
  });
}

export async function updatePlan(db: Db, actor: Actor, planId: string, input: PlanInput) {
  return db.$transaction(async (tx) => {
    const existing = await tx.plan.findFirst({ where: { id: planId, wardId: actor.wardId }, select: { id: true } });
    if (!existing) throw AppError.notFound('Không tìm thấy kế hoạch.');
    const before = await snapshot(tx, planId);
    await assertNumberFree(tx, actor.wardId, input, planId);
    await tx.plan.update({ where: { id: planId }, data: planData(input) });
    await writeRows(tx, planId, input);
    await audit(tx, actor, { action: 'plan.update', entityType: 'Plan', entityId: planId, before, after: await snapshot(tx, planId) });
  });
}

/** A unique-constraint race (two officers saving the same number at once) reads as the same form error. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}
