import net from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The Host and Origin checks of the browser-facing APIs (console, phone, simulator).
 *
 * DNS rebinding: a page on attacker.example re-resolves its own name to 127.0.0.1 and then reads
 * the emulator "same-origin", but its requests still carry `Host: attacker.example`. So the Host
 * must be one of Herald's own names: the public URL's, the listen address, the names in
 * HERALD_ALLOWED_HOSTS, localhost names, or an IP literal (a page cannot make a browser send a
 * name or an address it did not navigate to itself; localhost is therefore safe in both modes,
 * and a platform deployment's health checks use it).
 *
 * The simulator has no authentication at all, so it also refuses requests a browser marks as
 * coming from another origin (Origin header), which covers `no-cors` POSTs without a body.
 */
export interface HostGuardOptions {
  publicUrl: string;
  listenHost: string;
  /** HERALD_ALLOWED_HOSTS: exact names, or `.example.com` for the name and its subdomains. */
  extraHosts: string[];
}

/** Path prefixes whose requests must carry one of Herald's own names. */
const GUARDED = ['/console/api', '/phone/api', '/phone/ws', '/sim/'];

/** The hostname of a Host header or an Origin's host (port and IPv6 brackets removed), lower case. */
export function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  return h.replace(/:\d*$/, '').replace(/\.$/, '');
}

/**
 * Builds the test "is this one of Herald's names?". IP literals count only when they are
 * Herald's own (listen or public address, loopback); the Host check admits
 * every IP literal on top (see hostAllowed).
 */
export function hostMatcher(opts: HostGuardOptions): (hostname: string) => boolean {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  const add = (name: string) => {
    const n = name.trim().toLowerCase();
    if (!n) return;
    if (n.startsWith('.')) {
      suffixes.push(n);
      exact.add(n.slice(1));
    } else exact.add(n);
  };
  try {
    add(hostnameOf(new URL(opts.publicUrl).host));
  } catch {
    // loadConfig validated it; nothing to add otherwise.
  }
  add(hostnameOf(opts.listenHost));
  opts.extraHosts.forEach(add);
  return (hostname) => {
    if (!hostname) return false;
    if (exact.has(hostname) || suffixes.some((s) => hostname.endsWith(s))) return true;
    return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '::1' || (net.isIPv4(hostname) && hostname.startsWith('127.'));
  };
}

/** The Host check: one of Herald's names, or any IP literal. */
export function hostAllowed(host: string, isOwn: (hostname: string) => boolean): boolean {
  const name = hostnameOf(host);
  return net.isIP(name) !== 0 || isOwn(name);
}

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ error: { code, message } });
}

/**
 * Registers the checks on the guarded paths. A callback hook, not an async one: it runs on every
 * request, WeChat API calls included, and returns at once for paths it does not guard.
 */
export function registerHostGuard(app: FastifyInstance, opts: HostGuardOptions): void {
  const isOwn = hostMatcher(opts);
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const url = request.url;
    if (!GUARDED.some((p) => url.startsWith(p))) return done();
    const host = request.headers.host;
    // No Host at all is not a browser (HTTP/1.0 scripts); a browser always sends one.
    if (host !== undefined && !hostAllowed(host, isOwn)) {
      refuse(reply, 421, 'host_not_allowed', `Herald does not answer for the host ${JSON.stringify(host.slice(0, 100))}; add it to HERALD_ALLOWED_HOSTS if it is yours.`);
      return;
    }
    if (url.startsWith('/sim/')) {
      const origin = request.headers.origin;
      if (origin !== undefined && !originIsOwn(origin, host, isOwn)) {
        refuse(reply, 403, 'origin_not_allowed', 'The simulator API does not answer requests from other web pages.');
        return;
      }
    }
    done();
  });
}

/** Same origin as the request (a page Herald served), or one of Herald's own names. */
function originIsOwn(origin: string, host: string | undefined, isOwn: (hostname: string) => boolean): boolean {
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    return (host !== undefined && u.host === host.toLowerCase()) || isOwn(hostnameOf(u.host));
  } catch {
    // "null" (sandboxed frames, file: pages) and anything unparsable.
    return false;
  }
}
