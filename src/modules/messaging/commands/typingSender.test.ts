import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SystemClock } from '../../../platform/clock.js';
import type { RealtimeEvent, RealtimeHub } from '../../../platform/realtime/hub.js';
import type { PhoneMessage } from '../phone/messagePresenter.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { fetchToken, wxCall } from '../../../../test/wxClient.js';
import { createFollowerUser } from '../../followers/commands/followerUserCreator.js';
import { followAccount } from '../../followers/commands/followAccount.js';
import { cancelTypingOnMessage, hideTyping, showTyping, TYPING_MS } from './typingSender.js';

/** A hub that records what each user's phones would receive. */
function recordingHub() {
  const sent: Array<{ userId: string; event: RealtimeEvent }> = [];
  const hub = { publish: (userId: string, event: RealtimeEvent) => sent.push({ userId, event }) } as unknown as RealtimeHub<PhoneMessage>;
  const typing = (userId?: string) => sent.filter((s) => s.event.type === 'typing' && (!userId || s.userId === userId)).map((s) => (s.event as { typing: boolean }).typing);
  return { hub, sent, typing };
}

describe('typing indicator on the Herald clock', () => {
  // Wall time stands still unless a test moves it, so only the Herald clock's moves count.
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends at once when the clock is advanced past 15 s, not before', () => {
    const clock = new SystemClock({ adjustable: true });
    const { hub, typing } = recordingHub();
    showTyping({ clock, realtime: hub }, 'u1', 'wxapp');
    expect(typing()).toEqual([true]);
    clock.advance(TYPING_MS - 1);
    expect(typing()).toEqual([true]);
    clock.advance(1);
    expect(typing()).toEqual([true, false]);
    clock.advance(60_000);
    expect(typing()).toEqual([true, false]);
  });

  it('a jump far beyond the end ends every indicator due, and only those', () => {
    const clock = new SystemClock({ adjustable: true });
    const { hub, typing } = recordingHub();
    showTyping({ clock, realtime: hub }, 'early', 'wxapp');
    clock.advance(10_000);
    showTyping({ clock, realtime: hub }, 'late', 'wxapp');
    clock.advance(6_000);
    expect(typing('early')).toEqual([true, false]);
    expect(typing('late')).toEqual([true]);
    clock.advance(9_000);
    expect(typing('late')).toEqual([true, false]);
  });

  it('renewing extends it to 15 s after the renewal', () => {
    const clock = new SystemClock({ adjustable: true });
    const { hub, typing } = recordingHub();
    showTyping({ clock, realtime: hub }, 'u1', 'wxapp');
    clock.advance(10_000);
    showTyping({ clock, realtime: hub }, 'u1', 'wxapp');
    clock.advance(10_000);
    expect(typing()).toEqual([true, true]);
    clock.advance(4_999);
    expect(typing()).toEqual([true, true]);
    clock.advance(1);
    expect(typing()).toEqual([true, true, false]);
  });

  it('CancelTyping ends it now and nothing is sent later; a message arriving drops the pending end', () => {
    const clock = new SystemClock({ adjustable: true });
    const { hub, typing } = recordingHub();
    showTyping({ clock, realtime: hub }, 'u1', 'wxapp');
    hideTyping({ clock, realtime: hub }, 'u1', 'wxapp');
    expect(typing('u1')).toEqual([true, false]);
    showTyping({ clock, realtime: hub }, 'u2', 'wxapp');
    cancelTypingOnMessage('u2', 'wxapp');
    clock.advance(60_000);
    expect(typing('u1')).toEqual([true, false]);
    expect(typing('u2')).toEqual([true]);
  });

  it('indicators of one user on two accounts end separately', () => {
    const clock = new SystemClock({ adjustable: true });
    const { hub, sent } = recordingHub();
    showTyping({ clock, realtime: hub }, 'u1', 'wxa');
    clock.advance(5_000);
    showTyping({ clock, realtime: hub }, 'u1', 'wxb');
    hideTyping({ clock, realtime: hub }, 'u1', 'wxb');
    clock.advance(10_000);
    expect(sent.map((s) => s.event)).toEqual([
      { type: 'typing', appid: 'wxa', typing: true },
      { type: 'typing', appid: 'wxb', typing: true },
      { type: 'typing', appid: 'wxb', typing: false },
      { type: 'typing', appid: 'wxa', typing: false },
    ]);
  });

  it('on a normal clock a real-time wait ends it, with one timer for any number of followers', () => {
    const clock = new SystemClock();
    const { hub, typing } = recordingHub();
    for (let i = 0; i < 1000; i++) showTyping({ clock, realtime: hub }, `u${i}`, 'wxapp');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(7_000);
    showTyping({ clock, realtime: hub }, 'u0', 'wxapp');
    vi.advanceTimersByTime(TYPING_MS - 7_000 - 1);
    expect(typing().filter((t) => !t)).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(typing().filter((t) => !t)).toHaveLength(999);
    expect(typing('u0')).toEqual([true, true]);
    vi.advanceTimersByTime(7_000);
    expect(typing('u0')).toEqual([true, true, false]);
    // Nothing left: no timer keeps running.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets go of the clock when no indicator is left', () => {
    const clock = new SystemClock({ adjustable: true });
    const onMove = vi.spyOn(clock, 'onMove');
    const { hub } = recordingHub();
    showTyping({ clock, realtime: hub }, 'u1', 'wxapp');
    showTyping({ clock, realtime: hub }, 'u2', 'wxapp');
    expect(onMove).toHaveBeenCalledTimes(1);
    clock.advance(TYPING_MS);
    showTyping({ clock, realtime: hub }, 'u3', 'wxapp');
    // Listening again means the first listener was let go when the board emptied.
    expect(onMove).toHaveBeenCalledTimes(2);
    hideTyping({ clock, realtime: hub }, 'u3', 'wxapp');
  });
});

describeEachDb('message/custom/typing follows the Herald clock', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function setup() {
    const { appid, secret } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, appid);
    const token = await fetchToken(herald, appid, secret);
    const events: boolean[] = [];
    const stop = herald.services.realtime.subscribe(user.id, (e) => {
      if (e.type === 'typing' && e.appid === appid) events.push(e.typing);
    });
    const typing = (command: string) => wxCall(herald, 'POST', `/cgi-bin/message/custom/typing?access_token=${token}`, { body: { touser: openid, command } });
    return { events, stop, typing };
  }

  it('advancing the clock by 15 s ends the indicator at once', async () => {
    const { events, stop, typing } = await setup();
    expect(await typing('Typing')).toMatchObject({ errcode: 0 });
    expect(events).toEqual([true]);
    herald.services.clock.advance(14_000);
    expect(events).toEqual([true]);
    herald.services.clock.advance(1_000);
    expect(events).toEqual([true, false]);
    stop();
  });

  it('Typing again renews it for another 15 s', async () => {
    const { events, stop, typing } = await setup();
    await typing('Typing');
    herald.services.clock.advance(12_000);
    expect(await typing('Typing')).toMatchObject({ errcode: 0 });
    herald.services.clock.advance(12_000);
    expect(events).toEqual([true, true]);
    herald.services.clock.advance(3_000);
    expect(events).toEqual([true, true, false]);
    stop();
  });

  it('CancelTyping ends it at once; the clock passing the old end sends nothing more', async () => {
    const { events, stop, typing } = await setup();
    await typing('Typing');
    expect(await typing('CancelTyping')).toMatchObject({ errcode: 0 });
    expect(events).toEqual([true, false]);
    herald.services.clock.advance(TYPING_MS * 2);
    expect(events).toEqual([true, false]);
    stop();
  });
});
