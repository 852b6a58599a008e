import type { ImapFlow } from 'imapflow';
import type { ImapSettings, InboundService, Mailbox } from '../../core/conversation/inbound.service.ts';
import { UnreadableSecretError } from '../../core/shared/secret-box.ts';
import type { InboundProcessor } from './inbound-processor.ts';

export interface ImapPollerOptions {
  inbound: InboundService;
  processor: InboundProcessor;
  /** When the server does not push new mail (no IDLE), how often to look. */
  pollIntervalMs?: number;
  onError?: (error: unknown, mailbox: string) => void;
}

const BATCH = 200;
const MAX_BACKOFF_MS = 5 * 60_000;

/** A change an open connection cannot follow: reconnect with the new settings. */
function connectionChanged(a: ImapSettings, b: ImapSettings): boolean {
  return (
    a.host !== b.host ||
    a.port !== b.port ||
    a.secure !== b.secure ||
    a.user !== b.user ||
    a.password !== b.password ||
    (a.folder || 'INBOX') !== (b.folder || 'INBOX')
  );
}

/** imapflow is loaded with the first IMAP mailbox: an install without one never pays its memory. */
async function clientFor(imap: ImapSettings): Promise<ImapFlow> {
  const { ImapFlow } = await import('imapflow');
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
  });
}

/**
 * Imports one mailbox's new mails: each is committed, then marked \Seen, then its UID remembered,
 * so a restart never imports twice (and a crash between the two steps is caught by the
 * Message-ID duplicate check).
 */
export async function importNewMail(
  client: ImapFlow,
  mailbox: Mailbox,
  options: Pick<ImapPollerOptions, 'inbound'>,
): Promise<{ imported: number; state: ImapSettings }> {
  let state = mailbox.imap as ImapSettings;
  const opened = await client.mailboxOpen(state.folder || 'INBOX');
  const validity = opened.uidValidity.toString();
  if (state.uidValidity !== validity) {
    // RFC 3501: a new UIDVALIDITY means old UIDs mean nothing; duplicates are then dropped by Message-ID.
    state = { ...state, uidValidity: validity, lastUid: 0 };
    await options.inbound.mailboxes.saveImapState(mailbox.id, state);
  }
  let imported = 0;
  for (;;) {
    const from = (state.lastUid ?? 0) + 1;
    const live = client.mailbox;
    if (!live || live.exists === 0) break;
    const messages = (await client.fetchAll(`${from}:*`, { uid: true, source: true }, { uid: true }))
      .filter((m) => m.uid >= from && m.source)
      .sort((a, b) => a.uid - b.uid)
      .slice(0, BATCH);
    if (messages.length === 0) break;
    for (const message of messages) {
      await options.inbound.store({
        source: 'imap',
        mailboxId: mailbox.id,
        envelopeFrom: null,
        envelopeTo: [mailbox.address],
        raw: message.source as Buffer,
      });
      await client.messageFlagsAdd(String(message.uid), ['\\Seen'], { uid: true });
      state = { ...state, lastUid: message.uid };
      await options.inbound.mailboxes.saveImapState(mailbox.id, state);
      imported++;
    }
    if (messages.length < BATCH) break;
  }
  return { imported, state };
}

/** One poller per mailbox with IMAP settings; IDLE when the server pushes, a poll interval otherwise. */
export function createImapPollers(options: ImapPollerOptions) {
  let stopped = false;
  const loops: Promise<void>[] = [];
  const clients = new Set<ImapFlow>();
  const wakers = new Set<() => void>();

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });
  }

  async function run(mailboxId: string) {
    let backoff = 1000;
    while (!stopped) {
      const mailbox = (await options.inbound.mailboxes.list()).find((m) => m.id === mailboxId);
      if (!mailbox?.imap) return;
      if (mailbox.secretsUnreadable) {
        // Nothing to log in with until an admin enters the password again; look again later.
        options.onError?.(new UnreadableSecretError(), mailbox.address);
        await sleep(MAX_BACKOFF_MS);
        continue;
      }
      const client = await clientFor(mailbox.imap);
      clients.add(client);
      try {
        await client.connect();
        backoff = 1000;
        let current = mailbox;
        while (!stopped && client.usable) {
          const { imported, state } = await importNewMail(client, current, options);
          current = { ...current, imap: state };
          if (imported > 0) await options.processor.drain();
          // imapflow IDLEs by itself between commands; an EXISTS push wakes us before the interval.
          await new Promise<void>((resolve) => {
            const wake = () => {
              client.off('exists', wake);
              client.off('close', wake);
              wakers.delete(wake);
              clearTimeout(timer);
              resolve();
            };
            const timer = setTimeout(wake, options.pollIntervalMs ?? 60_000);
            client.on('exists', wake);
            client.on('close', wake);
            wakers.add(wake);
          });
          // An admin edited or removed the IMAP settings: reconnect with them (or stop).
          const fresh = (await options.inbound.mailboxes.list()).find((m) => m.id === mailboxId);
          if (!fresh?.imap || connectionChanged(current.imap as ImapSettings, fresh.imap)) break;
        }
      } catch (error) {
        options.onError?.(error, mailbox.address);
      } finally {
        clients.delete(client);
        await client.logout().catch(() => client.close());
      }
      if (!stopped) {
        await sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  // Mailboxes given IMAP settings after the start get their poller at the next look.
  const running = new Set<string>();
  let reconcileTimer: ReturnType<typeof setInterval> | undefined;
  async function reconcile() {
    for (const mailbox of await options.inbound.mailboxes.list()) {
      if (stopped || !mailbox.imap || running.has(mailbox.id)) continue;
      running.add(mailbox.id);
      loops.push(run(mailbox.id).finally(() => running.delete(mailbox.id)));
    }
  }

  return {
    async start() {
      await reconcile();
      reconcileTimer = setInterval(() => {
        reconcile().catch((error: unknown) => options.onError?.(error, 'mailboxes'));
      }, options.pollIntervalMs ?? 60_000);
    },
    async stop() {
      stopped = true;
      clearInterval(reconcileTimer);
      for (const wake of [...wakers]) wake();
      for (const client of clients) client.close();
      await Promise.allSettled(loops);
    },
  };
}
