// `npm run dev`: the API from source with reload (tsx watch) and Vite's dev server for the console.
import { spawn } from 'node:child_process';
import path from 'node:path';

const bin = (name) => path.join('node_modules', '.bin', name);
const children = [
  spawn(bin('tsx'), ['watch', 'src/cli/entry.ts', 'serve'], { stdio: 'inherit' }),
  spawn(bin('vite'), ['--config', 'web/vite.config.ts'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
