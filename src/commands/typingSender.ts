import type { Services } from '../services.js';
import { DomainError } from '../errors.js';
import type { AccountRow } from '../store/accounts.js';
import { followerByOpenid } from '../store/conversations.js';
import { openWindows } from '../store/serviceWindows.js';
import { anyOpen } from '../domain/serviceWindow.js';

/** A typing indicator lasts this long unless cancelled or renewed (WeChat: about 15 s). */
export const TYPING_MS = 15_000;

/** Running auto-cancel timers, by user and account. In-process: the node that set it cancels it. */
const timers = new Map<string, NodeJS.Timeout>();
const keyOf = (userId: string, appid: string) => `${userId}:${appid}`;

function clear(key: string): boolean {
  const t = timers.get(key);
  if (!t) return false;
  clearTimeout(t);
  timers.delete(key);
  return true;
}

/** A message arrived: the phone hides the indicator by itself, so the pending cancel is dropped. */
export function cancelTypingOnMessage(userId: string, appid: string): void {
  clear(keyOf(userId, appid));
}

/**
 * message/custom/typing: shows "typing…" on the follower's phone (command Typing) or hides it
 * (CancelTyping). Needs an open customer-service window, as sending does, but uses none of it.
 * The indicator hides itself after 15 s. Refusals carry WeChat's errcode in details.errcode:
 * 40003 unknown openid, 43004 not following, 45015 no open window, 40035 bad command.
 */
export async function sendTyping(services: Services, account: AccountRow, input: { touser?: unknown; command?: unknown }): Promise<void> {
  const { touser, command } = input;
  if (typeof touser !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(touser)) throw new DomainError('invalid_openid', 'touser is not an openid.', { errcode: 40003 });
  if (command !== 'Typing' && command !== 'CancelTyping') throw new DomainError('invalid_request', 'command must be Typing or CancelTyping.', { errcode: 40035 });
  const follower = await followerByOpenid(services.db, account.id, touser);
  if (!follower) throw new DomainError('invalid_openid', 'touser is not a follower of this account.', { errcode: 40003 });
  if (!follower.subscribed) throw new DomainError('not_following', 'The user no longer follows this account.', { errcode: 43004 });
  const now = services.clock.now();
  if (!anyOpen(await openWindows(services.db, account.id, touser, now), now.getTime())) {
    throw new DomainError('window_closed', 'No customer-service window is open for this follower.', { errcode: 45015 });
  }
  const key = keyOf(follower.userId, account.appid);
  const typing = command === 'Typing';
  clear(key);
  services.realtime.publish(follower.userId, { type: 'typing', appid: account.appid, typing });
  if (typing) {
    const timer = setTimeout(() => {
      timers.delete(key);
      services.realtime.publish(follower.userId, { type: 'typing', appid: account.appid, typing: false });
    }, TYPING_MS);
    timer.unref();
    timers.set(key, timer);
  }
}
