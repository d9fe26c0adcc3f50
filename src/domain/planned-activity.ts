import { dayjs, endOfDay, TIME_ZONE } from '../lib/format.js';

/**
 * A unit's planned activity (kế hoạch cụ thể) is on time until the end of its day, or of its
 * month when it was planned by month. One rule for the task page and the plan's figures.
 */
export function plannedDue(p: { plannedOn: Date; byMonth: boolean }): Date {
  return p.byMonth ? dayjs(p.plannedOn).tz(TIME_ZONE).endOf('month').toDate() : endOfDay(p.plannedOn);
}
