import { findAccountById } from '../accounts/index.js';
import type { Services } from '../../main/services.js';
import type { AccountRow } from '../accounts/index.js';
import { findConversationEntry, listUserConversation, type ConversationRow } from './store/conversations.js';
import { presentPhoneMessage, type PhoneMessage } from './phone/messagePresenter.js';
import type { Executor } from '../../platform/db/connect.js';
import type { RealtimeMessageLoader } from '../../platform/realtime/hub.js';

/**
 * Publishes committed conversation rows to the followers' phones. Call after the transaction
 * that wrote them commits (a phone never sees a message that was rolled back).
 */
export function publishConversation(
  services: Pick<Services, 'realtime'>,
  account: Pick<AccountRow, 'appid' | 'name' | 'type'>,
  rows: readonly ConversationRow[],
): void {
  for (const row of rows) {
    services.realtime.publish(row.userId, {
      type: 'message',
      message: presentPhoneMessage({ ...row, appid: account.appid, accountName: account.name, accountType: account.type }),
    });
  }
}

/** Tells every connected phone that an account's menu changed (they fetch it again). Call after commit. */
export function publishMenuChanged(services: Pick<Services, 'realtime'>, appid: string): void {
  services.realtime.publishAll({ type: 'menu_changed', appid });
}

/** Tells connected phones an account's menu changed (after the change is committed). */
export async function announceMenuChange(services: Pick<Services, 'realtime' | 'db'>, accountId: string): Promise<void> {
  const account = await findAccountById(services.db, accountId);
  if (account) publishMenuChanged(services, account.appid);
}

/**
 * Loads a conversation message another node announced, as the follower's phone shows it
 * (the realtime hub's loader: the hub itself knows no conversations).
 */
export function phoneMessageLoader(db: Executor): RealtimeMessageLoader<PhoneMessage> {
  return async (messageId) => {
    const entry = await findConversationEntry(db, messageId);
    return entry ? { userId: entry.userId, message: presentPhoneMessage(entry) } : null;
  };
}

/**
 * The messages a reconnecting phone missed: up to `limit` of the user's conversation rows with
 * an id above `after`, oldest first, as the phone shows them (the phone kit's replay lookup).
 */
export async function missedPhoneMessages(db: Executor, userId: string, after: number, limit: number): Promise<PhoneMessage[]> {
  return (await listUserConversation(db, userId, { after, limit })).map(presentPhoneMessage);
}
