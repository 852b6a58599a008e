import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { InboundMessage } from '../../core/conversation/inbound.service.ts';
import type { ParseTask } from './parse-worker.ts';

/** A mail whose parsing took longer than this is given up on (kept raw, shown under failed mail). */
export const DEFAULT_PARSE_TIMEOUT_MS = 60_000;

/** Why a mail could not be parsed: the failed-mail list shows it to admins. */
export class MailParseError extends Error {
  constructor(
    readonly reason: 'timeout' | 'crashed',
    message: string,
  ) {
    super(message);
    // The name is what the failed-mail list reads the reason from.
    this.name = reason === 'timeout' ? 'MailParseTimeout' : 'MailParseCrash';
  }
}

// Running from source (tests, `npm run dev`) the worker is TypeScript: it loads through tsx like the rest.
const fromSource = import.meta.url.endsWith('.ts');
const workerFile = new URL(`./parse-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;

let pool: Piscina<ParseTask, InboundMessage> | null = null;

function sharedPool(): Piscina<ParseTask, InboundMessage> {
  pool ??= new Piscina<ParseTask, InboundMessage>({
    filename: workerFile,
    // One thread is enough for mail; a second only on machines with cores to spare.
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    // Idle threads end, so an install without mail holds no parser in memory.
    idleTimeout: 30_000,
    // A mail that eats memory kills its worker, never the server. The young generation is kept
    // small: by default V8 grew it to tens of MB under a stream of mails, the largest part of the
    // server's peak RSS while ingesting (1,500 bench mails: +67 MB with the default, +38 MB with 6).
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 6 },
    execArgv: fromSource ? ['--import', createRequire(import.meta.url).resolve('tsx')] : [],
  });
  return pool;
}

/** Structured cloning turns Buffers into plain Uint8Arrays; the domain wants Buffers back. */
function withBuffers(message: InboundMessage): InboundMessage {
  return {
    ...message,
    attachments: message.attachments.map((a) => ({
      ...a,
      data: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength),
    })),
  };
}

/** Parses a raw mail in the worker pool; rejects with MailParseError when it takes too long or the worker dies. */
export async function parseMailOffThread(
  raw: Buffer,
  ownAddresses: Set<string>,
  timeoutMs = DEFAULT_PARSE_TIMEOUT_MS,
): Promise<InboundMessage> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const message = await sharedPool().run({ raw, ownAddresses: [...ownAddresses] }, { signal });
    return withBuffers(message);
  } catch (error) {
    // Aborting ends the worker thread that was stuck on the mail; the pool starts a fresh one.
    if (signal.aborted) throw new MailParseError('timeout', `parsing took longer than ${timeoutMs / 1000} s`);
    if (error instanceof Error && /worker|ERR_WORKER/i.test(`${error.message} ${(error as { code?: string }).code}`)) {
      throw new MailParseError('crashed', error.message);
    }
    throw error;
  }
}

/** Ends the pool's threads (at shutdown). */
export async function closeMailParserPool(): Promise<void> {
  const current = pool;
  pool = null;
  await current?.destroy();
}
