/**
 * The console's initial JavaScript (entry + modulepreloads), gzipped, against the 350 KB budget:
 * `npm run build:web && npx tsx e2e/scripts/bundle-size.ts`. Screens split by route load later.
 */
import path from 'node:path';
import { measureConsoleJs } from '../../bench/console-js.ts';

const BUDGET_KB = 350;
const measured = measureConsoleJs(path.resolve(import.meta.dirname, '../../dist/web'));
if (!measured) {
  console.error('No console build in dist/web: run `npm run build:web` first.');
  process.exit(1);
}
for (const file of measured.files.slice(0, 10)) {
  console.log(`${file.kb.toFixed(1).padStart(7)} KB  ${file.initial ? 'initial' : 'lazy   '}  ${file.name}`);
}
console.log(
  `${measured.files.length} files: ${measured.initialKb.toFixed(1)} KB gzipped at first load (budget ${BUDGET_KB} KB), ` +
    `${measured.totalKb.toFixed(1)} KB in all`,
);
if (measured.initialKb > BUDGET_KB) process.exitCode = 1;
