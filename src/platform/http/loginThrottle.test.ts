import { describe, expect, it } from 'vitest';
import { SystemClock } from '../clock.js';
import { LoginThrottle, DEFAULT_THROTTLE } from './loginThrottle.js';

const clock = () => new SystemClock({ adjustable: true });

describe('login throttle', () => {
  it('allows a few failures, then backs off exponentially by the platform clock', () => {
    const c = clock();
    const t = new LoginThrottle(c);
    for (let i = 0; i < DEFAULT_THROTTLE.freeFailures; i++) {
      expect(t.retryAfterMs('a@x.io', '1.1.1.1')).toBe(0);
      t.failed('a@x.io', '1.1.1.1');
    }
    expect(t.retryAfterMs('a@x.io', '1.1.1.1')).toBe(0);
    t.failed('a@x.io', '1.1.1.1');
    expect(t.retryAfterMs('a@x.io', '1.1.1.1')).toBe(1000);
    c.advance(1000);
    expect(t.retryAfterMs('a@x.io', '1.1.1.1')).toBe(0);
    t.failed('a@x.io', '1.1.1.1');
    expect(t.retryAfterMs('a@x.io', '1.1.1.1')).toBe(2000);
    c.advance(2000);
    t.failed('a@x.io', '1.1.1.1');
    expect(t.retryAfterMs('a@x.io', '1.1.1.1')).toBe(4000);
    // Another email from another address is unaffected.
    expect(t.retryAfterMs('b@x.io', '2.2.2.2')).toBe(0);
  });

  it('caps the delay and forgets after a quiet hour', () => {
    const c = clock();
    const t = new LoginThrottle(c);
    for (let i = 0; i < 60; i++) t.failed('a@x.io', `10.0.0.${i}`);
    expect(t.retryAfterMs('a@x.io', '9.9.9.9')).toBe(DEFAULT_THROTTLE.maxDelayMs);
    c.advance(DEFAULT_THROTTLE.maxDelayMs + DEFAULT_THROTTLE.forgetAfterMs + 1);
    expect(t.retryAfterMs('a@x.io', '9.9.9.9')).toBe(0);
    t.failed('a@x.io', '9.9.9.9');
    expect(t.retryAfterMs('a@x.io', '9.9.9.9')).toBe(0);
  });

  it('a success clears the email but not the address', () => {
    const c = clock();
    const t = new LoginThrottle(c, { ...DEFAULT_THROTTLE, freeFailures: 1, freeFailuresPerIp: 2 });
    t.failed('a@x.io', 'ip');
    t.failed('a@x.io', 'ip');
    expect(t.retryAfterMs('a@x.io', 'other')).toBeGreaterThan(0);
    t.succeeded('a@x.io');
    expect(t.retryAfterMs('a@x.io', 'other')).toBe(0);
    t.failed('c@x.io', 'ip');
    expect(t.retryAfterMs('d@x.io', 'ip')).toBeGreaterThan(0);
  });

  it('guessing across many emails from one address is slowed too', () => {
    const t = new LoginThrottle(clock());
    for (let i = 0; i <= DEFAULT_THROTTLE.freeFailuresPerIp; i++) t.failed(`u${i}@x.io`, '6.6.6.6');
    expect(t.retryAfterMs('fresh@x.io', '6.6.6.6')).toBeGreaterThan(0);
    expect(t.retryAfterMs('fresh@x.io', '7.7.7.7')).toBe(0);
  });

  it('keeps memory bounded under a flood of random emails', () => {
    const t = new LoginThrottle(clock(), { ...DEFAULT_THROTTLE, maxKeys: 100 });
    for (let i = 0; i < 5000; i++) t.failed(`flood${i}@x.io`, `ip${i}`);
    expect(t.size).toBeLessThanOrEqual(100);
  });

  it('begin counts an attempt before the work, so parallel attempts see each other', () => {
    const t = new LoginThrottle(clock());
    const answers = Array.from({ length: 20 }, () => t.begin('a@x.io', '1.1.1.1'));
    expect(answers.filter((w) => w === 0)).toHaveLength(DEFAULT_THROTTLE.freeFailures + 1);
    // Refused attempts are not counted: the back-off stays at its first step.
    const wait = t.retryAfterMs('a@x.io', '1.1.1.1');
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1000);
  });

  it('a success with the address clears the address too, and makes it known to the account', () => {
    const c = clock();
    const t = new LoginThrottle(c, { ...DEFAULT_THROTTLE, freeFailures: 1, freeFailuresPerIp: 2 });
    expect(t.begin('a@x.io', 'home')).toBe(0);
    t.succeeded('a@x.io', 'home');
    t.failed('x@x.io', 'home');
    t.failed('y@x.io', 'home');
    expect(t.retryAfterMs('z@x.io', 'home')).toBe(0);
    for (let i = 0; i < 5; i++) t.failed('a@x.io', `far${i}`);
    expect(t.retryAfterMs('a@x.io', 'elsewhere')).toBeGreaterThan(0);
    expect(t.retryAfterMs('a@x.io', 'home')).toBe(0);
    c.advance(DEFAULT_THROTTLE.knownAddressMs + 1);
    for (let i = 0; i < 3; i++) t.failed('a@x.io', `later${i}`);
    expect(t.retryAfterMs('a@x.io', 'home')).toBeGreaterThan(0);
  });
});
