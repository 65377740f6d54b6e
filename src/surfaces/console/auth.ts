import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';

export const SESSION_COOKIE = 'herald_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The signed-in operator, as console routes see it. */
export interface ConsoleSession {
  tokenHash: string;
  csrfToken: string;
  operator: { id: string; email: string; name: string; role: string; platformAdmin: boolean };
  org: { id: string; name: string };
}

/** Tokens are 32 random bytes in base64url (43 characters); anything else is not ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the session cookie (401 when absent, unknown or expired by the platform clock) and,
 * for writes, checks the CSRF header against the session's token (403 csrf).
 */
export async function requireSession(services: Pick<Services, 'db' | 'clock' | 'kits'>, request: FastifyRequest): Promise<ConsoleSession> {
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token || !TOKEN_SHAPE.test(token)) throw new DomainError('unauthorized', 'Sign in first.');
  const found = await services.kits.console.liveSession(services.db, token, services.clock.now());
  if (!found) throw new DomainError('unauthorized', 'Your session has ended. Sign in again.');
  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !sameSecret(header, found.csrfToken)) {
      throw new DomainError('csrf', 'Missing or wrong CSRF token. Reload the page and try again.');
    }
  }
  const { operator, org } = found;
  return {
    tokenHash: found.tokenHash,
    csrfToken: found.csrfToken,
    operator: { id: operator.id, email: operator.email, name: operator.name, role: operator.role, platformAdmin: operator.platformAdmin },
    org: { id: org.id, name: org.name },
  };
}

/** The cookie is HTTP-only and SameSite=Lax; Secure whenever Herald is served over https. */
export function setSessionCookie(services: Pick<Services, 'config' | 'kits'>, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: services.config.publicUrl.startsWith('https:'),
    maxAge: Math.floor(services.kits.console.sessionTtlMs / 1000),
  });
}

export function clearSessionCookie(services: Pick<Services, 'config'>, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: services.config.publicUrl.startsWith('https:') });
}
