import { type ParseOptions, parseMail } from './parse-mail.ts';

export interface ParseTask {
  raw: Uint8Array;
  ownAddresses: string[];
}

/** Runs in a worker thread of the mail parser pool: MIME parsing and HTML sanitizing never block the server. */
export default function parseInWorker(task: ParseTask) {
  const options: ParseOptions = { ownAddresses: new Set(task.ownAddresses) };
  return parseMail(Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength), options);
}
