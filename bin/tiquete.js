#!/usr/bin/env node
// The installed CLI runs the compiled server; `npm ci` builds it (see scripts/postinstall.js).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/server/cli/entry.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('tiquete: the server is not built yet; run `npm run build` (npm ci does it for you).');
  process.exit(1);
}
await import(entry.href);
