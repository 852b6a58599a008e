/**
 * Phase 8, ingest: raw MIME → ticket. Mails are generated in Spanish (UTF-8 subject and body, from
 * a new sender each, so each opens a ticket), then either handed to the email channel in-process
 * (store the raw mail, then parse and file it, as after an SMTP commit) or sent to the server's SMTP
 * listener over a socket, where the 250 answer comes only after the raw mail is committed.
 */
import { createInboundProcessor } from '../src/channels/email/inbound-processor.ts';
import { createServices } from '../src/core/services.ts';
import { systemClock } from '../src/core/shared/clock.ts';
import type { DbHandle } from '../src/db/create-db.ts';
import { body, personName, type Rng, subject } from './generator.ts';

export const INGEST_DOMAIN = 'bench.test';
export const INGEST_ADDRESS = `soporte@${INGEST_DOMAIN}`;

let sequence = 0;

/** One plain customer mail, as a mail client would send it. */
export function rawMail(r: Rng): { from: string; raw: Buffer } {
  sequence++;
  const name = personName(r);
  const from = `cliente${sequence}.${Date.now().toString(36)}@correo-cliente.example`;
  const encodedSubject = `=?UTF-8?B?${Buffer.from(subject(r)).toString('base64')}?=`;
  const encodedName = `=?UTF-8?B?${Buffer.from(name).toString('base64')}?=`;
  const text = Buffer.from(body(r, 1000)).toString('base64').replace(/.{76}/g, '$&\r\n');
  const raw = [
    `From: ${encodedName} <${from}>`,
    `To: ${INGEST_ADDRESS}`,
    `Subject: ${encodedSubject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <bench.${sequence}.${Date.now()}@correo-cliente.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    text,
    '',
  ].join('\r\n');
  return { from, raw: Buffer.from(raw) };
}

/** Creates the mailbox the mails are addressed to (in the first department), once. */
export async function ensureIngestMailbox(handle: DbHandle, departmentId: string): Promise<void> {
  const services = createServices({ db: handle.db, clock: systemClock });
  if (await services.inbound.mailboxes.findByAddress(INGEST_ADDRESS)) return;
  await services.inbound.mailboxes.create(
    { kind: 'system', reason: 'benchmark' },
    {
      address: INGEST_ADDRESS,
      departmentId,
    },
  );
}

export interface IngestResult {
  mails: number;
  perSecond: number;
  p50: number;
  p95: number;
  cpuMsPerMail: number;
  failed: number;
}

/** In-process: store + parse + file, one mail after another for `seconds`. */
export async function ingestInProcess(handle: DbHandle, r: Rng, seconds: number): Promise<IngestResult> {
  const services = createServices({ db: handle.db, clock: systemClock });
  let failed = 0;
  const processor = createInboundProcessor({
    inbound: services.inbound,
    onError: () => {
      failed++;
    },
  });
  // Mails still waiting from an earlier phase are filed first, unmeasured.
  await processor.drain();
  failed = 0;
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const { from, raw } = rawMail(r);
    const t = performance.now();
    await services.inbound.store({ source: 'smtp', envelopeFrom: from, envelopeTo: [INGEST_ADDRESS], raw });
    await processor.drain();
    latencies.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return summarize(latencies, (performance.now() - started) / 1000, (cpu.user + cpu.system) / 1000, failed);
}

export function summarize(latencies: number[], seconds: number, cpuMs: number, failed: number): IngestResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    mails: sorted.length,
    perSecond: round(sorted.length / seconds),
    p50: round(at(50)),
    p95: round(at(95)),
    cpuMsPerMail: round(cpuMs / Math.max(1, sorted.length)),
    failed,
  };
}
