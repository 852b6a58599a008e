import { Cron } from 'croner';
import { type CoreDeps, inTransaction, type UnitOfWork } from '../core/shared/core-deps.ts';
import { type Job, jobQueueRepository } from './job-queue.repository.ts';
import { createPollLoop } from './poll-loop.ts';

/** Does a job's work inside the transaction that also marks it done: its effects happen once. */
export type JobHandler = (uow: UnitOfWork, job: Job) => Promise<void>;

export interface RecurringJob {
  name: string;
  /** A cron pattern, e.g. `* * * * *` for every minute. */
  cron: string;
}

export interface JobRunnerOptions extends CoreDeps {
  handlers: Record<string, JobHandler>;
  recurring?: RecurringJob[];
  maxAttempts?: number;
  onError?: (error: unknown, job: Job) => void;
}

/**
 * Runs due jobs. Each job is claimed, handled and marked done in one transaction, so a crash at
 * any point rolls all of it back and the job runs again later: with several instances on
 * PostgreSQL each due job is done by exactly one of them.
 */
export function createJobRunner(options: JobRunnerOptions) {
  const names = Object.keys(options.handlers);
  const maxAttempts = options.maxAttempts ?? 5;
  const schedules = (options.recurring ?? []).map((r) => ({
    ...r,
    cron: new Cron(r.cron, { paused: true, timezone: 'UTC' }),
  }));

  /** Makes sure the next occurrence of each recurring job is queued (once, whichever instance asks). */
  async function scheduleRecurring(): Promise<void> {
    const now = options.clock.now();
    const queue = jobQueueRepository(options.db);
    for (const schedule of schedules) {
      // The occurrence that is due now (or next); its time is part of the dedupe key.
      const previousMinute = new Date(now.getTime() - 60_000);
      const next = schedule.cron.nextRun(previousMinute);
      if (!next) continue;
      const runAt = next.toISOString();
      await queue.enqueue({
        name: schedule.name,
        runAt,
        dedupeKey: `${schedule.name}@${runAt}`,
        now: now.toISOString(),
      });
    }
  }

  async function runOne(): Promise<boolean> {
    let claimed: Job | undefined;
    try {
      return await inTransaction(options, async (uow) => {
        const queue = jobQueueRepository(uow.trx);
        claimed = await queue.claim(names, uow.now);
        if (!claimed) return false;
        await (options.handlers[claimed.name] as JobHandler)(uow, claimed);
        await queue.complete(claimed.id, uow.now);
        return true;
      });
    } catch (error) {
      if (!claimed) throw error;
      options.onError?.(error, claimed);
      const job = claimed;
      const now = options.clock.now();
      const retry = job.attempts + 1 < maxAttempts;
      await jobQueueRepository(options.db).fail(job.id, {
        now: now.toISOString(),
        error: error instanceof Error ? error.message : String(error),
        retryAt: retry ? new Date(now.getTime() + 60_000 * 2 ** job.attempts).toISOString() : null,
      });
      return true;
    }
  }

  const BATCH = 1000;
  const loop = createPollLoop(
    async () => {
      await scheduleRecurring();
      let done = 0;
      while (done < BATCH && (await runOne())) done++;
      return done;
    },
    (done) => done >= BATCH,
  );

  return {
    /** Runs due jobs (up to a batch); returns how many it took. */
    runDue: loop.run,
    start: (intervalMs = 5000) => loop.start(intervalMs),
    stop: loop.stop,
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
