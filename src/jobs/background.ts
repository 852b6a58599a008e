import type { FastifyBaseLogger } from 'fastify';
import type { CoreDeps } from '../core/shared/core-deps.ts';
import { createJobRunner, type JobHandler, type RecurringJob } from './job-runner.ts';
import { createOutboxWorker, type OutboxHandler } from './outbox-worker.ts';

export interface BackgroundWork {
  /** Outbox item types this instance delivers (email.reply@1, calendar.invite@1, …). */
  outboxHandlers: Record<string, OutboxHandler>;
  /** Of those, the ones deliverable now (see OutboxWorkerOptions.deliverable). */
  outboxDeliverable?: (types: string[]) => Promise<string[]>;
  /** Jobs this instance runs, and which of them recur. */
  jobHandlers: Record<string, JobHandler>;
  recurring: RecurringJob[];
}

/**
 * Starts the outbox worker and the job runner of one server instance. Every instance runs both;
 * the queues make sure each item is handled by one of them.
 */
export function startBackgroundWork(core: CoreDeps, work: BackgroundWork, log: FastifyBaseLogger) {
  const outbox = createOutboxWorker({
    db: core.db,
    clock: core.clock,
    handlers: work.outboxHandlers,
    deliverable: work.outboxDeliverable,
    events: core.events,
    onError: (error, item) =>
      log.warn({ err: error, outboxId: item.id, type: item.type }, 'outbox item will be retried'),
  });
  const jobs = createJobRunner({
    ...core,
    handlers: work.jobHandlers,
    recurring: work.recurring,
    onError: (error, job) => log.error({ err: error, jobId: job.id, name: job.name }, 'job failed'),
  });
  outbox.start(1000);
  jobs.start(5000);
  return {
    outbox,
    jobs,
    async stop() {
      await Promise.all([outbox.stop(), jobs.stop()]);
    },
  };
}
