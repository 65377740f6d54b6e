import { describe, expect, it } from 'vitest';
import { formatIp, ipAllowed, normaliseWhitelist, parseIp, parseWhitelistEntry, MAX_WHITELIST_ENTRIES } from './ipWhitelist.js';

describe('IP whitelist rules', () => {
  it('parses IPv4 and IPv6 addresses strictly', () => {
    expect(parseIp('1.2.3.4')).toEqual({ version: 4, value: 0x01020304n });
    expect(parseIp('255.255.255.255')?.value).toBe(0xffffffffn);
    for (const bad of ['1.2.3', '1.2.3.4.5', '01.2.3.4', '256.1.1.1', '1.2.3.-4', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4/32', 'localhost', '', '::1%eth0', '1::2::3', '12345::', 'g::1', ':::', '1:2:3:4:5:6:7:8:9', '::ffff:1.2.3']) {
      expect(parseIp(bad), bad).toBeNull();
    }
    expect(parseIp('::1')).toEqual({ version: 6, value: 1n });
    expect(parseIp('::')).toEqual({ version: 6, value: 0n });
    expect(parseIp('2001:DB8::1')?.version).toBe(6);
    expect(parseIp('1:2:3:4:5:6:7:8')?.value).toBe(0x00010002000300040005000600070008n);
    // IPv4-mapped IPv6 is the IPv4 address (dual-stack sockets report it so).
    expect(parseIp('::ffff:10.1.2.3')).toEqual({ version: 4, value: 0x0a010203n });
    expect(parseIp('::FFFF:a01:203')).toEqual({ version: 4, value: 0x0a010203n });
    expect(parseIp('x'.repeat(10_000))).toBeNull();
    expect(parseIp(42 as unknown as string)).toBeNull();
  });

  it('formats addresses canonically (RFC 5952)', () => {
    const f = (s: string) => formatIp(parseIp(s)!);
    expect(f('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(f('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(f('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(f('0:0:0:0:0:0:0:0')).toBe('::');
    expect(f('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(f('fe80::')).toBe('fe80::');
  });

  it('parses entries: addresses and CIDR ranges, clearing host bits', () => {
    expect(parseWhitelistEntry('10.1.2.3/8')?.canonical).toBe('10.0.0.0/8');
    expect(parseWhitelistEntry(' 192.0.2.7 ')?.canonical).toBe('192.0.2.7');
    expect(parseWhitelistEntry('192.0.2.7/32')?.canonical).toBe('192.0.2.7');
    expect(parseWhitelistEntry('0.0.0.0/0')?.canonical).toBe('0.0.0.0/0');
    expect(parseWhitelistEntry('2001:DB8:1::/32')?.canonical).toBe('2001:db8::/32');
    expect(parseWhitelistEntry('::ffff:10.0.0.0/104')?.canonical).toBe('10.0.0.0/8');
    for (const bad of ['10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', '10.0.0.0/', '/8', '2001:db8::/129', 'example.com', '10.0.0.0/8/8', '1.2.3.4-1.2.3.9', '*']) {
      expect(parseWhitelistEntry(bad), bad).toBeNull();
    }
  });

  it('allows anyone with an empty list, otherwise only matching addresses', () => {
    expect(ipAllowed([], '47.103.62.98')).toBe(true);
    expect(ipAllowed([], 'garbage')).toBe(true);
    const list = ['10.0.0.0/8', '192.0.2.7', '2001:db8::/32'];
    expect(ipAllowed(list, '10.255.255.255')).toBe(true);
    expect(ipAllowed(list, '11.0.0.0')).toBe(false);
    expect(ipAllowed(list, '192.0.2.7')).toBe(true);
    expect(ipAllowed(list, '192.0.2.8')).toBe(false);
    expect(ipAllowed(list, '::ffff:10.0.0.1')).toBe(true);
    expect(ipAllowed(list, '2001:db8:ffff::1')).toBe(true);
    expect(ipAllowed(list, '2001:db9::1')).toBe(false);
    // IPv4 entries never match IPv6 clients (other than mapped ones), nor unparsable ones.
    expect(ipAllowed(['0.0.0.0/0'], '::1')).toBe(false);
    expect(ipAllowed(['::/0'], '::1')).toBe(true);
    expect(ipAllowed(list, '')).toBe(false);
    expect(ipAllowed(['not an ip'], '1.2.3.4')).toBe(false);
  });

  it('normalises a list: canonical, deduplicated, blanks dropped, bad entries named', () => {
    expect(normaliseWhitelist(['10.1.0.0/16', '10.1.9.9/16', ' ', '2001:DB8::1', '2001:db8:0::1', '1.2.3.4'])).toEqual({
      ok: true,
      entries: ['10.1.0.0/16', '2001:db8::1', '1.2.3.4'],
    });
    expect(normaliseWhitelist(['1.2.3.4', '1.2.3.999'])).toEqual({ ok: false, bad: '1.2.3.999', reason: 'invalid' });
    expect(normaliseWhitelist([7])).toMatchObject({ ok: false, bad: '7' });
    const many = Array.from({ length: MAX_WHITELIST_ENTRIES + 1 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    expect(normaliseWhitelist(many)).toMatchObject({ ok: false, reason: 'too_many' });
    expect(normaliseWhitelist(many.slice(0, MAX_WHITELIST_ENTRIES))).toMatchObject({ ok: true });
    expect(normaliseWhitelist([...many.slice(0, 200), ...many.slice(0, 200)])).toMatchObject({ ok: true });
  });
});
