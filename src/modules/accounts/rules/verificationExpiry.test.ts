import { expect, it } from 'vitest';
import { verificationNotice } from './verificationExpiry.js';

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 7, 4, 0, 0);

it('says nothing for unverified accounts, an unknown end, or more than 30 days left', () => {
  expect(verificationNotice(false, new Date(now + DAY), now)).toBeNull();
  // After expiry the flag is cleared and the end kept: the notice still says it ran out.
  expect(verificationNotice(false, new Date(now - DAY), now)?.kind).toBe('verification_expired');
  expect(verificationNotice(true, null, now)).toBeNull();
  expect(verificationNotice(true, new Date(now + 30 * DAY + 1), now)).toBeNull();
});

it('warns within 30 days with the whole days left, rounded up', () => {
  expect(verificationNotice(true, new Date(now + 30 * DAY), now)).toEqual({ kind: 'verification_expiring', until: new Date(now + 30 * DAY).toISOString(), days_left: 30 });
  expect(verificationNotice(true, new Date(now + 1), now)).toMatchObject({ kind: 'verification_expiring', days_left: 1 });
  expect(verificationNotice(true, new Date(now + 2.5 * DAY), now)).toMatchObject({ days_left: 3 });
});

it('says expired from the instant it ran out', () => {
  expect(verificationNotice(true, new Date(now), now)).toEqual({ kind: 'verification_expired', until: new Date(now).toISOString() });
  expect(verificationNotice(true, new Date(now - 400 * DAY), now)).toMatchObject({ kind: 'verification_expired' });
});
