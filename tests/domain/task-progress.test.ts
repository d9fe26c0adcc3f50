import { describe, expect, it } from 'vitest';
import { deriveTaskState, type AcceptedReportPoint } from '../../src/domain/task-progress.js';

const vn = (iso: string) => new Date(`${iso}T00:00:00+07:00`);
const point = (reportedOn: string, progressPercent: number | null, reviewedAt: string): AcceptedReportPoint => ({
  reportedOn: vn(reportedOn),
  progressPercent,
  reviewedAt: vn(reviewedAt),
  createdAt: vn(reportedOn),
});

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('deriveTaskState: the one rule for a task status and progress', () => {
  it('takes the latest accepted report by report date, whatever order they were accepted in', () => {
    const reports = [point('2025-09-01', 40, '2025-09-02'), point('2025-10-01', 100, '2025-10-02'), point('2025-11-01', 80, '2025-11-02')];
    for (const order of permutations(reports)) {
      // A later 80 % after a 100 %: the task is back in progress at 80 %, never "Hoàn thành" at 80 %.
      expect(deriveTaskState(order, false)).toEqual({ status: 'IN_PROGRESS', progressPercent: 80 });
      expect(deriveTaskState(order, false, vn('2025-10-15'))).toEqual({ status: 'DONE', progressPercent: 100 });
      expect(deriveTaskState(order, false, vn('2025-09-15'))).toEqual({ status: 'IN_PROGRESS', progressPercent: 40 });
      expect(deriveTaskState(order, false, vn('2025-08-31'))).toEqual({ status: 'NOT_STARTED', progressPercent: 0 });
    }
  });

  it('is DONE exactly at 100 %, even if the task was marked blocked; blocked otherwise', () => {
    expect(deriveTaskState([point('2025-09-01', 100, '2025-09-02')], true)).toEqual({ status: 'DONE', progressPercent: 100 });
    expect(deriveTaskState([point('2025-09-01', 60, '2025-09-02')], true)).toEqual({ status: 'BLOCKED', progressPercent: 60 });
    expect(deriveTaskState([], true)).toEqual({ status: 'BLOCKED', progressPercent: 0 });
  });

  it('ignores reports without a percentage for progress but counts them as a start; same-day reports: the one accepted later', () => {
    expect(deriveTaskState([point('2025-09-01', null, '2025-09-02')], false)).toEqual({ status: 'IN_PROGRESS', progressPercent: 0 });
    expect(deriveTaskState([point('2025-09-01', 70, '2025-09-02'), point('2025-09-05', null, '2025-09-06')], false)).toEqual({
      status: 'IN_PROGRESS',
      progressPercent: 70,
    });
    const sameDay = [point('2025-09-01', 100, '2025-09-03'), point('2025-09-01', 90, '2025-09-02')];
    for (const order of permutations(sameDay)) expect(deriveTaskState(order, false)).toEqual({ status: 'DONE', progressPercent: 100 });
  });
});
