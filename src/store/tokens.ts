import { eq } from 'drizzle-orm';
import type { Executor } from '../db/connect.js';
import { accessTokens } from '../db/schema/index.js';

export type TokenRow = typeof accessTokens.$inferSelect;

/** How long a superseded token keeps working after a newer one is issued. */
export const TOKEN_OVERLAP_MS = 5 * 60 * 1000;
/** access_token lifetime. */
export const TOKEN_LIFETIME_SEC = 7200;

export async function findToken(db: Executor, token: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(accessTokens).where(eq(accessTokens.token, token)).limit(1);
  return row;
}

export type TokenState = 'valid' | 'expired' | 'superseded';

/** Whether a token is usable at `nowMs`: expired tokens answer 42001, superseded ones 40001. */
export function tokenState(row: Pick<TokenRow, 'expiresAt' | 'supersededAt'>, nowMs: number): TokenState {
  if (row.supersededAt && nowMs >= row.supersededAt.getTime() + TOKEN_OVERLAP_MS) return 'superseded';
  if (nowMs >= row.expiresAt.getTime()) return 'expired';
  return 'valid';
}
