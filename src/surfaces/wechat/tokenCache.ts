import type { Db } from '../../platform/db/connect.js';
import type { TokenState, WechatLookups } from './lookups.js';

interface Entry {
  accountId: string;
  expiresAt: number;
  supersededAt: number | null;
  loadedAt: number;
}

const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

/**
 * Resolves access tokens to accounts on the hot path. Entries live a few seconds; a superseded
 * token stays valid 5 minutes after rotation, so a short-lived cache never refuses a token the
 * database would accept and never accepts one for long after it is replaced.
 * Times are wall-clock for cache age and platform-clock for token validity. The accounts module
 * provides the lookups and the validity rule (`Account` is its row).
 */
export class TokenCache<Account extends { id: string } = { id: string }> {
  private tokens = new Map<string, Entry>();
  private accounts = new Map<string, { row: Account; loadedAt: number }>();
  constructor(
    private readonly db: Db,
    private readonly lookups: WechatLookups<Account>,
  ) {}

  /**
   * The state of a token at `nowMs` and, when valid, its account. `accountId` is set for every
   * token Herald knows (valid, expired or superseded), so refusals can be attributed.
   */
  async resolve(token: string, nowMs: number): Promise<{ state: TokenState | 'unknown'; account?: Account; accountId?: string }> {
    const wall = Date.now();
    let e = this.tokens.get(token);
    if (!e || wall - e.loadedAt > TTL_MS) {
      const row = await this.lookups.token(this.db, token);
      if (!row) {
        this.tokens.delete(token);
        return { state: 'unknown' };
      }
      e = {
        accountId: row.accountId,
        expiresAt: row.expiresAt.getTime(),
        supersededAt: row.supersededAt ? row.supersededAt.getTime() : null,
        loadedAt: wall,
      };
      if (this.tokens.size >= MAX_ENTRIES) this.tokens.clear();
      this.tokens.set(token, e);
    }
    const state = this.lookups.tokenState(
      { expiresAt: new Date(e.expiresAt), supersededAt: e.supersededAt ? new Date(e.supersededAt) : null },
      nowMs,
    );
    if (state !== 'valid') return { state, accountId: e.accountId };
    const account = await this.account(e.accountId);
    if (!account) return { state: 'unknown' };
    return { state, account, accountId: e.accountId };
  }

  async account(id: string): Promise<Account | undefined> {
    const wall = Date.now();
    const c = this.accounts.get(id);
    if (c && wall - c.loadedAt <= TTL_MS) return c.row;
    const row = await this.lookups.accountById(this.db, id);
    if (!row) {
      this.accounts.delete(id);
      return undefined;
    }
    if (this.accounts.size >= MAX_ENTRIES) this.accounts.clear();
    this.accounts.set(id, { row, loadedAt: wall });
    return row;
  }

  /** Drops cached state after a change on this node (token issued, account edited). */
  forgetAccount(accountId: string): void {
    this.accounts.delete(accountId);
    for (const [t, e] of this.tokens) if (e.accountId === accountId) this.tokens.delete(t);
  }
}
