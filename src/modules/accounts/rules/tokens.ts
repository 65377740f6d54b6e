/**
 * The access_token rules (reference §1): how long a token lives and how long a replaced one
 * keeps working. The store, the token commands and the WeChat API kit's token check all read
 * them from here.
 */

/** access_token lifetime: what `expires_in` says for a fresh token. */
export const TOKEN_LIFETIME_SEC = 7200;

/** How long a superseded token keeps working after a newer one is issued. */
export const TOKEN_OVERLAP_MS = 5 * 60 * 1000;

/** Whether a token is usable: expired tokens answer 42001, superseded ones 40001. */
export type TokenState = 'valid' | 'expired' | 'superseded';

/** When a token issued at `issuedMs` expires. */
export function tokenExpiry(issuedMs: number): Date {
  return new Date(issuedMs + TOKEN_LIFETIME_SEC * 1000);
}

/** Whether a token is usable at `nowMs`: a superseded one until the overlap ends, any one until it expires. */
export function tokenState(token: { expiresAt: Date; supersededAt: Date | null }, nowMs: number): TokenState {
  if (token.supersededAt && nowMs >= token.supersededAt.getTime() + TOKEN_OVERLAP_MS) return 'superseded';
  if (nowMs >= token.expiresAt.getTime()) return 'expired';
  return 'valid';
}
