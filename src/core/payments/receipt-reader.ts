import { createRequire } from 'node:module';
import path from 'node:path';
import type { Worker } from 'tesseract.js';
import { type OcrSymbol, ocrLineText } from './receipt-text.ts';

/** Why a receipt's text could not be read; the payment form stays usable by hand. */
export type UnreadableReason = 'not_an_image' | 'image_unreadable' | 'format_unsupported' | 'scanned_pdf';

export class ReceiptUnreadable extends Error {
  constructor(readonly reason: UnreadableReason) {
    super(`receipt unreadable: ${reason}`);
  }
}

export interface ReceiptText {
  source: 'ocr' | 'pdf_text';
  text: string;
}

export interface ReceiptReader {
  read(bytes: Buffer, contentType: string): Promise<ReceiptText>;
  /** Ends the OCR worker now (server shutdown); a later read starts another. */
  close(): Promise<void>;
  /** How many OCR workers are alive: 0 or 1. */
  workers(): number;
}

const require = createRequire(import.meta.url);

/** The formats Tesseract's image reader (Leptonica) decodes, by their first bytes. */
function imageKind(bytes: Buffer): 'raster' | 'heic' | null {
  const hex = bytes.subarray(0, 12).toString('hex');
  if (hex.startsWith('89504e47') || hex.startsWith('ffd8ff') || hex.startsWith('474946') || hex.startsWith('424d')) {
    return 'raster';
  }
  if (hex.startsWith('49492a00') || hex.startsWith('4d4d002a')) return 'raster';
  if (hex.startsWith('52494646') && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'raster';
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') return 'heic';
  return null;
}

/**
 * Reads the text of a receipt: a PDF's text layer, or OCR of an image with Tesseract (Spanish, the
 * `@tesseract.js-data/spa` package on disk: nothing is downloaded). Tesseract runs in its own worker
 * thread, so the event loop stays free; at most one worker exists, made on the first read and ended
 * after `idleMs` without work, because it holds about 100 MB while alive. Reads wait their turn.
 */
export function createReceiptReader(options: { idleMs?: number } = {}): ReceiptReader {
  const idleMs = options.idleMs ?? 30_000;
  let worker: Promise<Worker> | null = null;
  let idle: NodeJS.Timeout | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let waiting = 0;

  function startWorker(): Promise<Worker> {
    const langPath = path.join(path.dirname(require.resolve('@tesseract.js-data/spa/package.json')), '4.0.0_best_int');
    return import('tesseract.js').then(({ createWorker, OEM }) =>
      createWorker('spa', OEM.LSTM_ONLY, {
        langPath,
        gzip: true,
        cacheMethod: 'none',
        // Without a handler tesseract.js rethrows a failed job inside its message listener, out of our reach;
        // the job's own promise is rejected either way and handled there.
        errorHandler: () => {},
      }),
    );
  }

  async function stopWorker(): Promise<void> {
    if (idle) clearTimeout(idle);
    idle = null;
    const current = worker;
    worker = null;
    if (current) await (await current.catch(() => null))?.terminate();
  }

  async function ocr(bytes: Buffer): Promise<string> {
    const kind = imageKind(bytes);
    if (kind === 'heic') throw new ReceiptUnreadable('format_unsupported');
    if (!kind) throw new ReceiptUnreadable('image_unreadable');
    worker ??= startWorker();
    const tesseract = await worker;
    try {
      const result = await tesseract.recognize(bytes, {}, { blocks: true, text: true });
      const lines = (result.data.blocks ?? []).flatMap((block) =>
        block.paragraphs.flatMap((paragraph) =>
          paragraph.lines.map((line) =>
            ocrLineText(
              line.words.map((word) =>
                word.symbols.map((s): OcrSymbol => ({ text: s.text, y0: s.bbox.y0, y1: s.bbox.y1 })),
              ),
            ),
          ),
        ),
      );
      return lines.join('\n');
    } catch {
      // A header that looked right over bytes Leptonica cannot decode (a cut upload, a damaged photo).
      throw new ReceiptUnreadable('image_unreadable');
    }
  }

  function serially<T>(work: () => Promise<T>): Promise<T> {
    waiting++;
    if (idle) clearTimeout(idle);
    idle = null;
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run.finally(() => {
      waiting--;
      if (waiting === 0 && worker) {
        // Ended in turn, so a read that arrives meanwhile starts the next worker only after this one is gone.
        idle = setTimeout(() => {
          queue = queue.then(() => (waiting === 0 ? stopWorker() : undefined));
        }, idleMs);
        idle.unref();
      }
    });
  }

  return {
    read(bytes, contentType) {
      if (/^application\/pdf$/i.test(contentType)) return pdfText(bytes);
      if (!/^image\//i.test(contentType)) return Promise.reject(new ReceiptUnreadable('not_an_image'));
      return serially(async () => ({ source: 'ocr' as const, text: await ocr(bytes) }));
    },
    close: () => stopWorker(),
    workers: () => (worker ? 1 : 0),
  };
}

/**
 * A PDF receipt's text layer (the bank's "descargar comprobante"), line by line. A scanned PDF has
 * none, and OCR of PDF pages is not done: that is said, not guessed.
 */
async function pdfText(bytes: Buffer): Promise<ReceiptText> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document: Awaited<ReturnType<typeof getDocument>['promise']>;
  try {
    document = await getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch {
    throw new ReceiptUnreadable('image_unreadable');
  }
  try {
    const lines: string[] = [];
    // A receipt is one page; a few more cover a statement with the receipt after a cover page.
    for (let number = 1; number <= Math.min(document.numPages, 3); number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
    }
    const text = lines.join('\n');
    if (text.trim() === '') throw new ReceiptUnreadable('scanned_pdf');
    return { source: 'pdf_text', text };
  } finally {
    await document.destroy();
  }
}
