import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web app (console, and later the phone page) builds from web/index.html into web/dist,
 * which the server serves (src/web.ts). `npm run dev:web` proxies the APIs to a running Herald.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const target = process.env.HERALD_URL ?? 'http://127.0.0.1:8080';

/**
 * Writes `.br` and `.gz` beside every text asset of the build, so the server sends a compressed
 * file when the browser accepts one (src/main/web.ts) without compressing on each request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'herald-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json|txt|map)$/.test(f))) {
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
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
