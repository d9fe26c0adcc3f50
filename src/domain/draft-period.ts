/**
 * The real comment period of a draft. When an officer closes the period early,
 * residents, the summary and documents see the day it really ended, never the
 * planned one alone. One definition, used by every page and document that shows a period.
 */
import { formatDate } from '../lib/format.js';

export type DraftPeriod = { opensAt: Date; closesAt: Date; closedEarlyAt?: Date | null };

/** The day comments stopped (or will stop): the early close if there was one, else the planned closing day. */
export function periodEnd(d: DraftPeriod): Date {
  return d.closedEarlyAt ?? d.closesAt;
}

/** "01/10/2025 – 20/10/2025", or "01/10/2025 – 12/10/2025 (kết thúc sớm; dự kiến đến 20/10/2025)". */
export function periodText(d: DraftPeriod): string {
  const base = `${formatDate(d.opensAt)} – ${formatDate(periodEnd(d))}`;
  return d.closedEarlyAt ? `${base} (kết thúc sớm; dự kiến đến ${formatDate(d.closesAt)})` : base;
}
