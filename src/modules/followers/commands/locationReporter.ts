import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { findFollowerUser } from '../store/users.js';
import { findFollow } from '../store/followers.js';
import { can } from '../../accounts/rules/capabilities.js';
import { locationEvent } from '../../../protocol/pushMessages.js';
import { queuePush } from '../../callbacks/index.js';

/** A position as the phone reports it. */
export interface ReportedLocation {
  latitude: number;
  longitude: number;
  /** Accuracy in metres. */
  precision: number;
}

/**
 * The phone reports the follower's position when they open the chat of an account that asks for
 * it: the LOCATION event. Only accounts with the 'location' capability (verified service
 * accounts) receive it; others: DomainError location_not_allowed. Returns the delivery id.
 */
export async function reportLocation(services: Services, userId: string, appid: string, loc: ReportedLocation): Promise<{ deliveryId: number }> {
  const { latitude, longitude, precision } = loc ?? ({} as ReportedLocation);
  const finite = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
  if (!finite(latitude, -90, 90) || !finite(longitude, -180, 180) || !finite(precision, 0, 1e6)) {
    throw new DomainError('invalid_request', 'latitude (-90..90), longitude (-180..180) and precision (metres, 0..1000000) are required.');
  }
  const user = await findFollowerUser(services.db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  const account = await findAccountByAppid(services.db, appid);
  if (!account) throw new DomainError('not_found', `No account with AppID ${appid}.`);
  if (!can(account, 'location')) throw new DomainError('location_not_allowed', 'This account cannot receive user locations (verified service accounts only).');
  const follow = await findFollow(services.db, account.id, user.id);
  if (!follow || !follow.subscribed) throw new DomainError('not_following', 'Only followers report their location.');
  const queued = await services.db.transaction(async (tx) => {
    const now = services.clock.now();
    const push = locationEvent({ originalId: account.originalId, openid: follow.openid, createTime: Math.floor(now.getTime() / 1000) }, { latitude, longitude, precision });
    return queuePush(tx, account, follow.openid, push, now);
  });
  if (queued.pending) services.signals.emit('deliveriesQueued');
  return { deliveryId: queued.deliveryId };
}
