import { describe, expect, it } from 'vitest';
import { SystemClock } from '../clock.js';
import { RateLimiter } from './rateLimit.js';

describe('rate limiter', () => {
  it('allows the limit per window and key, then says how long to wait', () => {
    const c = new SystemClock({ adjustable: true });
    const r = new RateLimiter(c, { limit: 3, windowMs: 60_000 });
    expect([r.take('a'), r.take('a'), r.take('a')]).toEqual([0, 0, 0]);
    const wait = r.take('a');
    expect(wait).toBeGreaterThan(59_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(r.take('b')).toBe(0);
    c.advance(60_000);
    expect(r.take('a')).toBe(0);
  });

  it('keeps memory bounded under a flood of keys', () => {
    const r = new RateLimiter(new SystemClock({ adjustable: true }), { limit: 1, windowMs: 1000, maxKeys: 50 });
    for (let i = 0; i < 5000; i++) r.take(`k${i}`);
    expect(r.size).toBeLessThanOrEqual(50);
  });
});
