import type { FastifyInstance } from 'fastify';

/**
 * Security headers of the browser-facing surfaces, set once for every answer of the web app
 * (console, phone), its JSON APIs, the simulator and the reader pages. A header a route set
 * itself (the article page's own CSP) is kept.
 */

/**
 * The web app: scripts only from Herald (Vite emits no inline script); styles may be inline
 * (React style props, component styles). The phone shows pictures and pages from anywhere
 * (news pictures, the in-phone browser), so images, media and frames allow http(s).
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: http: https:",
  "media-src 'self' data: blob: http: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON APIs: nothing to run or embed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Reader pages: no script at all; the phone shows them in a frame of its own origin. */
export const READER_CSP = "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

type Surface = 'app' | 'api' | 'reader';

/** Which policy a path gets, or none (WeChat APIs, media files, sitemaps keep their own answers). */
export function surfaceOf(url: string): Surface | undefined {
  // The WeChat API is the hot path: answered before the path is even cut from its query.
  if (url.startsWith('/cgi-bin/')) return undefined;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (path.startsWith('/console/api') || path.startsWith('/phone/api') || path.startsWith('/phone/ws') || path.startsWith('/sim/')) return 'api';
  if (path === '/s' || path.startsWith('/s/')) return 'reader';
  if (path === '/' || path === '/console' || path.startsWith('/console/') || path === '/phone' || path.startsWith('/phone/') || path.startsWith('/assets/')) return 'app';
  return undefined;
}

const CSP: Record<Surface, string> = { app: APP_CSP, api: API_CSP, reader: READER_CSP };

/**
 * Registers the headers (an onSend hook: they are on error answers too). A callback hook, not an
 * async one: it runs on every answer, WeChat API calls included, and most of them need nothing.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    const surface = surfaceOf(request.url);
    if (surface) {
      const set = (name: string, value: string) => {
        if (!reply.hasHeader(name)) reply.header(name, value);
      };
      set('content-security-policy', CSP[surface]);
      set('x-frame-options', surface === 'reader' ? 'SAMEORIGIN' : 'DENY');
      set('x-content-type-options', 'nosniff');
      set('referrer-policy', 'strict-origin-when-cross-origin');
    }
    done(null, payload);
  });
}
