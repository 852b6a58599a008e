import { emailOutbound } from '../channels/email/email-channel.ts';
import { whatsappOutbound } from '../channels/whatsapp/whatsapp-channel.ts';
import type { Config } from '../config/config.ts';
import type { Services } from '../core/services.ts';
import { automationWork } from './automation-work.ts';
import type { BackgroundWork } from './background.ts';
import { reportMailWork } from './report-mail-work.ts';

/**
 * What this server delivers and runs in the background. Each channel or automation adds its
 * outbox handlers and jobs here; outbox rows of a type nobody handles yet stay queued, visible.
 */
export function backgroundWork(services: Services, config: Config): BackgroundWork {
  // Email: through each mailbox's SMTP server or OUTBOUND_SMTP_URL; without either, mail waits queued.
  const automation = automationWork(services);
  const reportMail = reportMailWork(services);
  const email = emailOutbound(services, config);
  const whatsapp = whatsappOutbound(services, config);
  return {
    outboxHandlers: { ...email.outboxHandlers, ...whatsapp.outboxHandlers, ...automation.outboxHandlers },
    outboxDeliverable: email.outboxDeliverable,
    jobHandlers: { ...automation.jobHandlers, ...reportMail.jobHandlers },
    recurring: [...automation.recurring, ...reportMail.recurring],
  };
}
