import type { Services } from '../../../main/services.js';
import type { Clock } from '../../../platform/clock.js';
import type { RealtimeHub } from '../../../platform/realtime/hub.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { followerByOpenid } from '../store/conversations.js';
import { openWindows } from '../store/serviceWindows.js';
import { anyOpen } from '../rules/serviceWindow.js';

/** A typing indicator lasts this long in Herald time unless cancelled or renewed (WeChat: about 15 s). */
export const TYPING_MS = 15_000;

type TypingServices = Pick<Services, 'clock' | 'realtime'>;

interface Shown {
  userId: string;
  appid: string;
  endsAtMs: number;
  realtime: RealtimeHub;
}

/**
 * The indicators showing on one Herald clock, ended when that clock passes their end: by one
 * real timer set for the first of them (a clock that runs normally) and by the clock's move
 * notification (an emulator clock advanced past it ends them at once). Every indicator lasts
 * TYPING_MS from when it was shown or renewed and the clock only moves forward, so the map, kept
 * in insertion order with renewals moved to the back, is also in order of end: ending them reads
 * from the front and stops at the first one still due later.
 */
class TypingBoard {
  private readonly shown = new Map<string, Shown>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor: Shown | undefined;
  private stopWatching: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly onEmpty: () => void,
  ) {}

  show(key: string, userId: string, appid: string, realtime: RealtimeHub): void {
    this.shown.delete(key);
    this.shown.set(key, { userId, appid, endsAtMs: this.clock.nowMs() + TYPING_MS, realtime });
    this.arm();
  }

  /** Forgets an indicator without telling the phone; true when it was showing. */
  drop(key: string): boolean {
    const had = this.shown.delete(key);
    if (had) this.arm();
    return had;
  }

  /** Ends every indicator due by now and tells each phone. */
  private endDue(): void {
    const now = this.clock.nowMs();
    for (const [key, s] of this.shown) {
      if (s.endsAtMs > now) break;
      this.shown.delete(key);
      s.realtime.publish(s.userId, { type: 'typing', appid: s.appid, typing: false });
    }
    this.arm();
  }

  /** Points the timer at the first indicator to end; lets go of timer and clock when none is left. */
  private arm(): void {
    const first = this.shown.values().next().value;
    if (first && first === this.armedFor) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = first;
    if (!first) {
      this.stopWatching?.();
      this.stopWatching = undefined;
      this.onEmpty();
      return;
    }
    // Never longer than TYPING_MS: a clock set back (setOffset) is checked again then.
    const wait = Math.min(Math.max(0, first.endsAtMs - this.clock.nowMs()), TYPING_MS);
    this.timer = setTimeout(() => {
      this.armedFor = undefined;
      this.endDue();
    }, wait);
    this.timer.unref();
    this.stopWatching ??= this.clock.onMove(() => this.endDue());
  }
}

/** Boards by clock (one per Herald in this process); a board leaves when its last indicator ends. */
const boards = new Map<Clock, TypingBoard>();
const keyOf = (userId: string, appid: string) => `${userId}:${appid}`;

function boardOf(clock: Clock): TypingBoard {
  let board = boards.get(clock);
  if (!board) {
    board = new TypingBoard(clock, () => boards.delete(clock));
    boards.set(clock, board);
  }
  return board;
}

/**
 * Shows "typing…" on the follower's phones, or renews it: it ends by itself TYPING_MS of Herald
 * time later. In-process: the node that shows it ends it.
 */
export function showTyping(services: TypingServices, userId: string, appid: string): void {
  services.realtime.publish(userId, { type: 'typing', appid, typing: true });
  boardOf(services.clock).show(keyOf(userId, appid), userId, appid, services.realtime);
}

/** Hides "typing…" on the follower's phones now (CancelTyping). */
export function hideTyping(services: TypingServices, userId: string, appid: string): void {
  boards.get(services.clock)?.drop(keyOf(userId, appid));
  services.realtime.publish(userId, { type: 'typing', appid, typing: false });
}

/** A message arrived: the phone hides the indicator by itself, so the pending end is dropped. */
export function cancelTypingOnMessage(userId: string, appid: string): void {
  const key = keyOf(userId, appid);
  for (const board of [...boards.values()]) board.drop(key);
}

/**
 * message/custom/typing: shows "typing…" on the follower's phone (command Typing) or hides it
 * (CancelTyping). Needs an open customer-service window, as sending does, but uses none of it.
 * The indicator hides itself after 15 s of Herald time. Refusals carry WeChat's errcode in details.errcode:
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
  if (command === 'Typing') showTyping(services, follower.userId, account.appid);
  else hideTyping(services, follower.userId, account.appid);
}
