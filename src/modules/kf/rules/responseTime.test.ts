import { describe, expect, it } from 'vitest';
import { SystemClock } from '../../../platform/clock.js';
import { AT_RISK_AFTER_MS, RESPONSE_DEADLINE_MS, responseBoard, responseStatus } from './responseTime.js';

const HOUR = 3600 * 1000;

describe('48-hour response rule', () => {
  it('flags an inquiry as waiting, at risk after 24 h and overdue at 48 h as the clock moves', () => {
    const clock = new SystemClock({ adjustable: true });
    const asked = clock.now();
    const times = { lastUserMessageAt: asked, lastReplyAt: null };
    expect(responseStatus(times, clock.nowMs()).state).toBe('waiting');
    clock.advance(24 * HOUR);
    // Exactly 24 h is not yet at risk; a moment later it is.
    expect(responseStatus(times, asked.getTime() + AT_RISK_AFTER_MS).state).toBe('waiting');
    clock.advance(1000);
    expect(responseStatus(times, clock.nowMs()).state).toBe('at_risk');
    clock.advance(24 * HOUR - 2000);
    expect(responseStatus(times, asked.getTime() + RESPONSE_DEADLINE_MS - 1).state).toBe('at_risk');
    clock.advance(1000);
    const overdue = responseStatus(times, clock.nowMs());
    expect(overdue.state).toBe('overdue');
    // The wall clock moves a little under the advanced offset.
    expect(overdue.waitingMs).toBeGreaterThanOrEqual(RESPONSE_DEADLINE_MS);
    expect(overdue.waitingMs).toBeLessThan(RESPONSE_DEADLINE_MS + 1000);
    expect(overdue.dueAt?.getTime()).toBe(asked.getTime() + RESPONSE_DEADLINE_MS);
    expect(overdue.askedAt?.getTime()).toBe(asked.getTime());
  });

  it('treats an answer at or after the latest message as answered', () => {
    const t = Date.UTC(2025, 0, 1);
    expect(responseStatus({ lastUserMessageAt: new Date(t), lastReplyAt: new Date(t) }, t + 100 * HOUR).state).toBe('answered');
    expect(responseStatus({ lastUserMessageAt: new Date(t), lastReplyAt: new Date(t + 1) }, t + 100 * HOUR)).toEqual({
      state: 'answered', askedAt: null, waitingMs: 0, dueAt: null,
    });
    expect(responseStatus({ lastUserMessageAt: null, lastReplyAt: null }, t).state).toBe('answered');
    expect(responseStatus({ lastUserMessageAt: null, lastReplyAt: new Date(t) }, t).state).toBe('answered');
  });

  it('counts from the first unanswered message: asking again does not restart the clock', () => {
    const t = Date.UTC(2025, 0, 1);
    const times = { lastReplyAt: new Date(t), firstUnansweredAt: new Date(t + HOUR), lastUserMessageAt: new Date(t + 40 * HOUR) };
    const s = responseStatus(times, t + 49 * HOUR);
    expect(s.state).toBe('overdue');
    expect(s.askedAt?.getTime()).toBe(t + HOUR);
    // Without it, only the latest message is known.
    expect(responseStatus({ ...times, firstUnansweredAt: undefined }, t + 49 * HOUR).state).toBe('waiting');
  });

  it('ignores a first-unanswered time that is not after the latest answer', () => {
    const t = Date.UTC(2025, 0, 1);
    const s = responseStatus({ lastReplyAt: new Date(t + 10 * HOUR), firstUnansweredAt: new Date(t), lastUserMessageAt: new Date(t + 20 * HOUR) }, t + 30 * HOUR);
    expect(s.askedAt?.getTime()).toBe(t + 20 * HOUR);
    expect(s.state).toBe('waiting');
  });

  it('never reports a negative wait when a message is stamped after now', () => {
    const t = Date.UTC(2025, 0, 1);
    expect(responseStatus({ lastUserMessageAt: new Date(t + HOUR), lastReplyAt: null }, t)).toMatchObject({ state: 'waiting', waitingMs: 0 });
  });

  it('sorts a board into overdue, at risk and waiting, longest wait first', () => {
    const now = Date.UTC(2025, 0, 10);
    const at = (h: number) => new Date(now - h * HOUR);
    const board = responseBoard(
      [
        { id: 'a', lastUserMessageAt: at(2), lastReplyAt: null },
        { id: 'b', lastUserMessageAt: at(50), lastReplyAt: null },
        { id: 'c', lastUserMessageAt: at(30), lastReplyAt: at(31) },
        { id: 'd', lastUserMessageAt: at(60), lastReplyAt: null },
        { id: 'e', lastUserMessageAt: at(5), lastReplyAt: at(1) },
        { id: 'f', lastUserMessageAt: at(10), lastReplyAt: null },
      ],
      now,
    );
    expect(board.overdue.map((x) => x.id)).toEqual(['d', 'b']);
    expect(board.atRisk.map((x) => x.id)).toEqual(['c']);
    expect(board.waiting.map((x) => x.id)).toEqual(['f', 'a']);
    expect(board.answeredCount).toBe(1);
    expect(board.overdue[0].response.waitingMs).toBe(60 * HOUR);
  });

  it('handles an empty board', () => {
    expect(responseBoard([], Date.now())).toEqual({ overdue: [], atRisk: [], waiting: [], answeredCount: 0 });
  });
});
