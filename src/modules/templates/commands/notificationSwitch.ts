import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { findFollow } from '../../followers/index.js';
import { isBlocked, setBlocked } from '../store.js';

/** A follower's 接收消息 switch for one account's template messages. */
export interface NotificationSetting {
  /** True unless the follower turned them off. */
  receive: boolean;
}

/** Whether this user receives the account's template messages. */
export async function readNotificationSetting(services: Pick<Services, 'db'>, userId: string, account: Pick<AccountRow, 'id'>): Promise<NotificationSetting> {
  return { receive: !(await isBlocked(services.db, account.id, userId)) };
}

/**
 * A follower turns an account's template messages off or on (the phone's account settings). Off,
 * message/template/send still answers ok and TEMPLATESENDJOBFINISH says `failed:user block`.
 * Only a follower may change it (403 followers_only).
 */
export async function setNotificationSetting(services: Pick<Services, 'db' | 'clock'>, userId: string, account: Pick<AccountRow, 'id'>, receive: boolean): Promise<NotificationSetting> {
  const follow = await findFollow(services.db, account.id, userId);
  if (!follow?.subscribed) throw new DomainError('followers_only', 'Follow this official account to choose which of its messages you receive.');
  await setBlocked(services.db, account.id, userId, !receive, services.clock.now());
  return { receive };
}
