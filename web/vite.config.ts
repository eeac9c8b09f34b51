// Builds the console (web/src) into web/dist, which the server serves at / (src/http/static.ts).
// `npx vite --config web/vite.config.ts` runs a dev server that proxies the API to :3000.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.AFTERDESK_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': api, '/openapi.json': api, '/docs': api },
  },
});
