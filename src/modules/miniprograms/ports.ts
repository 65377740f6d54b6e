import type { Executor } from '../../platform/db/connect.js';
import type { AccountRow } from '../accounts/index.js';

/**
 * What the miniprograms module asks of modules above it (docs/ARCHITECTURE.md, "Module order"),
 * registered by the higher module's manifest (`connect`) so miniprograms never imports it.
 */

/** A link that has just become linked (status 1), as the modules above see it in its transaction. */
export interface LinkMade {
  account: AccountRow;
  miniProgram: { appid: string; name: string; pages: string[] };
  /** 「给已关注公众号的用户发送通知」: the account's followers are told. */
  notifyUsers: boolean;
  now: Date;
}

/**
 * Runs inside the transaction that links a mini program (the messaging module writes the notice
 * followers get when `notify_users` was asked). It may return an effect to run after the commit
 * (telling the phones).
 */
export type LinkHandler = (tx: Executor, made: LinkMade) => Promise<(() => void) | undefined>;

const linkHandlers = new WeakMap<object, LinkHandler[]>();

/** Registers a link handler of one instance's services; handlers run in module order. */
export function onLinkMadeInTx(services: object, handler: LinkHandler): void {
  linkHandlers.set(services, [...(linkHandlers.get(services) ?? []), handler]);
}

/** Runs the handlers registered for `services`; returns their after-commit effects. */
export async function runLinkHandlers(services: object, tx: Executor, made: LinkMade): Promise<Array<() => void>> {
  const effects: Array<() => void> = [];
  for (const handler of linkHandlers.get(services) ?? []) {
    const effect = await handler(tx, made);
    if (effect) effects.push(effect);
  }
  return effects;
}
