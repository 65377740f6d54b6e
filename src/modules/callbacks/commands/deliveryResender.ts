import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/index.js';
import { findDelivery, insertDelivery } from '../store/deliveries.js';

/**
 * Queues a delivery again with the same payload, as a manual re-send from the inspector. The
 * MsgId (inside the payload) stays the same, exactly as a WeChat retry would carry it, so a
 * developer server that de-duplicates by MsgId treats it as a repeat.
 */
export async function resendDelivery(services: Services, accountId: string, deliveryId: number): Promise<{ id: number }> {
  const original = await findDelivery(services.db, deliveryId);
  if (!original || original.accountId !== accountId) throw new DomainError('not_found', 'Delivery not found.');
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  const id = await insertDelivery(services.db, {
    accountId,
    kind: original.kind === 'event' ? 'event' : 'message',
    label: original.label,
    msgId: original.msgId,
    openid: original.openid,
    payloadXml: original.payloadXml,
    now: services.clock.now(),
    status: account.serverEnabled && account.serverUrl ? 'pending' : 'skipped',
    resendOf: original.id,
  });
  services.signals.emit('deliveriesQueued');
  return { id };
}
