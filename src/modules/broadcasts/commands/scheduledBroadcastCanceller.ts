import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { cancelScheduledBroadcast, findAccountBroadcast, type BroadcastRow } from '../store/broadcastConsole.js';

/**
 * Cancels a scheduled push post before its time comes. Once the runner has claimed it (or it
 * was never scheduled) it can no longer be cancelled: a push already reaching followers is
 * deleted afterwards instead (message/mass/delete), as on WeChat.
 */
export async function cancelScheduledPush(services: Pick<Services, 'db' | 'clock'>, input: { accountId: string; msgId: number }): Promise<BroadcastRow> {
  const cancelled = await cancelScheduledBroadcast(services.db, input.accountId, input.msgId, services.clock.now());
  if (cancelled) return cancelled;
  const row = await findAccountBroadcast(services.db, input.accountId, input.msgId);
  if (!row || row.kind !== 'mass') throw new DomainError('not_found', 'Push post not found.');
  if (row.status === 'cancelled') throw new DomainError('not_cancellable', 'This push post was already cancelled.', { status: row.status });
  if (row.status === 'scheduled') {
    throw new DomainError('not_cancellable', 'This push post is starting right now and can no longer be cancelled.', { status: row.status });
  }
  throw new DomainError('not_cancellable', 'Only a scheduled push post that has not started can be cancelled.', { status: row.status });
}
