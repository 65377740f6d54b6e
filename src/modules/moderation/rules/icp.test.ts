import { describe, expect, it } from 'vitest';
import { DEFAULT_ICP_DOMAINS, cleanDomainList, domainOf, isFiled, normalizeDomain, unfiledLinks } from './icp.js';

describe('ICP filing checks', () => {
  it('takes the domain of http(s) links only, without port, credentials or trailing dot', () => {
    expect(domainOf('https://WWW.Example.com:8443/a?b#c')).toBe('www.example.com');
    expect(domainOf('http://user:pw@example.com./x')).toBe('example.com');
    expect(domainOf('  https://example.com  ')).toBe('example.com');
    for (const u of ['mailto:a@b.com', 'weixin://dl/chat', 'javascript:alert(1)', '/s/abc', '//example.com/x', 'ftp://example.com', 'https://', 'http://[bad', '']) {
      expect(domainOf(u), u).toBeNull();
    }
    expect(domainOf('http://[::1]:8080/')).toBe('[::1]');
    expect(domainOf('http://127.0.0.1:3000/x')).toBe('127.0.0.1');
  });

  it('compares internationalized domains in punycode', () => {
    expect(domainOf('https://例子.中国/路径')).toBe('xn--fsqu00a.xn--fiqs8s');
    expect(normalizeDomain('例子.中国')).toBe('xn--fsqu00a.xn--fiqs8s');
    expect(unfiledLinks(['https://www.例子.中国/'], ['例子.中国'])).toEqual([]);
  });

  it('counts subdomains of a filed domain as filed, and nothing else', () => {
    expect(isFiled('mp.weixin.qq.com', ['qq.com'])).toBe(true);
    expect(isFiled('qq.com', ['qq.com'])).toBe(true);
    expect(isFiled('notqq.com', ['qq.com'])).toBe(false);
    expect(isFiled('qq.com.evil.io', ['qq.com'])).toBe(false);
    expect(isFiled('com', ['qq.com'])).toBe(false);
  });

  it('lists each unfiled link once, in order', () => {
    const links = ['https://www.baidu.com/s?wd=1', 'https://example.com/a', 'http://example.com:81/b', 'https://example.com/a', 'mailto:x@y.z', 'https://shop.jd.com'];
    expect(unfiledLinks(links, DEFAULT_ICP_DOMAINS)).toEqual([
      { url: 'https://example.com/a', domain: 'example.com' },
      { url: 'http://example.com:81/b', domain: 'example.com' },
    ]);
  });

  it('has a default list of well-known mainland sites', () => {
    for (const d of ['qq.com', 'weixin.qq.com', 'baidu.com', 'taobao.com', 'jd.com']) expect(DEFAULT_ICP_DOMAINS).toContain(d);
  });

  it('cleans an administrator list and names the first bad entry', () => {
    expect(cleanDomainList([' QQ.com ', '*.baidu.com', 'qq.com.', '', '例子.中国'])).toEqual({ domains: ['qq.com', 'baidu.com', 'xn--fsqu00a.xn--fiqs8s'] });
    for (const bad of ['https://qq.com/', 'a b.com', 'qq..com', '-qq.com', 'x'.repeat(300), 'qq.com:80', '../etc', 'a@b.com']) {
      const r = cleanDomainList([bad]);
      expect(r, bad).toHaveProperty('problem');
    }
    expect(cleanDomainList(Array.from({ length: 2001 }, (_, i) => `d${i}.com`))).toHaveProperty('problem');
  });
});
