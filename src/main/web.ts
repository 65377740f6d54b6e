import { existsSync } from 'node:fs';
import path from 'node:path';
import { WEB_DIST } from '../platform/paths.js';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Services } from './services.js';

export const webDist = WEB_DIST;

/** Serves the built web app (console, phone) and its client-side routes. */
export async function registerWeb(app: FastifyInstance, services: Services): Promise<void> {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    services.log.warn('web/dist is missing: run `npm run build:web` to serve the console');
    app.get('/', async (_req, reply) => reply.type('text/plain').send('Herald is running. The console is not built: run `npm run build:web`.'));
    return;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    wildcard: false,
    index: false,
    // The build writes .br and .gz beside each asset (web/vite.config.ts); the browser gets the
    // smallest it accepts.
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply: { header(k: string, v: string): unknown }, file: string) {
      // Files under assets/ carry a content hash in their name: they never change.
      reply.header('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const spa = async (_req: unknown, reply: { type(t: string): { sendFile(f: string): unknown } }) => reply.type('text/html').sendFile('index.html');
  app.get('/', async (_req, reply) => reply.redirect('/console'));
  app.get('/console', spa as never);
  app.get('/console/*', spa as never);
  app.get('/phone', spa as never);
  app.get('/phone/*', spa as never);
}
