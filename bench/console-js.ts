import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ConsoleJs {
  /** What a first visit downloads before anything renders: the entry script and its modulepreloads. */
  initialKb: number;
  /** Every chunk, lazily loaded screens included. */
  totalKb: number;
  files: { name: string; kb: number; initial: boolean }[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/**
 * The console's JavaScript in `dist/web`, gzipped (level 9). The 350 KB budget is on the initial
 * load: screens split by route (React.lazy) arrive when first opened. Null without a build.
 */
export function measureConsoleJs(distWeb: string): ConsoleJs | null {
  const assets = path.join(distWeb, 'assets');
  let html: string;
  let names: string[];
  try {
    html = readFileSync(path.join(distWeb, 'index.html'), 'utf8');
    names = readdirSync(assets).filter((f) => f.endsWith('.js'));
  } catch {
    return null;
  }
  if (names.length === 0) return null;
  const initial = new Set(
    [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/assets\/([^"]+\.js)"/g)].map(
      (m) => m[1],
    ),
  );
  const files = names.map((name) => ({
    name,
    kb: gzipSync(readFileSync(path.join(assets, name)), { level: 9 }).length / 1024,
    initial: initial.has(name),
  }));
  const sum = (list: typeof files) => kb(list.reduce((s, f) => s + f.kb * 1024, 0));
  return {
    initialKb: sum(files.filter((f) => f.initial)),
    totalKb: sum(files),
    files: files.map((f) => ({ ...f, kb: kb(f.kb * 1024) })).sort((a, b) => b.kb - a.kb),
  };
}
