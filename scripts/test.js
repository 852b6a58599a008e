// The README's test command: lint, type-check, build the console, then every test (unit,
// integration on SQLite and PostgreSQL, browser). Ends with the plain line CI reads:
// "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = (name) => path.join('node_modules', '.bin', name);

function step(title, command, args) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

const checks = [
  ['lint and format (biome)', bin('biome'), ['check', '.']],
  ['type-check the server (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['type-check the console (tsc)', bin('tsc'), ['--noEmit', '-p', 'web/tsconfig.json']],
  ['type-check the browser tests (tsc)', bin('tsc'), ['--noEmit', '-p', 'e2e/tsconfig.json']],
  ['build the console (vite)', bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']],
];
let failedChecks = 0;
for (const [title, command, args] of checks) {
  if (!step(title, command, args)) {
    failedChecks++;
    console.log(`!! ${title} failed`);
  }
}

const report = path.join(mkdtempSync(path.join(tmpdir(), 'tiquete-test-')), 'vitest.json');
const extra = process.argv.slice(2);
step('tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);

let passed = 0;
let failed = failedChecks;
let skipped = 0;
const perEngine = { sqlite: 0, postgres: 0 };
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  for (const file of results.testResults) {
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      failed++;
      console.log(`!! ${file.name} failed to load: ${file.message}`);
    }
    for (const test of file.assertionResults) {
      if (test.status === 'passed') passed++;
      else if (test.status === 'failed') failed++;
      else skipped++;
      const suite = test.ancestorTitles.join(' ');
      if (test.status === 'passed' && suite.includes('[sqlite]')) perEngine.sqlite++;
      if (test.status === 'passed' && suite.includes('[postgres]')) perEngine.postgres++;
    }
  }
} catch (error) {
  failed++;
  console.log(`!! no test report (${error.message})`);
}

console.log(`\nDatabase tests passed: ${perEngine.sqlite} on SQLite, ${perEngine.postgres} on PostgreSQL.`);
if (failedChecks) console.log(`${failedChecks} check(s) before the tests failed; each counts as one failure.`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
