import type { Services } from '../../../main/services.js';
import { deliveryState, type DeliveryView } from '../store/deliveries.js';

/** Statuses a delivery does not leave. */
export const FINAL_STATUSES = new Set(['delivered', 'failed', 'skipped']);

/**
 * Waits until a delivery reaches a final status or the deadline passes, and returns its state
 * then. Polls the row (another node's worker may be delivering it) and wakes early on this
 * process's settled notifications.
 */
export async function waitForDelivery(
  services: Services,
  deliveryId: number,
  opts: { timeoutMs?: number; pollMs?: number } = {},
): Promise<DeliveryView | undefined> {
  const deadline = performance.now() + (opts.timeoutMs ?? 16_000);
  const pollMs = opts.pollMs ?? 100;
  let nudge: (() => void) | null = null;
  const off = services.signals.on('deliverySettled', (id) => {
    if (id === deliveryId) nudge?.();
  });
  try {
    for (;;) {
      const state = await deliveryState(services.db, deliveryId);
      if (!state || FINAL_STATUSES.has(state.status)) return state;
      const left = deadline - performance.now();
      if (left <= 0) return state;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(pollMs, left));
        function done() {
          clearTimeout(timer);
          nudge = null;
          resolve();
        }
        nudge = done;
      });
    }
  } finally {
    off();
  }
}
