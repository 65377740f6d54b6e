import { describe, expect, it } from 'vitest';
import { badgeText, chatTime, listTime, needsStamp } from './format.js';

describe('phone time formatting', () => {
  const now = new Date(2024, 4, 15, 12, 0); // Wednesday
  it('shows the time today, Yesterday, a weekday this week and a date before', () => {
    expect(listTime(new Date(2024, 4, 15, 9, 5).toISOString(), now)).toBe('09:05');
    expect(listTime(new Date(2024, 4, 14, 23, 0).toISOString(), now)).toBe('Yesterday');
    expect(listTime(new Date(2024, 4, 11, 8, 0).toISOString(), now)).toBe('Saturday');
    expect(listTime(new Date(2024, 3, 1, 8, 0).toISOString(), now)).toBe('24/4/1');
    expect(listTime('not a date', now)).toBe('');
    expect(chatTime(new Date(2024, 4, 14, 7, 30).toISOString(), now)).toBe('Yesterday 07:30');
  });
  it('puts a stamp after five minutes of silence', () => {
    const a = new Date(2024, 4, 15, 9, 0).toISOString();
    expect(needsStamp(undefined, a)).toBe(true);
    expect(needsStamp(a, new Date(2024, 4, 15, 9, 4).toISOString())).toBe(false);
    expect(needsStamp(a, new Date(2024, 4, 15, 9, 5).toISOString())).toBe(true);
  });
  it('caps badges at 99+', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });
});
