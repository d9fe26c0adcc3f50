/**
 * Jobs the app runs by itself on a schedule (the contact-details retention job
 * today; digests or deadline reminders can be added to the list later).
 *
 * Several app processes may share one database, so a run is claimed through a
 * lease row (JobLock): one atomic `UPDATE … WHERE lockedUntil <= now` moves the
 * lease forward by the job's interval. Only the process whose update changed the
 * row runs the job, so each interval's run happens once across all processes, on
 * SQLite (writes are serialised) and on PostgreSQL (the second update waits for
 * the first and then no longer matches). Every run is recorded in JobRun.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';

export type ScheduledJob = {
  /** Stable name: the JobLock key and JobRun.job. */
  name: string;
  /** At most one run per interval across all processes. */
  intervalMs: number;
  /** Does the work; returns a summary (counts only, never personal data) stored with the run. */
  run: (ctx: AppContext, now: Date, runId: string) => Promise<Record<string, unknown>>;
};

export type JobRunRecord = { job: string; runId: string; ok: boolean; result: Record<string, unknown> };

/** A name for this process in JobLock.lockedBy and JobRun.runner (host, pid and a random part). */
export function newRunnerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}

/** Takes the job's lease if it has expired. True only for the one runner whose update won. */
export async function claimJob(db: Db, name: string, runner: string, now: Date, leaseMs: number): Promise<boolean> {
  const claim = () =>
    db.jobLock.updateMany({
      where: { name, lockedUntil: { lte: now } },
      data: { lockedUntil: new Date(now.getTime() + leaseMs), lockedBy: runner },
    });
  if ((await claim()).count === 1) return true;
  if (await db.jobLock.findUnique({ where: { name }, select: { name: true } })) return false;
  // First run ever: create the row (expired), then race for it like everyone else.
  try {
    await db.jobLock.create({ data: { name, lockedUntil: new Date(0) } });
  } catch (err) {
    if ((err as { code?: string }).code !== 'P2002') throw err;
  }
  return (await claim()).count === 1;
}

/** Runs every job whose lease this runner can claim now; returns what ran here. */
export async function runDueJobs(ctx: AppContext, jobs: ScheduledJob[], runner: string): Promise<JobRunRecord[]> {
  const done: JobRunRecord[] = [];
  for (const job of jobs) {
    const now = ctx.now();
    if (!(await claimJob(ctx.db, job.name, runner, now, job.intervalMs))) continue;
    const run = await ctx.db.jobRun.create({ data: { job: job.name, runner, startedAt: now } });
    let ok = false;
    let result: Record<string, unknown> = {};
    try {
      result = await job.run(ctx, now, run.id);
      ok = true;
    } catch (err) {
      // The message only: a job's error must not carry the data it was handling into the log.
      result = { error: (err as Error).message };
      ctx.logger.error({ job: job.name, err: (err as Error).message }, 'scheduled job failed');
    }
    await ctx.db.jobRun.update({ where: { id: run.id }, data: { finishedAt: ctx.now(), ok, result: JSON.stringify(result) } });
    done.push({ job: job.name, runId: run.id, ok, result });
  }
  return done;
}

/**
 * Checks the jobs every `tickMs` (and once at start) in this process. The timer
 * does not keep the process alive; `stop()` ends it and waits for a tick in progress.
 */
export function startScheduler(ctx: AppContext, jobs: ScheduledJob[], opts: { tickMs?: number; runner?: string } = {}) {
  const runner = opts.runner ?? newRunnerId();
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = runDueJobs(ctx, jobs, runner)
      .catch((err) => ctx.logger.error({ err: (err as Error).message }, 'scheduler tick failed'))
      .finally(() => (busy = false));
  };
  tick();
  const timer = setInterval(tick, opts.tickMs ?? 60_000);
  timer.unref();
  return {
    runner,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
