import { describe, expect, it } from 'vitest';
import { effectiveTaskStatus, taskDeadline } from '../../../src/domain/task-status.js';

const vn = (iso: string) => new Date(`${iso}T00:00:00+07:00`);

describe('task status rules', () => {
  it('turns a dated task overdue the day after its deadline, by itself', () => {
    const task = { status: 'IN_PROGRESS', timeframeKind: 'DATE_RANGE', dueOn: vn('2025-06-30'), triggerDays: null };
    expect(effectiveTaskStatus(task, new Date('2025-06-30T16:00:00+07:00'))).toBe('IN_PROGRESS');
    expect(effectiveTaskStatus(task, new Date('2025-07-01T00:00:01+07:00'))).toBe('OVERDUE');
  });

  it('never shows a done task as overdue', () => {
    const task = { status: 'DONE', timeframeKind: 'ONGOING', dueOn: vn('2025-12-31'), triggerDays: null };
    expect(effectiveTaskStatus(task, vn('2026-02-01'))).toBe('DONE');
  });

  it('keeps a triggered task waiting until its triggering document is recorded, then starts its clock', () => {
    const task = {
      status: 'NOT_STARTED',
      timeframeKind: 'TRIGGERED',
      dueOn: null,
      triggerDays: 30,
      triggers: [] as { receivedOn: Date; dueOn: Date | null }[],
    };
    expect(effectiveTaskStatus(task, vn('2025-05-01'))).toBe('WAITING_TRIGGER');
    expect(taskDeadline(task)).toBeNull();
    task.triggers.push({ receivedOn: vn('2025-05-02'), dueOn: vn('2025-06-01') });
    expect(taskDeadline(task)).toEqual(vn('2025-06-01'));
    expect(effectiveTaskStatus(task, vn('2025-05-20'))).toBe('NOT_STARTED');
    expect(effectiveTaskStatus(task, vn('2025-06-02'))).toBe('OVERDUE');
  });

  it('caps a trigger deadline at the task outer bound ("trong năm 2025")', () => {
    const task = {
      status: 'IN_PROGRESS',
      timeframeKind: 'TRIGGERED',
      dueOn: vn('2025-12-31'),
      triggerDays: 30,
      triggers: [{ receivedOn: vn('2025-12-20'), dueOn: vn('2026-01-19') }],
    };
    expect(taskDeadline(task)).toEqual(vn('2025-12-31'));
  });
});
