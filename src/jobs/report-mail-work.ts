import { REPORT_SUBSCRIPTIONS_JOB } from '../core/reports/report-subscription.service.ts';
import type { Services } from '../core/services.ts';
import type { BackgroundWork } from './background.ts';

/**
 * Reports by mail: every hour at :05, the summaries whose period has just ended in their
 * subscriber's zone are queued (zones end their days on different hours; daily ones go at about
 * 00:05 local time). The job's dedupe key runs each hour once across instances.
 */
export function reportMailWork(
  services: Pick<Services, 'reportSubscriptions'>,
): Pick<BackgroundWork, 'jobHandlers' | 'recurring'> {
  return {
    jobHandlers: {
      [REPORT_SUBSCRIPTIONS_JOB]: async (uow) => {
        await services.reportSubscriptions.queueDue(uow);
      },
    },
    recurring: [{ name: REPORT_SUBSCRIPTIONS_JOB, cron: '5 * * * *' }],
  };
}
