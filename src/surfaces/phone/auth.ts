import type { FastifyRequest } from 'fastify';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { verifyPhoneToken } from './token.js';
import type { PhoneLookups } from './lookups.js';

/** The follower a phone request acts as: whatever the followers module's lookup returns. */
export type PhoneUser = Services['kits']['phone'] extends PhoneLookups<infer U> ? U : never;

/** Longer than any token Herald issues; anything beyond is refused before it is looked at. */
const MAX_TOKEN_LENGTH = 512;

/**
 * The bearer token of a phone request. Tokens travel in a header, not a cookie, so several
 * followers can be open side by side in one browser (each tab keeps its own token).
 */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!m || m[1].length > MAX_TOKEN_LENGTH) return undefined;
  return m[1];
}

/** The follower a phone request acts as: 401 when the token is missing, unknown or the user is gone. */
export async function requirePhoneUser(services: Services, request: FastifyRequest): Promise<PhoneUser> {
  const token = bearerToken(request);
  if (!token) throw new DomainError('unauthorized', 'Choose who to be first (Authorization: Bearer <phone token>).');
  const userId = await verifyPhoneToken(services, token);
  const user = userId ? await services.kits.phone.followerUser(services.db, userId) : undefined;
  if (!user) throw new DomainError('unauthorized', 'This phone session has ended. Choose who to be again.');
  return user;
}
