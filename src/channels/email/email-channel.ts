import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/config.ts';
import { type AttachmentStore, createAttachmentStore } from '../../core/conversation/attachment-storage.ts';
import { outboundStatus } from '../../core/conversation/outbound-status.ts';
import type { Services } from '../../core/services.ts';
import { MAX_ATTACHMENT_LIMIT_BYTES } from '../../core/settings/settings.service.ts';
import type { BackgroundWork } from '../../jobs/background.ts';
import { createRoutingSender } from './email-sender.ts';
import { createImapPollers } from './imap-poller.ts';
import { createInboundProcessor } from './inbound-processor.ts';
import { closeMailParserPool } from './mail-parser-pool.ts';
import { emailOutboxHandlers } from './outbox-handlers.ts';
import type { SmtpListener } from './smtp-listener.ts';

/** MIME and base64 make a mail about a third larger than its attachments, plus headers and text. */
const MIME_OVERHEAD = 1.4;
const mailBytesFor = (attachmentBytes: number) => Math.ceil(attachmentBytes * MIME_OVERHEAD) + 1_000_000;

export function mailAttachmentStore(config: Config): AttachmentStore {
  return createAttachmentStore({
    kind: config.attachmentStorage,
    directory: path.join(config.dataDir, 'attachments'),
    limitBytes: config.attachmentLimitBytes,
  });
}

/** The attachment limit in force: what admins set at runtime (Administración → Adjuntos), else the configured one. */
export function currentAttachmentLimit(services: Services, config: Config): () => Promise<number> {
  return () => services.settings.attachmentLimitBytes({ attachmentLimitBytes: config.attachmentLimitBytes });
}

/**
 * The email outbox handlers. Each mail goes through its mailbox's own SMTP server or
 * OUTBOUND_SMTP_URL. While neither exists (no global URL, no mailbox with its own), email is off:
 * mail stays queued untouched, with no attempt counted, until an admin gives a mailbox an SMTP URL
 * (then it goes out without a restart). A mail whose own mailbox has none while others do is
 * retried and, after 48 h, shows among the failed outgoing mail.
 */
export function emailOutbound(
  services: Services,
  config: Config,
): Pick<BackgroundWork, 'outboxHandlers' | 'outboxDeliverable'> {
  const sender = createRoutingSender({
    globalUrl: config.smtp.outboundUrl,
    smtpUrlFor: services.inbound.mailboxes.smtpUrlFor,
  });
  const outboxHandlers = emailOutboxHandlers(services, sender, mailAttachmentStore(config));
  const emailTypes = new Set(Object.keys(outboxHandlers));
  return {
    outboxHandlers,
    async outboxDeliverable(types) {
      if (config.smtp.outboundUrl !== null || (await services.inbound.mailboxes.anyWithSmtp())) return types;
      return types.filter((type) => !emailTypes.has(type));
    },
  };
}

interface Log {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/** Said once at start: mail that cannot leave, or whose answers cannot come back (issues 12, 13). */
export async function warnAboutOutbound(services: Services, config: Config, log: Pick<Log, 'warn'>) {
  const status = outboundStatus(config.smtp.outboundUrl, await services.inbound.mailboxes.list());
  if (!status.sending) {
    log.warn(
      {},
      'No outbound mail is configured: replies and notices wait queued until OUTBOUND_SMTP_URL or a mailbox SMTP URL is set',
    );
  }
  if (!status.answerable) {
    log.warn(
      {},
      'No mailbox is configured: outgoing mail says From: soporte@localhost and customers cannot reply to it; add one in Administración → Buzones',
    );
  }
}

/**
 * Starts what receives mail: the SMTP listener when INBOUND_SMTP_PORT is set, an IMAP poller per
 * mailbox with IMAP settings, and a first pass over mails stored before a restart.
 */
export async function startEmailInbound(services: Services, config: Config, log: Log) {
  const attachmentLimit = currentAttachmentLimit(services, config);
  const processor = createInboundProcessor({
    inbound: services.inbound,
    store: mailAttachmentStore(config),
    attachmentLimitBytes: attachmentLimit,
    onError: (error, inboundId) => log.error({ err: error, inboundId }, 'inbound mail failed'),
  });
  let listener: SmtpListener | null = null;
  if (config.smtp.inboundPort !== null) {
    // smtp-server loads only when the listener is configured.
    const { startSmtpListener } = await import('./smtp-listener.ts');
    listener = await startSmtpListener({
      inbound: services.inbound,
      processor,
      port: config.smtp.inboundPort,
      host: config.smtp.inboundHost,
      domains: config.smtp.inboundDomains,
      maxBytes: mailBytesFor(Math.max(MAX_ATTACHMENT_LIMIT_BYTES, config.attachmentLimitBytes)),
      currentMaxBytes: async () => mailBytesFor(await attachmentLimit()),
      // Read at start: a renewed certificate takes effect on the next restart.
      tls: config.smtp.inboundTls
        ? { cert: readFileSync(config.smtp.inboundTls.certFile), key: readFileSync(config.smtp.inboundTls.keyFile) }
        : undefined,
      onError: (error) => log.warn({ err: error }, 'SMTP listener'),
    });
  }
  const pollers = createImapPollers({
    inbound: services.inbound,
    processor,
    onError: (error, mailbox) => log.warn({ err: error, mailbox }, 'IMAP poller'),
  });
  await pollers.start();
  processor.drain().catch((error: unknown) => log.error({ err: error }, 'inbound mail'));
  return {
    smtpPort: listener?.port ?? null,
    async stop() {
      await pollers.stop();
      await listener?.close();
      await processor.idle();
      await closeMailParserPool();
    },
  };
}
