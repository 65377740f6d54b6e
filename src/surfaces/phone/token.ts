import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Services } from '../../main/services.js';
import { phoneTokenSecret } from '../../platform/db/settings.js';
import { findFollowerUser } from '../../modules/followers/store/users.js';

/**
 * Phone tokens: what a phone presents to the WebSocket (GET /phone/ws?token=) and the phone
 * API. `<user id>.<HMAC-SHA256(secret, "phone:v1:<user id>") base64url>`, with an instance
 * secret generated once and kept in the settings table, so every node accepts every node's
 * tokens and they survive restarts.
 */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The signature part of a user's token (pure). */
export function phoneTokenSignature(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(`phone:v1:${userId}`).digest('base64url');
}

/** The token of a user under `secret` (pure). */
export function signPhoneToken(secret: string, userId: string): string {
  return `${userId}.${phoneTokenSignature(secret, userId)}`;
}

/** The user a token names when its signature is right under `secret` (pure); undefined otherwise. */
export function phoneTokenUser(secret: string, token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const dot = token.indexOf('.');
  if (dot < 0) return undefined;
  const userId = token.slice(0, dot).toLowerCase();
  if (!UUID_RE.test(userId)) return undefined;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(phoneTokenSignature(secret, userId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined;
}

/** Issues a phone token for a user (the phone page gets it when the user signs in or is chosen). */
export async function issuePhoneToken(services: Pick<Services, 'db'>, userId: string): Promise<string> {
  return signPhoneToken(await phoneTokenSecret(services.db), userId.toLowerCase());
}

/** The user a phone token belongs to, or undefined when it is forged, malformed or the user is gone. */
export async function verifyPhoneToken(services: Pick<Services, 'db'>, token: unknown): Promise<string | undefined> {
  const userId = phoneTokenUser(await phoneTokenSecret(services.db), token);
  if (!userId) return undefined;
  return (await findFollowerUser(services.db, userId)) ? userId : undefined;
}
