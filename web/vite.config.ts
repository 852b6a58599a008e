import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = import.meta.dirname;
const repoRoot = resolve(webRoot, '..');
const apiTarget = 'http://localhost:3000';

// Vendor code changes far less often than ours, so it gets its own long-cached chunks.
// Each group is a library family that is loaded together; anything else from
// node_modules falls into `vendor`, except the date pickers (@mantine/dates, dayjs): only screens
// loaded on demand use them (ticket, new ticket, admin, contracts), so they ride in those chunks.
const vendorGroups: Array<{ name: string; test: RegExp; priority: number }> = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
  {
    name: 'mantine',
    test: /node_modules[\\/](@mantine[\\/](?!dates|charts)[^\\/]+|@floating-ui|react-remove-scroll[^\\/]*|react-style-singleton|react-number-format|react-textarea-autosize|use-callback-ref|use-sidecar|get-nonce|tslib|clsx|type-fest)[\\/]/,
    priority: 30,
  },
  { name: 'tanstack', test: /node_modules[\\/]@tanstack[\\/]/, priority: 30 },
  {
    name: 'i18n',
    test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
    priority: 30,
  },
  // The Informes page's charts and what only they use (a group takes its modules' dependencies
  // too, so it ranks below the groups above): loaded with that page, never at start.
  { name: 'charts', test: /node_modules[\\/](@mantine[\\/]charts|recharts)[\\/]/, priority: 20 },
  { name: 'vendor', test: /node_modules[\\/](?!@mantine[\\/]dates|dayjs)/, priority: 10 },
];

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: resolve(webRoot, 'public'),
  plugins: [react()],
  build: {
    outDir: resolve(repoRoot, 'dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups,
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false, ws: true },
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, ws: true },
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
});
