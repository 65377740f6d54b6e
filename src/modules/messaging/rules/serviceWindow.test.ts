import { describe, expect, it } from 'vitest';
import { WINDOW_RULES, anyOpen, chooseWindow, newWindow, windowErrcode, type WindowState } from './serviceWindow.js';

const MIN = 60_000;
const H = 3600_000;

/** A clock that moves only when told (real time must not leak into boundaries of a millisecond). */
class StepClock {
  private t = Date.UTC(2025, 0, 1);
  nowMs() {
    return this.t;
  }
  advance(ms: number) {
    this.t += ms;
  }
}

/** Windows as the store would hold them, opened on the test's clock. */
function ledger(clock: StepClock) {
  const windows: WindowState[] = [];
  return {
    windows,
    open(trigger: Parameters<typeof newWindow>[0]) {
      const w = newWindow(trigger, clock.nowMs());
      windows.push({ id: windows.length + 1, expiresAt: w.expiresAt, limit: w.limit, used: 0 });
    },
    send(): number | string {
      const choice = chooseWindow(windows, clock.nowMs());
      if (!choice.ok) return windowErrcode(choice.reason);
      windows.find((w) => w.id === choice.windowId)!.used++;
      return 0;
    },
  };
}

describe('customer-service windows', () => {
  it('follow the reference table', () => {
    expect(WINDOW_RULES).toEqual({
      message: { limit: 5, durationMs: 48 * H },
      click: { limit: 3, durationMs: MIN },
      follow: { limit: 3, durationMs: MIN },
      scan: { limit: 3, durationMs: MIN },
      payment: { limit: null, durationMs: 48 * H },
    });
  });

  it('allow 5 messages in 48 hours after a user message, then 45047, then 45015', () => {
    const clock = new StepClock();
    const l = ledger(clock);
    expect(l.send()).toBe(45015);
    l.open('message');
    expect(Array.from({ length: 6 }, () => l.send())).toEqual([0, 0, 0, 0, 0, 45047]);
    clock.advance(48 * H - 1);
    expect(l.send()).toBe(45047);
    clock.advance(1);
    expect(l.send()).toBe(45015);
  });

  it('allow 3 messages within a minute of a follow, scan or menu tap', () => {
    for (const trigger of ['follow', 'scan', 'click'] as const) {
      const clock = new StepClock();
      const l = ledger(clock);
      l.open(trigger);
      expect([l.send(), l.send(), l.send(), l.send()]).toEqual([0, 0, 0, 45047]);
      clock.advance(MIN);
      expect(l.send()).toBe(45015);
    }
  });

  it('take each message from the window closing soonest, so short windows are used first', () => {
    const clock = new StepClock();
    const l = ledger(clock);
    l.open('message');
    clock.advance(MIN);
    l.open('click');
    expect([l.send(), l.send(), l.send()]).toEqual([0, 0, 0]);
    expect(l.windows.map((w) => w.used)).toEqual([0, 3]);
    expect(l.send()).toBe(0);
    expect(l.windows.map((w) => w.used)).toEqual([1, 3]);
    // Each action opens a window of its own: two messages allow ten.
    l.open('message');
    let sent = 0;
    while (l.send() === 0) sent++;
    expect(sent).toBe(4 + 5);
  });

  it('never run out after a payment within 48 hours', () => {
    const clock = new StepClock();
    const l = ledger(clock);
    l.open('payment');
    for (let i = 0; i < 1000; i++) expect(l.send()).toBe(0);
    clock.advance(48 * H);
    expect(l.send()).toBe(45015);
  });

  it('report whether any window is open (the typing indicator)', () => {
    const clock = new StepClock();
    const l = ledger(clock);
    expect(anyOpen(l.windows, clock.nowMs())).toBe(false);
    l.open('follow');
    l.send();
    l.send();
    l.send();
    expect(anyOpen(l.windows, clock.nowMs())).toBe(true);
    clock.advance(MIN);
    expect(anyOpen(l.windows, clock.nowMs())).toBe(false);
  });
});
