// Builds the server and the web console after `npm ci`/`npm install`, so `npm start` runs at once.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (!existsSync('node_modules/.bin/tsc')) {
  console.log('tiquete: dev dependencies are missing; skipping the build (run `npm run build` later).');
  process.exit(0);
}
execFileSync(npx, ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(npx, ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
