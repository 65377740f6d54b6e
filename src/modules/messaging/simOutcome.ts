import type { Services } from '../../main/services.js';
import { presentReply } from '../../surfaces/sim/presenters.js';
import { waitForDelivery } from '../callbacks/index.js';
import { presentPhoneMessage } from './phone/messagePresenter.js';
import { listUserConversation } from './store/conversations.js';

/**
 * The delivery's outcome once it is done (or the wait ends), and what the account answered in the
 * conversation: the simulator's answer to a message, a menu click (menus) or a scan.
 */
export async function simOutcome(services: Services, userId: string, accountId: string, deliveryId: number | null | undefined, afterId: number, wait: boolean) {
  const state = wait && typeof deliveryId === 'number' ? await waitForDelivery(services, deliveryId) : undefined;
  const later = wait ? await listUserConversation(services.db, userId, { after: afterId, accountId, limit: 50 }) : [];
  return {
    delivery: typeof deliveryId === 'number' ? { id: deliveryId, status: state?.status ?? 'pending', attempts: state?.attempts ?? 0 } : null,
    reply: state?.reply == null ? null : presentReply(state.reply),
    reply_status: state?.replyStatus ?? 'none',
    reply_error: state?.replyError ?? null,
    replies: later.filter((e) => e.direction === 'out').map(presentPhoneMessage),
  };
}
