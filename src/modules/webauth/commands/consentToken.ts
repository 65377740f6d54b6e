import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import type { Scope } from '../rules/authorize.js';

/**
 * The consent sheet's ticket: what the allow/deny answer is about (account, follower, scope,
 * redirect_uri, state), signed with a key derived from the server secret key, valid 10 minutes. A forged or altered
 * ticket, or one presented by another follower, is refused; nothing is stored until the answer.
 */
export interface ConsentClaims {
  accountId: string;
  userId: string;
  scope: Scope;
  redirectUri: string;
  state: string;
  /** Unix ms. */
  expiresMs: number;
}

export const CONSENT_TTL_MS = 10 * 60 * 1000;
/** Longer than any ticket Herald issues (redirect_uri is capped at 2048). */
const MAX_TICKET = 4096;

const mac = (secret: Buffer, payload: string) => createHmac('sha256', secret).update(`consent:v1:${payload}`).digest('base64url');

export async function signConsent(services: Pick<Services, 'keys'>, claims: ConsentClaims): Promise<string> {
  const payload = Buffer.from(JSON.stringify([claims.accountId, claims.userId, claims.scope, claims.redirectUri, claims.state, claims.expiresMs])).toString('base64url');
  return `${payload}.${mac(services.keys.key('oauth-consent'), payload)}`;
}

/** The claims of a ticket whose signature is right and that has not expired; undefined otherwise. */
export async function readConsent(services: Pick<Services, 'keys' | 'clock'>, ticket: unknown): Promise<ConsentClaims | undefined> {
  if (typeof ticket !== 'string' || ticket.length > MAX_TICKET) return undefined;
  const [payload, sig, ...rest] = ticket.split('.');
  if (rest.length > 0 || !payload || !sig) return undefined;
  const expected = Buffer.from(mac(services.keys.key('oauth-consent'), payload));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const [accountId, userId, scope, redirectUri, state, expiresMs] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, string, Scope, string, string, number];
  if (expiresMs <= services.clock.nowMs()) return undefined;
  return { accountId, userId, scope, redirectUri, state, expiresMs };
}
