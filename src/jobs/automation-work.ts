import type { OutboxItem } from '../core/outbox/outbox.repository.ts';
import type { Services } from '../core/services.ts';
import type { BackgroundWork } from './background.ts';

/** Outbound webhooks of rules: a JSON POST signed when it was queued; a non-2xx answer is retried. */
export async function postWebhook(item: OutboxItem): Promise<void> {
  const { url, body, headers } = item.payload as { url: string; body: string; headers: Record<string, string> };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
}

/** Time rules (every minute), each due ticket's job, and the webhook sender. */
export function automationWork(services: Services): BackgroundWork {
  const jobs = services.automation.jobs;
  return {
    outboxHandlers: { 'webhook.post@1': postWebhook },
    jobHandlers: { ...jobs },
    recurring: [{ name: 'automation.time-rules@1', cron: '* * * * *' }],
  };
}
