import { describe, expect, it } from 'vitest';
import { authorizeMode, fullServiceQuery, virtualIds } from './authorize.js';
import { isFullServicePath } from './browse.js';
import { domainsChanged, editAllowed } from './domains.js';

describe('authorizeMode', () => {
  it('snsapi_base is always silent; snsapi_userinfo is silent for a follower from the chat or menu', () => {
    for (const origin of ['chat', 'menu', 'moments', 'other'] as const) {
      expect(authorizeMode('snsapi_base', origin, false)).toBe('silent');
      expect(authorizeMode('snsapi_base', origin, true)).toBe('silent');
    }
    expect(authorizeMode('snsapi_userinfo', 'menu', true)).toBe('silent');
    expect(authorizeMode('snsapi_userinfo', 'chat', true)).toBe('silent');
    expect(authorizeMode('snsapi_userinfo', 'menu', false)).toBe('consent');
    expect(authorizeMode('snsapi_userinfo', 'other', true)).toBe('consent');
    expect(authorizeMode('snsapi_userinfo', 'moments', true)).toBe('consent');
  });

  it('snapshot-page mode for a non-follower from the configured entries (Moments by default)', () => {
    expect(authorizeMode('snsapi_userinfo', 'moments', false)).toBe('snapshot');
    expect(authorizeMode('snsapi_userinfo', 'other', false)).toBe('consent');
    expect(authorizeMode('snsapi_userinfo', 'other', false, ['moments', 'other'])).toBe('snapshot');
    expect(authorizeMode('snsapi_userinfo', 'moments', false, [])).toBe('consent');
    expect(authorizeMode('snsapi_userinfo', 'chat', false, ['moments', 'other'])).toBe('consent');
  });

  it('"使用完整服务": the full service turns a snapshot into the consent sheet, and changes nothing else', () => {
    expect(authorizeMode('snsapi_userinfo', 'moments', false, undefined, true)).toBe('consent');
    expect(authorizeMode('snsapi_userinfo', 'other', false, ['moments', 'other'], true)).toBe('consent');
    expect(authorizeMode('snsapi_userinfo', 'menu', true, undefined, true)).toBe('silent');
    expect(authorizeMode('snsapi_base', 'moments', false, undefined, true)).toBe('silent');
    const query = fullServiceQuery({ appid: 'wx0123456789abcdef', redirectUri: 'https://h5.example.com/a b?x=1&y=<2>#top', scope: 'snsapi_userinfo', state: 'S1' });
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({ appid: 'wx0123456789abcdef', redirect_uri: 'https://h5.example.com/a b?x=1&y=<2>#top', response_type: 'code', scope: 'snsapi_userinfo', state: 'S1', full_service: '1' });
    expect(isFullServicePath(`/connect/oauth2/authorize?${query}&h5=1`)).toBe(true);
    for (const bad of [undefined, 1, '', '/connect/oauth2/authorize', 'https://x/connect/oauth2/authorize?a=1', '/connect/oauth2/authorize?a="b"', '/connect/oauth2/authorize?a=<b>', `/connect/oauth2/authorize?${'a'.repeat(5000)}`, 'javascript:alert(1)']) {
      expect(isFullServicePath(bad), String(bad).slice(0, 40)).toBe(false);
    }
  });

  it('virtual ids are stable per account and follower, and look like openids', () => {
    const a = virtualIds('acc-1', 'user-1');
    expect(a).toEqual(virtualIds('acc-1', 'user-1'));
    expect(a.openid).toMatch(/^o[\w-]{27}$/);
    expect(a.unionid).not.toBe(a.openid);
    expect(virtualIds('acc-2', 'user-1').openid).not.toBe(a.openid);
  });
});

describe('monthly domain edits', () => {
  it('counts only changes, 3 a month unless configured (0: no limit)', () => {
    expect(domainsChanged(['a.com', 'b.com'], ['b.com', 'a.com'])).toBe(false);
    expect(domainsChanged(['a.com'], ['a.com', 'b.com'])).toBe(true);
    expect(domainsChanged(['a.com'], [])).toBe(true);
    expect(editAllowed(2, 3)).toBe(true);
    expect(editAllowed(3, 3)).toBe(false);
    expect(editAllowed(1000, 0)).toBe(true);
  });
});
