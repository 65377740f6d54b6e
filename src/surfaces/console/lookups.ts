import type { Executor } from '../../platform/db/connect.js';

/** A live console session as the module that owns operators finds it. */
export interface FoundSession {
  tokenHash: string;
  csrfToken: string;
  operator: { id: string; email: string; name: string; role: string; platformAdmin: boolean };
  org: { id: string; name: string };
}

/**
 * What the console kit asks of the modules: who a session cookie belongs to and which account
 * an AppID names. The operators and accounts modules provide them at boot (Services.kits,
 * assembled in src/main/server.ts), so the kit reads no module's tables. `Account` is the
 * accounts module's row; the kit only needs its organization.
 */
export interface ConsoleLookups<Account extends { orgId: string } = { orgId: string }> {
  /** How long a session lives (the cookie's max-age). */
  sessionTtlMs: number;
  /** The session a cookie token opens at `now`, or undefined when it is unknown or expired. */
  liveSession(db: Executor, token: string, now: Date): Promise<FoundSession | undefined>;
  /** The account with this AppID, in any organization. */
  accountByAppid(db: Executor, appid: string): Promise<Account | undefined>;
}
