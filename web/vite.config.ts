import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web app (console, and later the phone page) builds from web/index.html into web/dist,
 * which the server serves (src/web.ts). `npm run dev:web` proxies the APIs to a running Herald.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const target = process.env.HERALD_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Everything is served from this origin: no CDN, no external fonts.
    assetsInlineLimit: 4096,
  },
  server: {
    proxy: {
      '/console/api': target,
      '/sim': target,
      '/cgi-bin': target,
    },
  },
});
