import { describe, expect, it } from 'vitest';
import { domainLimit, formatDomainEntry, matchUrl, parseDomainEntry, verifyFileUrl, VERIFY_FILE_RE } from './domains.js';

const STRICT = { strict: true };
const EMU = { strict: false };

describe('web domain entries', () => {
  it('takes a domain, not a URL; paths only for JS safe and business domains', () => {
    expect(parseDomainEntry('www.qq.com', 'oauth', STRICT)).toEqual({ host: 'www.qq.com', port: '', path: '' });
    expect(parseDomainEntry(' WX.qq.com/mp/ ', 'jsapi', STRICT)).toEqual({ host: 'wx.qq.com', port: '', path: '/mp' });
    expect(parseDomainEntry('wx.qq.com/mp', 'oauth', STRICT)).toEqual({ problem: 'path_not_allowed' });
    expect(parseDomainEntry('https://wx.qq.com', 'oauth', STRICT)).toEqual({ problem: 'scheme' });
    expect(parseDomainEntry('', 'oauth', STRICT)).toEqual({ problem: 'empty' });
    expect(parseDomainEntry('a'.repeat(300), 'oauth', STRICT)).toEqual({ problem: 'too_long' });
    expect(parseDomainEntry('bad_host.com', 'oauth', STRICT)).toEqual({ problem: 'host' });
    expect(parseDomainEntry('-a.com', 'oauth', STRICT)).toEqual({ problem: 'host' });
    expect(parseDomainEntry('a.com/<script>', 'jsapi', STRICT)).toEqual({ problem: 'path' });
    expect(parseDomainEntry('javascript:alert(1)', 'oauth', EMU)).toEqual({ problem: 'host' });
  });

  it('WeChat refuses ports and IPs; the emulator allows them unless strict', () => {
    expect(parseDomainEntry('localhost:3000', 'oauth', STRICT)).toEqual({ problem: 'port' });
    expect(parseDomainEntry('127.0.0.1', 'oauth', STRICT)).toEqual({ problem: 'ip' });
    expect(parseDomainEntry('localhost', 'oauth', STRICT)).toEqual({ problem: 'host' });
    expect(parseDomainEntry('localhost:3000', 'oauth', EMU)).toEqual({ host: 'localhost', port: '3000', path: '' });
    expect(parseDomainEntry('127.0.0.1:8080', 'oauth', EMU)).toEqual({ host: '127.0.0.1', port: '8080', path: '' });
    expect(parseDomainEntry('localhost:99999', 'oauth', EMU)).toEqual({ problem: 'port' });
    expect(formatDomainEntry({ host: 'localhost', port: '3000', path: '/mp' })).toBe('localhost:3000/mp');
  });

  it('limits: 2 web authorization domains; JS safe and business 5 for service accounts, 3 otherwise', () => {
    expect(domainLimit('oauth', { type: 'service' })).toBe(2);
    expect(domainLimit('jsapi', { type: 'service' })).toBe(5);
    expect(domainLimit('jsapi', { type: 'subscription' })).toBe(3);
    expect(domainLimit('business', { type: 'subscription' })).toBe(3);
  });

  it('matches the full domain only, with the port and under the path', () => {
    const entries = ['www.qq.com', 'wx.qq.com/mp'];
    expect(matchUrl('http://www.qq.com/music.html', entries, STRICT).ok).toBe(true);
    for (const url of ['http://pay.qq.com/', 'http://qq.com/', 'http://music.qq.com/', 'http://www.qq.com.evil.cn/', 'http://wx.qq.com/other', 'http://wx.qq.com/mpx']) {
      expect(matchUrl(url, entries, STRICT), url).toEqual({ ok: false, why: 'domain' });
    }
    expect(matchUrl('http://wx.qq.com/mp/a', entries, STRICT).ok).toBe(true);
    expect(matchUrl('http://www.qq.com:8080/', entries, STRICT)).toEqual({ ok: false, why: 'port' });
    expect(matchUrl('javascript:alert(1)', entries, EMU)).toEqual({ ok: false, why: 'not_http' });
    expect(matchUrl('http://www.qq.com@evil.cn/', entries, EMU)).toEqual({ ok: false, why: 'credentials' });
    expect(matchUrl('//www.qq.com/', entries, EMU)).toEqual({ ok: false, why: 'malformed' });
    expect(matchUrl('http://127.0.0.1/', ['127.0.0.1'], STRICT)).toEqual({ ok: false, why: 'ip' });
    expect(matchUrl('http://127.0.0.1/', ['127.0.0.1'], EMU).ok).toBe(true);
    expect(matchUrl('http://localhost:3000/cb', ['localhost:3000'], EMU).ok).toBe(true);
    expect(matchUrl('http://localhost:3001/cb', ['localhost:3000'], EMU)).toEqual({ ok: false, why: 'domain' });
  });

  it('the MP_verify file', () => {
    expect(VERIFY_FILE_RE.test('MP_verify_abcdefghijklmnop.txt')).toBe(true);
    expect(VERIFY_FILE_RE.test('MP_verify_abc.txt')).toBe(false);
    expect(verifyFileUrl({ host: 'wx.qq.com', port: '', path: '/mp' }, 'MP_verify_abcdefghijklmnop.txt')).toBe('http://wx.qq.com/mp/MP_verify_abcdefghijklmnop.txt');
  });
});
