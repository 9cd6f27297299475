/** Builds the dashboard into dist/web, which the API serves at `/` (src/api/dashboard.ts). */
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // One small bundle: the dashboard is a handful of pages; no source maps shipped to browsers.
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  // `vite dev` talks to a running `npm start` for its data.
  server: { proxy: { '/v1': 'http://127.0.0.1:8025' } },
});
