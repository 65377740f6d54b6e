import { describe, expect, it } from 'vitest';
import { chinaDay, chinaMonth } from './clock.js';

describe('China calendar days', () => {
  it('names the day in Asia/Shanghai, across midnight and back, and refuses an invalid instant', () => {
    const beforeMidnight = Date.parse('2026-12-07T15:59:59.999Z'); // 23:59:59.999 in China
    const midnight = Date.parse('2026-12-07T16:00:00.000Z'); // 00:00 on the 8th in China
    expect(chinaDay(beforeMidnight)).toBe('2026-12-07');
    expect(chinaDay(midnight)).toBe('2026-12-08');
    // Back in time (the clock can travel): the remembered day is not reused.
    expect(chinaDay(beforeMidnight)).toBe('2026-12-07');
    expect(chinaDay(midnight + 86_400_000 * 366)).toBe('2027-12-09');
    expect(chinaDay(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(chinaMonth(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01');
    expect(() => chinaDay(Number.NaN)).toThrow(RangeError);
  });
});
