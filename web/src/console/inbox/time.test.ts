import { describe, expect, it } from 'vitest';
import { answeredBy, serverClock, span, windowLabel, windowProblem, windowShort } from './time.js';

const H = 3600 * 1000;

describe('inbox times', () => {
  it('writes spans the way people read them', () => {
    expect(span(-5)).toBe('0 s');
    expect(span(59_999)).toBe('59 s');
    expect(span(3 * 60_000)).toBe('3 min');
    expect(span(46 * H + 59 * 60_000)).toBe('46 h');
    expect(span(49 * H)).toBe('2 d 1 h');
    expect(span(72 * H)).toBe('3 d');
  });

  it('describes the window', () => {
    const now = Date.UTC(2024, 4, 1, 12);
    expect(windowLabel({ state: 'open', closes_at: new Date(now + 46 * H).toISOString(), messages_left: 3, closed_at: null }, now)).toBe(
      'Window open · 3 replies left · closes in 46 h',
    );
    expect(windowLabel({ state: 'open', closes_at: new Date(now + H).toISOString(), messages_left: 1, closed_at: null }, now)).toBe(
      'Window open · 1 reply left · closes in 1 h',
    );
    expect(windowLabel({ state: 'open', closes_at: new Date(now + H).toISOString(), messages_left: null, closed_at: null }, now)).toContain('unlimited replies');
    expect(windowLabel({ state: 'closed', closes_at: null, messages_left: 0, closed_at: null }, now)).toBe('Window closed');
    expect(windowShort({ state: 'open', closes_at: new Date(now + 46 * H).toISOString(), messages_left: 3, closed_at: null }, now)).toBe('3 replies left · 46 h');
    expect(windowShort({ state: 'exhausted', closes_at: null, messages_left: 0, closed_at: null }, now)).toBe('No replies left');
    expect(windowShort({ state: 'closed', closes_at: null, messages_left: 0, closed_at: null }, now)).toBe('Window closed');
    expect(windowProblem({ state: 'open', closes_at: null, messages_left: 2, closed_at: null })).toBeNull();
    expect(windowProblem({ state: 'closed', closes_at: null, messages_left: 0, closed_at: new Date(now).toISOString() })).toMatch(/^The 48-hour window closed on \d{4}-.*must message again/);
    expect(windowProblem({ state: 'exhausted', closes_at: null, messages_left: 0, closed_at: null })).toContain('must message again');
  });

  it('follows the server clock, not the browser', () => {
    const clock = serverClock('2030-01-01T00:00:00.000Z', Date.now());
    expect(Math.abs(clock() - Date.UTC(2030, 0, 1))).toBeLessThan(1000);
    expect(Math.abs(serverClock(undefined, 0)() - Date.now())).toBeLessThan(1000);
  });

  it('names who answered', () => {
    expect(answeredBy({ source: 'kf', kf_account: 'anna@shop', kf_nickname: 'Anna', operator_name: 'Anna Li' })).toBe('Anna · Anna Li');
    expect(answeredBy({ source: 'custom', kf_account: 'bob@shop', kf_nickname: null, operator_name: null })).toBe('bob@shop');
    expect(answeredBy({ source: 'autoreply', kf_account: null, kf_nickname: null, operator_name: null })).toBe('Auto-reply');
  });
});
