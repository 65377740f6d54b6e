import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { canonicalJson, checkNotifyUrl, parseJsonBody, parseOrder, paymentDeadline } from './requests.js';

const base = { appid: 'wx1', mchid: '1600000000', description: 'd', out_trade_no: 'abc123', notify_url: 'https://example.com/n', amount: { total: 1 }, payer: { openid: 'o1' } };

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return ((err as DomainError).details?.detail as { field?: string })?.field;
  }
  return undefined;
}

describe('order requests', () => {
  it('accepts a minimal JSAPI order and refuses the doc’s limits', () => {
    expect(parseOrder(base, 'JSAPI').trade_type).toBe('JSAPI');
    expect(fieldOf(() => parseOrder({ ...base, amount: { total: 0 } }, 'JSAPI'))).toBe('/amount/total');
    expect(fieldOf(() => parseOrder({ ...base, out_trade_no: '12345' }, 'JSAPI'))).toBe('/out_trade_no');
    expect(fieldOf(() => parseOrder({ ...base, out_trade_no: 'a'.repeat(33) }, 'JSAPI'))).toBe('/out_trade_no');
    expect(parseOrder({ ...base, out_trade_no: 'a_b-c|d*e' }, 'JSAPI').out_trade_no).toBe('a_b-c|d*e');
    expect(fieldOf(() => parseOrder({ ...base, extra: 1 }, 'JSAPI'))).toBe('/extra');
    expect(fieldOf(() => parseOrder({ ...base, amount: { total: 1, bogus: 2 } }, 'JSAPI'))).toBe('/amount/bogus');
  });

  it('refuses null and 4-byte characters anywhere in the JSON', () => {
    expect(fieldOf(() => parseJsonBody('{"a":{"b":null}}'))).toBe('/a/b');
    expect(fieldOf(() => parseJsonBody('{"a":["ok","🙂"]}'))).toBe('/a/1');
    expect(() => parseJsonBody('{')).toThrow(/解析 Json 出错/);
  });

  it('compares requests whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(canonicalJson({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }));
  });

  it('clamps time_expire to [now + 1 min, now + 90 days], 7 days without one', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(paymentDeadline(undefined, now)).toBe(now + 7 * 86_400_000);
    expect(paymentDeadline('2025-01-01T00:00:00+08:00', now)).toBe(now + 60_000);
    expect(paymentDeadline('2027-01-01T00:00:00+08:00', now)).toBe(now + 90 * 86_400_000);
    expect(paymentDeadline('2026-01-02T08:00:00+08:00', now)).toBe(Date.parse('2026-01-02T00:00:00Z'));
    expect(() => paymentDeadline('2026-01-02', now)).toThrow();
  });

  it('takes notify URLs without a query string, https only when asked', () => {
    expect(() => checkNotifyUrl('http://127.0.0.1:3000/n', '/notify_url', false)).not.toThrow();
    expect(() => checkNotifyUrl('http://example.com/n', '/notify_url', true)).toThrow();
    expect(() => checkNotifyUrl('https://example.com/n?a=1', '/notify_url', true)).toThrow();
    expect(() => checkNotifyUrl('/relative', '/notify_url', false)).toThrow();
  });
});
