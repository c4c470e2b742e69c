/**
 * Builds the explorer into dist/client, which the express server serves at `/`. `npm run build:client`
 * (or `npm start`, through server/client-build.ts) runs it; `npx vite --config client/vite.config.mts`
 * serves it with hot reload and forwards /api to the server on port 3000 (or API_URL).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // sigma + graphology are one ~400 kB chunk; splitting it would only add requests. OpenCC's
    // Simplified→Traditional table (~1.1 MB) is a chunk of its own, loaded only when content is
    // first shown in Traditional from Simplified (core/script/convert.ts).
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': process.env.API_URL ?? 'http://127.0.0.1:3000' },
  },
});
