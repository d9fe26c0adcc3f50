import { dayjs, TIME_ZONE } from '../../lib/format.js';
import { FormError } from '../../lib/validation.js';
import { describePeriod } from './period.js';

/**
 * A results report reports on its plan's year. A period that does not touch
 * that year ("năm 2026" on the 2025 plan) is refused; one that runs past it
 * (follow-up work into January) needs the officer to confirm it on the form.
 */
export function checkPeriodAgainstPlanYear(planYear: number, start: Date, end: Date, confirmed: boolean) {
  const from = dayjs(start).tz(TIME_ZONE).year();
  const to = dayjs(end).tz(TIME_ZONE).year();
  const period = describePeriod(start, end);
  if (to < planYear || from > planYear) {
    throw FormError.of(
      'periodKind',
      `Kỳ báo cáo ${period} nằm ngoài năm của kế hoạch (năm ${planYear}). Vui lòng chọn kỳ báo cáo trong năm ${planYear}, hoặc chọn kế hoạch của năm khác.`,
    );
  }
  if ((from < planYear || to > planYear) && !confirmed) {
    throw FormError.of(
      'confirmOutsideYear',
      `Kỳ báo cáo ${period} vượt ra ngoài năm của kế hoạch (năm ${planYear}). Nếu đúng là muốn báo cáo cả phần ngoài năm ${planYear}, hãy đánh dấu xác nhận rồi lập lại báo cáo.`,
    );
  }
}
