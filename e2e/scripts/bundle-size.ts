/**
 * The console's JavaScript, gzipped, against the 350 KB budget:
 * `npm run build:web && npx tsx e2e/scripts/bundle-size.ts`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 350;
const assets = path.resolve(import.meta.dirname, '../../dist/web/assets');
const files = (await readdir(assets)).filter((name) => name.endsWith('.js'));
let total = 0;
const sizes: Array<[string, number]> = [];
for (const name of files) {
  const size = gzipSync(await readFile(path.join(assets, name)), { level: 9 }).length;
  sizes.push([name, size]);
  total += size;
}
sizes.sort((a, b) => b[1] - a[1]);
for (const [name, size] of sizes.slice(0, 8)) console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${name}`);
const kb = total / 1024;
console.log(`${files.length} files, ${kb.toFixed(1)} KB gzipped in all (budget ${BUDGET_KB} KB)`);
if (kb > BUDGET_KB) process.exitCode = 1;
