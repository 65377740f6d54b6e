import { createHmac, timingSafeEqual, type BinaryLike } from 'node:crypto';
import type { Services } from '../../main/services.js';

/**
 * Phone tokens: what a phone presents to the WebSocket (GET /phone/ws?token=) and the phone
 * API. `<user id>.<expiry, unix seconds, base 36>.<HMAC-SHA256(secret, "phone:v2:<user id>:<expiry>") base64url>`,
 * keyed by a key derived from the server secret key (src/platform/serverKey.ts: HERALD_SECRET_KEY,
 * shared by every node, or the data directory's key file), so tokens survive restarts and the
 * database alone cannot forge them.
 *
 * In platform mode a token lives 30 days by the platform clock and is renewed on use: past half
 * its life, a phone API answer carries a fresh one (header `x-herald-phone-token`). The emulator
 * does not expire them: its clock travels in time and its users are simulated.
 */

/** How long a phone token lives (platform mode). */
export const PHONE_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
/** The header a renewed token travels in. */
export const PHONE_TOKEN_HEADER = 'x-herald-phone-token';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The signature part of a user's token (pure). */
export function phoneTokenSignature(secret: BinaryLike, userId: string, expiresSec: number): string {
  return createHmac('sha256', secret).update(`phone:v2:${userId}:${expiresSec}`).digest('base64url');
}

/** The token of a user under `secret`, expiring at `expiresSec` (unix seconds; default 30 days from now). */
export function signPhoneToken(secret: BinaryLike, userId: string, expiresSec = Math.floor((Date.now() + PHONE_TOKEN_TTL_MS) / 1000)): string {
  return `${userId}.${expiresSec.toString(36)}.${phoneTokenSignature(secret, userId, expiresSec)}`;
}

/** The user and expiry a token names when its signature is right under `secret` (pure); undefined otherwise. */
export function phoneTokenClaims(secret: BinaryLike, token: unknown): { userId: string; expiresMs: number } | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const userId = parts[0].toLowerCase();
  if (!UUID_RE.test(userId) || !/^[0-9a-z]{1,9}$/.test(parts[1])) return undefined;
  const expiresSec = parseInt(parts[1], 36);
  const given = Buffer.from(parts[2]);
  const expected = Buffer.from(phoneTokenSignature(secret, userId, expiresSec));
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, expiresMs: expiresSec * 1000 } : undefined;
}

/** The user a token names when its signature is right under `secret` (pure); undefined otherwise. Expiry is not checked here. */
export function phoneTokenUser(secret: BinaryLike, token: unknown): string | undefined {
  return phoneTokenClaims(secret, token)?.userId;
}

type TokenServices = Pick<Services, 'db' | 'clock' | 'keys'> & { config: Pick<Services['config'], 'mode'> };
type VerifyServices = TokenServices & Pick<Services, 'kits'>;

/** Issues a phone token for a user (the phone page gets it when the user signs in or is chosen). */
export async function issuePhoneToken(services: TokenServices, userId: string): Promise<string> {
  const expiresSec = Math.floor((services.clock.nowMs() + PHONE_TOKEN_TTL_MS) / 1000);
  return signPhoneToken(services.keys.key('phone-token'), userId.toLowerCase(), expiresSec);
}

/**
 * The claims of a token Herald accepts now: signed, and in platform mode not expired. The user
 * is not looked up: for callers that read the user's row themselves (verifyPhoneToken does both).
 */
export async function acceptedClaims(services: TokenServices, token: unknown) {
  const claims = phoneTokenClaims(services.keys.key('phone-token'), token);
  if (!claims) return undefined;
  if (services.config.mode === 'platform' && claims.expiresMs <= services.clock.nowMs()) return undefined;
  return claims;
}

/** The user a phone token belongs to, or undefined when it is forged, malformed, expired or the user is gone. */
export async function verifyPhoneToken(services: VerifyServices, token: unknown): Promise<string | undefined> {
  const claims = await acceptedClaims(services, token);
  if (!claims) return undefined;
  return (await services.kits.phone.followerUser(services.db, claims.userId)) ? claims.userId : undefined;
}

/** A fresh token for an accepted one past half its life (platform mode), else undefined. */
export async function renewedPhoneToken(services: TokenServices, token: unknown): Promise<string | undefined> {
  if (services.config.mode !== 'platform') return undefined;
  const claims = await acceptedClaims(services, token);
  if (!claims || claims.expiresMs - services.clock.nowMs() > PHONE_TOKEN_TTL_MS / 2) return undefined;
  return issuePhoneToken(services, claims.userId);
}
