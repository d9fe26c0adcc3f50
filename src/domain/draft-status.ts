import type { DraftState, EffectiveDraftStatus } from './enums.js';
import { daysBetween, endOfDay } from '../lib/format.js';

/** Grassroots Democracy Law: a ward consultation lasts at least this many days unless a reason is stated. */
export const MIN_COMMENT_PERIOD_DAYS = 20;

/** The fields the status rules need (a Draft row). */
export type DraftTiming = { state: string; opensAt: Date; closesAt: Date };

/**
 * The status people see. Officers move the stored state (publish, close early,
 * publish the summary of answers); between publishing and closing, the dates
 * decide by themselves whether the draft is upcoming, open or closed.
 * `closesAt` is stored as the last moment of the closing day.
 */
export function effectiveDraftStatus(draft: DraftTiming, now: Date): EffectiveDraftStatus {
  const state = draft.state as DraftState;
  if (state === 'DRAFT' || state === 'CLOSED' || state === 'ANSWERED') return state;
  if (now < draft.opensAt) return 'UPCOMING';
  if (now <= draft.closesAt) return 'OPEN';
  return 'CLOSED';
}

/** Residents may comment only now. */
export function isOpenForComment(draft: DraftTiming, now: Date): boolean {
  return effectiveDraftStatus(draft, now) === 'OPEN';
}

/** Articles, files and comments are public once the period has opened (open, closed or answered). */
export function isContentPublic(draft: DraftTiming, now: Date): boolean {
  const s = effectiveDraftStatus(draft, now);
  return s === 'OPEN' || s === 'CLOSED' || s === 'ANSWERED';
}

/** The title, summary and dates are public from publication on (upcoming included). */
export function isListedPublicly(draft: DraftTiming, now: Date): boolean {
  return effectiveDraftStatus(draft, now) !== 'DRAFT';
}

/** Calendar days of the comment period, the opening and closing days both counted. */
export function commentPeriodDays(opensAt: Date, closesAt: Date): number {
  return daysBetween(opensAt, closesAt) + 1;
}

/** Calendar days from today to the closing day (0 on the last day and once closed). */
export function daysLeft(draft: DraftTiming, now: Date): number {
  if (effectiveDraftStatus(draft, now) !== 'OPEN') return 0;
  return Math.max(0, daysBetween(now, draft.closesAt));
}

/** "Còn 12 ngày", "Hôm nay là ngày cuối", "Mở sau 3 ngày" … */
export function daysLeftText(draft: DraftTiming, now: Date): string {
  const status = effectiveDraftStatus(draft, now);
  if (status === 'UPCOMING') {
    const d = daysBetween(now, draft.opensAt);
    return d <= 0 ? 'Mở góp ý hôm nay' : `Mở góp ý sau ${d} ngày`;
  }
  if (status !== 'OPEN') return '';
  const left = daysLeft(draft, now);
  return left <= 0 ? 'Hôm nay là ngày cuối' : `Còn ${left} ngày`;
}

/**
 * The next moment at which what the public pages say of these drafts changes by the clock alone:
 * a period opening or closing, or midnight in Vietnam (the days left). Pages kept in memory are
 * rendered again from then on.
 */
export function nextTimeBoundary(drafts: readonly { opensAt: Date; closesAt: Date }[], now: Date): Date {
  let next = endOfDay(now).getTime() + 1;
  for (const d of drafts) for (const t of [d.opensAt.getTime(), d.closesAt.getTime() + 1]) if (t > now.getTime() && t < next) next = t;
  return new Date(next);
}
