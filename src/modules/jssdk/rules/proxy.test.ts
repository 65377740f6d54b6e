import { describe, expect, it } from 'vitest';
import { cookieFor, forwardedCookies, injectBridge, proxyProblemPage } from './proxy.js';

describe('what the proxy does to an answer', () => {
  it('puts the bridge first in <head>, else in <html>, else after the doctype, else at the start', () => {
    expect(injectBridge('<!doctype html><html lang="zh"><head><meta charset="utf-8"><script>1</script></head></html>', '/b.js')).toBe(
      '<!doctype html><html lang="zh"><head><script src="/b.js"></script><meta charset="utf-8"><script>1</script></head></html>',
    );
    expect(injectBridge('<HTML><body>x</body></HTML>', '/b.js')).toBe('<HTML><script src="/b.js"></script><body>x</body></HTML>');
    expect(injectBridge('<p>x</p>', '/b.js')).toBe('<script src="/b.js"></script><p>x</p>');
    expect(injectBridge('<!doctype html><title>T</title><h1>x</h1>', '/b.js')).toBe('<!doctype html><script src="/b.js"></script><title>T</title><h1>x</h1>');
    // <header> is not <head>.
    expect(injectBridge('<header>x</header>', '/b.js')).toBe('<script src="/b.js"></script><header>x</header>');
    // A snapshot page: the tag carries the full-service address, escaped as an attribute.
    expect(injectBridge('<head></head>', '/b.js', '/connect/oauth2/authorize?a=1&b="2"')).toBe('<head><script src="/b.js" data-herald-full-service="/connect/oauth2/authorize?a=1&#38;b=&#34;2&#34;"></script></head>');
  });

  it('scopes the page\'s cookies to its proxy path; Herald\'s names and oversized cookies are refused', () => {
    const page = new URL('http://127.0.0.1:3000/shop');
    expect(cookieFor('sid=abc; Path=/; Domain=example.com; HttpOnly; SameSite=Lax; Max-Age=60', page, false)).toBe('sid=abc; Path=/h5/http/127.0.0.1:3000; HttpOnly; SameSite=Lax; Max-Age=60');
    expect(cookieFor('a=1; Path=/api; Secure', page, false)).toBe('a=1; Path=/h5/http/127.0.0.1:3000/api');
    expect(cookieFor('a=1; Secure', page, true)).toBe('a=1; Path=/h5/http/127.0.0.1:3000; Secure');
    expect(cookieFor('herald_session=x; Path=/', page, false)).toBeUndefined();
    expect(cookieFor('HERALD_follower=x', page, false)).toBeUndefined();
    expect(cookieFor('__Host-a=1; Path=/', page, false)).toBeUndefined();
    expect(cookieFor('=x', page, false)).toBeUndefined();
    expect(cookieFor('bad name=x', page, false)).toBeUndefined();
    expect(cookieFor(`a=${'x'.repeat(9000)}`, page, false)).toBeUndefined();
  });

  it('keeps Herald\'s own cookies from the developer\'s server', () => {
    expect(forwardedCookies('herald_session=s; sid=abc; herald_follower=f; x=1')).toBe('sid=abc; x=1');
    expect(forwardedCookies('herald_session=s')).toBeUndefined();
    expect(forwardedCookies(undefined)).toBeUndefined();
  });

  it('the problem page escapes what it shows', () => {
    const html = proxyProblemPage('unreachable', '<script>alert(1)</script>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('无法打开此网页');
  });
});
