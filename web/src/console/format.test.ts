import { describe, expect, it } from 'vitest';
import { ago, dateTime, randomAesKey, randomToken } from './format.js';

describe('console formatting helpers', () => {
  it('generates EncodingAESKeys WeChat accepts: 43 letters or digits, different each time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => randomAesKey()));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(randomToken()).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(randomToken(3)).toMatch(/^[A-Za-z0-9]{3}$/);
  });

  it('formats missing and invalid dates as a dash, others in China time with the zone named', () => {
    expect(dateTime(null)).toBe('—');
    expect(dateTime('not a date')).toBe('—');
    expect(dateTime('2024-05-01T06:03:22.000Z')).toBe('2024-05-01 14:03:22 (UTC+8)');
  });

  it('says how long ago something happened', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    expect(ago('2024-05-01T11:59:58Z', now)).toBe('2 s ago');
    expect(ago('2024-05-01T11:55:00Z', now)).toBe('5 min ago');
    expect(ago('2024-05-01T09:00:00Z', now)).toBe('3 h ago');
    expect(ago('2024-04-28T12:00:00Z', now)).toBe('3 d ago');
    expect(ago('2024-05-01T12:00:05Z', now)).toBe('0 s ago');
  });
});
