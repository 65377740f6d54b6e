import type { Executor } from '../../platform/db/connect.js';

/**
 * What the simulator kit asks of the modules: which account an AppID names. The accounts module
 * provides it at boot (Services.kits, assembled in src/main/server.ts), so the kit reads no
 * module's tables. `Account` is the accounts module's row.
 */
export interface SimLookups<Account = unknown> {
  /** The account with this AppID, in any organization (the simulator is the emulator's, not an operator's). */
  accountByAppid(db: Executor, appid: string): Promise<Account | undefined>;
}
