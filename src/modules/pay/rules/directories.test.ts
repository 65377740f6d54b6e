import { describe, expect, it } from 'vitest';
import { MAX_DIRECTORY_LENGTH, pageAllowed, pageUnderDirectory, parseDirectory } from './directories.js';

const STRICT = { strict: true };
const LOOSE = { strict: false };

describe('支付授权目录 rules', () => {
  it('takes http(s) prefixes ending in "/" and gives their canonical text', () => {
    expect(parseDirectory(' HTTPS://Shop.Example.com/Pay/ ', STRICT)).toEqual({ ok: true, directory: 'https://shop.example.com/Pay/' });
    expect(parseDirectory('http://shop.example.com/', STRICT)).toEqual({ ok: true, directory: 'http://shop.example.com/' });
    expect(parseDirectory('http://localhost:3000/pay/', LOOSE)).toEqual({ ok: true, directory: 'http://localhost:3000/pay/' });
    expect(parseDirectory('http://127.0.0.1/pay/', LOOSE)).toEqual({ ok: true, directory: 'http://127.0.0.1/pay/' });
  });

  it('refuses what the merchant platform refuses, each with its reason', () => {
    const problem = (s: string, rules = STRICT) => {
      const r = parseDirectory(s, rules);
      return r.ok ? 'ok' : r.problem;
    };
    expect(problem('')).toBe('empty');
    expect(problem(`https://a.com/${'x'.repeat(MAX_DIRECTORY_LENGTH)}/`)).toBe('too_long');
    expect(problem('shop.example.com/pay/')).toBe('scheme');
    expect(problem('ftp://shop.example.com/pay/')).toBe('scheme');
    expect(problem('javascript://alert(1)/')).toBe('scheme');
    expect(problem('https://shop.example.com/pay')).toBe('trailing_slash');
    expect(problem('https://shop.example.com/pay/index.html')).toBe('trailing_slash');
    expect(problem('https://shop.example.com/pay/?a=1')).toBe('query');
    expect(problem('https://shop.example.com/pay/#x')).toBe('query');
    expect(problem('https://u:p@shop.example.com/pay/')).toBe('credentials');
    expect(problem('https://shop.example.com:8443/pay/')).toBe('port');
    expect(problem('https://10.0.0.1/pay/')).toBe('ip');
    expect(problem('https://[::1]/pay/')).toBe('ip');
    expect(problem('https://localhost/pay/')).toBe('host');
    expect(problem('https://bad_host.com/pay/')).toBe('host');
    expect(problem('https://shop.example.com:8443/pay/', LOOSE)).toBe('ok');
  });

  it('matches a page under a directory by scheme, host, port and path prefix', () => {
    const dir = 'https://shop.example.com/pay/';
    expect(pageUnderDirectory('https://shop.example.com/pay/', dir)).toBe(true);
    expect(pageUnderDirectory('https://shop.example.com/pay/index.html?x=1#top', dir)).toBe(true);
    expect(pageUnderDirectory('https://shop.example.com/pay/v2/cart', dir)).toBe(true);
    expect(pageUnderDirectory('https://shop.example.com/payment', dir)).toBe(false);
    expect(pageUnderDirectory('https://shop.example.com/', dir)).toBe(false);
    expect(pageUnderDirectory('http://shop.example.com/pay/', dir)).toBe(false);
    expect(pageUnderDirectory('https://evil.example.com/pay/', dir)).toBe(false);
    expect(pageUnderDirectory('https://shop.example.com.evil.com/pay/', dir)).toBe(false);
    expect(pageUnderDirectory('https://shop.example.com:444/pay/', dir)).toBe(false);
    expect(pageUnderDirectory('https://u:p@shop.example.com/pay/', dir)).toBe(false);
    expect(pageUnderDirectory('not a url', dir)).toBe(false);
    expect(pageUnderDirectory('', dir)).toBe(false);
  });

  it('allows every page with no directories in emulator mode only', () => {
    expect(pageAllowed('http://localhost:3000/x', [], LOOSE)).toBe(true);
    expect(pageAllowed('https://shop.example.com/pay/', [], STRICT)).toBe(false);
    expect(pageAllowed('https://shop.example.com/pay/a', ['https://other.com/', 'https://shop.example.com/pay/'], STRICT)).toBe(true);
    expect(pageAllowed('https://shop.example.com/cart', ['https://shop.example.com/pay/'], LOOSE)).toBe(false);
  });
});
