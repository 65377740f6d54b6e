import type { Executor } from '../../platform/db/connect.js';

/** Whether an access_token is usable: expired tokens answer 42001, superseded ones 40001. */
export type TokenState = 'valid' | 'expired' | 'superseded';

/** What the kit keeps of a stored access_token. */
export interface FoundToken {
  accountId: string;
  expiresAt: Date;
  supersededAt: Date | null;
}

/**
 * What the WeChat API kit asks of the accounts module: the token behind an access_token, the
 * rule that says whether it is still usable, and the account it belongs to. Provided at boot
 * (src/main/server.ts), so the kit reads no module's tables. `Account` is the accounts
 * module's row.
 */
export interface WechatLookups<Account extends { id: string } = { id: string }> {
  /** The stored token for an access_token's plaintext, or undefined when Herald never issued it. */
  token(db: Executor, token: string): Promise<FoundToken | undefined>;
  /** Whether a token is usable at `nowMs` (lifetime and overlap after rotation). */
  tokenState(token: Pick<FoundToken, 'expiresAt' | 'supersededAt'>, nowMs: number): TokenState;
  /** The account with this id, or undefined. */
  accountById(db: Executor, id: string): Promise<Account | undefined>;
}
