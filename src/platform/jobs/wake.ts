import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

/**
 * In-process signals around the callback outbox. Cross-node correctness never depends on
 * them: the worker also polls, and waiters also poll the row; these only cut latency.
 */

/** Wakes the worker(s) after a transaction that queued deliveries has committed. */
export function notifyDeliveriesQueued(services: { hooks: { deliveriesQueued: Array<() => void> }; log: Logger }): void {
  for (const fn of services.hooks.deliveriesQueued) {
    try {
      fn();
    } catch (err) {
      services.log.warn({ err }, 'deliveriesQueued listener failed');
    }
  }
}

const settledEmitters = new WeakMap<object, EventEmitter>();

function emitterOf(services: object): EventEmitter {
  let e = settledEmitters.get(services);
  if (!e) {
    e = new EventEmitter();
    e.setMaxListeners(0);
    settledEmitters.set(services, e);
  }
  return e;
}

/** Announces that a delivery reached a final state (delivered, failed, skipped). */
export function notifyDeliverySettled(services: object, deliveryId: number): void {
  emitterOf(services).emit('settled', deliveryId);
}

/** Subscribes to settled deliveries; returns the unsubscribe function. */
export function onDeliverySettled(services: object, fn: (deliveryId: number) => void): () => void {
  const e = emitterOf(services);
  e.on('settled', fn);
  return () => e.off('settled', fn);
}
