import type { Executor } from '../../../platform/db/connect.js';
import type { AccountRow } from '../../accounts/index.js';
import type { DeliveryRow } from '../store/deliveries.js';
import type { PassiveReply } from '../rules/passiveReply.js';

/**
 * What the callback worker tells the rest of Herald when a delivery reaches its end. The
 * pipeline stays generic: handlers registered here (the conversation's passive-reply recorder)
 * run inside the transaction that settles the delivery, so their writes happen exactly once,
 * together with the settle, or not at all.
 */

/** A delivery that just reached its end. */
export interface SettledDelivery {
  delivery: DeliveryRow;
  account: AccountRow;
  /** delivered with a valid reply, delivered with none, delivered with an invalid one, or failed after every attempt. */
  outcome: { status: 'delivered'; replyStatus: 'valid'; reply: PassiveReply } | { status: 'delivered'; replyStatus: 'none' | 'invalid' } | { status: 'failed' };
  /** Platform time of the settle. */
  at: Date;
}

/** What a handler asks for after commit. */
export interface SettleEffects {
  /** The handler queued deliveries: wake the worker. */
  deliveriesQueued?: boolean;
  /** Run after commit (publish to phones ...). */
  afterCommit?: () => void;
}

/** A handler: runs in the settle transaction. */
export type SettleHandler = (tx: Executor, settled: SettledDelivery) => Promise<SettleEffects | void>;

const registries = new WeakMap<object, SettleHandler[]>();

/** Registers a handler for one Herald instance's services; returns the function that removes it. */
export function onDeliverySettledInTx(services: object, handler: SettleHandler): () => void {
  const list = registries.get(services) ?? [];
  list.push(handler);
  registries.set(services, list);
  return () => {
    const i = list.indexOf(handler);
    if (i >= 0) list.splice(i, 1);
  };
}

/**
 * Runs every handler of `services` inside the settle transaction; returns their effects. Each
 * handler runs in a savepoint: one that fails is rolled back alone and logged, and the delivery
 * still settles (its outcome is the record of what the developer's server did).
 */
export async function runSettleHandlers(
  services: object,
  tx: Executor,
  settled: SettledDelivery,
  log?: { warn(obj: object, msg: string): void },
): Promise<SettleEffects[]> {
  const effects: SettleEffects[] = [];
  for (const handler of registries.get(services) ?? []) {
    try {
      const e = await tx.transaction((sp) => handler(sp, settled));
      if (e) effects.push(e);
    } catch (err) {
      log?.warn({ err, deliveryId: settled.delivery.id }, 'a settle handler failed; the delivery settles without it');
    }
  }
  return effects;
}
