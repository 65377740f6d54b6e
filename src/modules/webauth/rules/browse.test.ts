import { describe, expect, it } from 'vitest';
import { MAX_PAGE_URL, browsePathOf, browseTargetOf, checkPageUrl, mapJweixinScripts, pageUrlOfBrowsePath } from './browse.js';

describe('the in-app browser addresses', () => {
  it('a page URL and its proxy path map both ways', () => {
    for (const url of ['http://127.0.0.1:3000/shop?id=1', 'https://h5.example.com/a/b/c.html?x=%20y&z=1', 'http://localhost:8080/', 'http://[::1]:3000/p']) {
      const path = browsePathOf(url)!;
      expect(path.startsWith('/h5/')).toBe(true);
      expect(pageUrlOfBrowsePath(path)).toBe(new URL(url).toString());
    }
    expect(browsePathOf('http://127.0.0.1:3000/a?b=1#frag')).toBe('/h5/http/127.0.0.1:3000/a?b=1#frag');
    expect(pageUrlOfBrowsePath('/h5/http/127.0.0.1:3000')).toBe('http://127.0.0.1:3000/');
    expect(pageUrlOfBrowsePath('http://herald.test/h5/https/example.com/x?y=1')).toBe('https://example.com/x?y=1');
  });

  it('hostile addresses are refused: javascript:, data:, credentials, oversized, malformed', () => {
    expect(checkPageUrl('javascript:alert(1)')).toEqual({ ok: false, why: 'not_http' });
    expect(checkPageUrl('data:text/html,<script>alert(1)</script>')).toEqual({ ok: false, why: 'not_http' });
    expect(checkPageUrl('http://user:pw@example.com/')).toEqual({ ok: false, why: 'credentials' });
    expect(checkPageUrl(`http://example.com/${'a'.repeat(MAX_PAGE_URL)}`)).toEqual({ ok: false, why: 'too_long' });
    expect(checkPageUrl('not a url')).toEqual({ ok: false, why: 'malformed' });
    expect(browsePathOf('javascript:alert(1)')).toBeUndefined();
    for (const path of ['/h5/javascript/alert(1)', '/h5/ftp/example.com/x', '/h5/http/', '/h5/http/user:pw@example.com/x', '/h5/http/exa mple.com/x', '/elsewhere/http/example.com', `/h5/http/example.com/${'a'.repeat(MAX_PAGE_URL)}`]) {
      expect(pageUrlOfBrowsePath(path), path).toBeUndefined();
    }
  });

  it('navigations: authorize URLs go to Herald\'s authorize page, others to their proxy path, Herald stays Herald', () => {
    const herald = ['http://127.0.0.1:8080'];
    const wechat = 'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx0123456789abcdef&redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fcb&response_type=code&scope=snsapi_userinfo&state=s1#wechat_redirect';
    const mapped = browseTargetOf(wechat, herald)!;
    expect(mapped.startsWith('/connect/oauth2/authorize?')).toBe(true);
    const q = new URLSearchParams(mapped.split('?')[1]);
    expect(q.get('h5')).toBe('1');
    expect(q.get('redirect_uri')).toBe('http://127.0.0.1:3000/cb');
    expect(browseTargetOf('http://127.0.0.1:8080/connect/oauth2/authorize?appid=x', herald)).toBe('/connect/oauth2/authorize?appid=x&h5=1');
    expect(browseTargetOf('http://127.0.0.1:8080/s/abc', herald)).toBe('/s/abc');
    expect(browseTargetOf('http://127.0.0.1:3000/cb?code=1', herald)).toBe('/h5/http/127.0.0.1:3000/cb?code=1');
    expect(browseTargetOf('javascript:alert(1)', herald)).toBeUndefined();
    expect(browseTargetOf('//evil.example', herald)).toBeUndefined();
  });

  it('maps WeChat\'s jweixin script addresses to Herald\'s, and nothing else', () => {
    const html = '<script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"></script><script src="//res2.wx.qq.com/open/js/jweixin-1.6.2.js"></script><script src="http://res.wx.qq.com/open/js/jweixin-9.9.9.js"></script><a href="https://res.wx.qq.com/other.js">x</a>';
    expect(mapJweixinScripts(html)).toBe('<script src="/open/js/jweixin-1.6.0.js"></script><script src="/open/js/jweixin-1.6.2.js"></script><script src="/open/js/jweixin-1.6.0.js"></script><a href="https://res.wx.qq.com/other.js">x</a>');
  });
});
