import { describe, expect, it } from 'vitest';
import { conversionRefusal } from './conversion.js';
import { dueReminder, feeFor, oneYearFrom, renewalBase } from './verification.js';

const until = new Date('2027-12-08T00:00:00Z');
const at = (iso: string) => new Date(iso).getTime();

describe('verification rules', () => {
  it('charges government nothing and everyone else the configured fee', () => {
    expect(feeFor('government', 30000)).toBe(0);
    expect(feeFor('enterprise', 30000)).toBe(30000);
  });

  it('lasts a calendar year; a renewal adds it to an end still ahead', () => {
    expect(oneYearFrom(at('2026-12-08T10:00:00Z')).toISOString()).toBe('2027-12-08T10:00:00.000Z');
    expect(renewalBase(until, at('2027-11-01T00:00:00Z'))).toBe(until.getTime());
    expect(renewalBase(until, at('2028-01-01T00:00:00Z'))).toBe(at('2028-01-01T00:00:00Z'));
  });

  it('gives the latest reminder due, once, and none after the end', () => {
    expect(dueReminder(until, at('2027-09-07T23:59:00Z'), new Set())).toBeUndefined();
    expect(dueReminder(until, at('2027-09-08T00:00:00Z'), new Set())).toBe('3m');
    expect(dueReminder(until, at('2027-09-09T00:00:00Z'), new Set(['3m']))).toBeUndefined();
    expect(dueReminder(until, at('2027-11-08T00:00:01Z'), new Set(['3m']))).toBe('1m');
    expect(dueReminder(until, at('2027-12-01T00:00:00Z'), new Set(['3m', '2m', '1m']))).toBe('7d');
    expect(dueReminder(until, at('2027-12-08T00:00:00Z'), new Set())).toBeUndefined();
  });

  it('lets an eligible subscription account convert once, and says why not otherwise', () => {
    const ok = { type: 'subscription', createdAt: new Date('2020-01-01T00:00:00Z'), verified: true, chineseRegistration: true, converted: false };
    expect(conversionRefusal(ok, '2017-01-01')).toBeNull();
    expect(conversionRefusal({ ...ok, converted: true }, '2017-01-01')).toBe('already_converted');
    expect(conversionRefusal({ ...ok, type: 'service' }, '2017-01-01')).toBe('service_to_subscription');
    expect(conversionRefusal({ ...ok, createdAt: new Date('2016-12-31T15:00:00Z') }, '2017-01-01')).toBe('created_too_early');
    expect(conversionRefusal({ ...ok, createdAt: new Date('2016-12-31T16:00:00Z') }, '2017-01-01')).toBeNull();
    expect(conversionRefusal({ ...ok, verified: false }, '2017-01-01')).toBe('not_verified');
    expect(conversionRefusal({ ...ok, chineseRegistration: false }, '2017-01-01')).toBe('not_chinese_registration');
  });
});
