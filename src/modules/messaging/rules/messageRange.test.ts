import { describe, expect, it } from 'vitest';
import { rangeBounds } from './messageRange.js';

/** An instant given in China time (UTC+8). */
const china = (s: string) => Date.parse(`${s}+08:00`);
const iso = (s: string) => new Date(china(s)).toISOString();

describe('消息管理 time ranges (China calendar days)', () => {
  const now = china('2026-12-07T00:30:00');

  it('counts days from China midnight, not UTC midnight', () => {
    expect(rangeBounds('today', now)).toEqual({ from: new Date(iso('2026-12-07T00:00:00')), to: null });
    expect(rangeBounds('yesterday', now)).toEqual({ from: new Date(iso('2026-12-06T00:00:00')), to: new Date(iso('2026-12-07T00:00:00')) });
    expect(rangeBounds('day_before', now)).toEqual({ from: new Date(iso('2026-12-05T00:00:00')), to: new Date(iso('2026-12-06T00:00:00')) });
  });

  it('takes the last 5 days as today and the four before it; all is unbounded', () => {
    expect(rangeBounds('last5', now)).toEqual({ from: new Date(iso('2026-12-03T00:00:00')), to: null });
    expect(rangeBounds('all', now)).toEqual({ from: null, to: null });
  });

  it('moves to the next day exactly at China midnight', () => {
    expect(rangeBounds('today', china('2026-12-07T23:59:59.999')).from?.toISOString()).toBe(iso('2026-12-07T00:00:00'));
    expect(rangeBounds('today', china('2026-12-08T00:00:00')).from?.toISOString()).toBe(iso('2026-12-08T00:00:00'));
  });
});
