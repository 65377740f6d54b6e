import type { Executor } from '../../platform/db/connect.js';

/**
 * What the media module asks of modules above it (docs/ARCHITECTURE.md, "Module order"),
 * registered by the higher module's manifest (`connect`) so media never imports it.
 */

/**
 * Whether something of the account's names this media_id (the menus module: its buttons; the
 * autoreplies module: its replies). A material in use is not deleted (48005).
 */
export type MaterialUseCheck = (db: Executor, accountId: string, mediaId: string) => Promise<boolean>;

const useChecks = new Map<string, MaterialUseCheck>();

/** Registers a module's check (the same pure query for every instance; registering again replaces it). */
export function provideMaterialUseCheck(module: string, check: MaterialUseCheck): void {
  useChecks.set(module, check);
}

/** Whether any registered check finds this media_id in use. */
export async function materialInUse(db: Executor, accountId: string, mediaId: string): Promise<boolean> {
  for (const check of useChecks.values()) if (await check(db, accountId, mediaId)) return true;
  return false;
}
