import type { TaskStatus } from './enums.js';

/** An accepted progress report, as far as the task's status and progress depend on it. */
export type AcceptedReportPoint = { reportedOn: Date; reviewedAt: Date | null; createdAt: Date; progressPercent: number | null };

/**
 * The one rule for a task's status and progress (issue 9, "Hoàn thành" at 80 %):
 * - progress is the percentage of the latest accepted report by report date that
 *   states one (two reports of the same date: the one accepted later); 0 without any;
 * - status is DONE exactly when that progress is 100; otherwise BLOCKED while an
 *   officer has marked the task blocked; IN_PROGRESS once any report is accepted;
 *   NOT_STARTED before.
 * With `asOf`, only reports dated up to then count (the state at a period's end).
 * Task.status and Task.progressPercent are a cache of this, written only by
 * syncTaskState, so the two can never disagree.
 */
export function deriveTaskState(reports: AcceptedReportPoint[], blocked: boolean, asOf: Date | null = null): { status: TaskStatus; progressPercent: number } {
  const counted = asOf ? reports.filter((r) => r.reportedOn <= asOf) : reports;
  const withPercent = counted.filter((r) => r.progressPercent !== null);
  const latest = withPercent.sort(compareReports).at(-1);
  const progressPercent = latest?.progressPercent ?? 0;
  if (progressPercent === 100) return { status: 'DONE', progressPercent };
  if (blocked) return { status: 'BLOCKED', progressPercent };
  return { status: counted.length > 0 ? 'IN_PROGRESS' : 'NOT_STARTED', progressPercent };
}

function compareReports(a: AcceptedReportPoint, b: AcceptedReportPoint): number {
  return (
    a.reportedOn.getTime() - b.reportedOn.getTime() ||
    (a.reviewedAt?.getTime() ?? 0) - (b.reviewedAt?.getTime() ?? 0) ||
    a.createdAt.getTime() - b.createdAt.getTime()
  );
}
