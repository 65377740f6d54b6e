import type { Executor } from '../../platform/db/connect.js';
import type { AccountRow } from '../accounts/index.js';
import type { MenuButton } from '../menus/rules/menu.js';

/**
 * What the followers module asks of modules above it (docs/ARCHITECTURE.md, "Module order"),
 * registered by the higher module's manifest (`connect`) so followers never imports it.
 */

/**
 * The buttons of the menu a follower sees on an account, null when the account has no menu (the
 * menus module: a query, no state). The phone's account page shows them.
 */
export type FollowerMenuFinder = (db: Executor, accountId: string, openid: string) => Promise<MenuButton[] | null>;

let followerMenus: FollowerMenuFinder | undefined;

/** Registers the finder of a follower's menu (the same pure query for every instance). */
export function provideFollowerMenus(finder: FollowerMenuFinder): void {
  followerMenus = finder;
}

/** The registered finder; fails loudly when none was registered at boot. */
export function followerMenuFinder(): FollowerMenuFinder {
  if (!followerMenus) throw new Error('no follower menu finder registered: the menus module connects it when the services are built');
  return followerMenus;
}

/** A follow or an unfollow, as the modules above followers see it inside its transaction. */
export interface FollowChange {
  kind: 'follow' | 'unfollow';
  account: AccountRow;
  userId: string;
  openid: string;
  now: Date;
}

/**
 * Runs inside the transaction of a follow or an unfollow (the messaging module opens or closes the
 * service window; the autoreplies module sends the follow reply). It may return an effect to run
 * after the commit (e.g. telling the phone of the reply).
 */
export type FollowHandler = (tx: Executor, change: FollowChange) => Promise<(() => void) | undefined>;

const followHandlers = new WeakMap<object, FollowHandler[]>();

/** Registers a follow handler of one instance's services; handlers run in module order. */
export function onFollowChangeInTx(services: object, handler: FollowHandler): void {
  followHandlers.set(services, [...(followHandlers.get(services) ?? []), handler]);
}

/** Runs the handlers registered for `services`; returns their after-commit effects. */
export async function runFollowHandlers(services: object, tx: Executor, change: FollowChange): Promise<Array<() => void>> {
  const effects: Array<() => void> = [];
  for (const handler of followHandlers.get(services) ?? []) {
    const effect = await handler(tx, change);
    if (effect) effects.push(effect);
  }
  return effects;
}
