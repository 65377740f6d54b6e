import { describe, expect, it } from 'vitest';
import { jsapiSignature } from '../../webauth/rules/signature.js';
import { checkConfig, type ConfigFacts } from './config.js';
import { BASE_APIS, CONFIG_ERRORS, callVerdict, resultOf } from './apis.js';

// The official vector (reference §11).
const TICKET = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';
const VECTOR = { appId: 'wx0123456789abcdef', timestamp: '1414587457', nonceStr: 'Wm3WZYTPz0wzccnW', signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed', jsApiList: ['scanQRCode'] };
const facts = (over: Partial<ConfigFacts> = {}): ConfigFacts => ({
  accountFound: true,
  tickets: [TICKET],
  pageUrls: ['http://mp.weixin.qq.com?params=value'],
  jsDomains: ['mp.weixin.qq.com'],
  rules: { strict: true },
  ...over,
});

describe('wx.config as WeChat judges it', () => {
  it('the official vector passes', () => {
    expect(checkConfig(VECTOR, facts())).toEqual({ ok: true });
    // Upper-case hex is the same signature.
    expect(checkConfig({ ...VECTOR, signature: VECTOR.signature.toUpperCase() }, facts())).toEqual({ ok: true });
  });

  it('a page URL with its #fragment verifies (WeChat signs without it); a signature over the URL with # does not', () => {
    expect(checkConfig(VECTOR, facts({ pageUrls: ['http://mp.weixin.qq.com?params=value#section'] }))).toEqual({ ok: true });
    // The "forgot to strip the hash" signature (commerce §2.3).
    expect(checkConfig({ ...VECTOR, signature: 'b739d84cd9d554c46eddcefc9204e9f2196ecafd' }, facts({ pageUrls: ['http://mp.weixin.qq.com?params=value#frag'] }))).toEqual({ ok: false, problem: 'signature' });
  });

  it('invalid signature: another ticket, an expired one (none valid), another nonce or timestamp, an unknown account', () => {
    expect(checkConfig(VECTOR, facts({ tickets: ['another'] }))).toEqual({ ok: false, problem: 'signature' });
    expect(checkConfig(VECTOR, facts({ tickets: [] }))).toEqual({ ok: false, problem: 'signature' });
    expect(checkConfig({ ...VECTOR, nonceStr: 'x' }, facts())).toEqual({ ok: false, problem: 'signature' });
    expect(checkConfig({ ...VECTOR, timestamp: '1414587458' }, facts())).toEqual({ ok: false, problem: 'signature' });
    expect(checkConfig(VECTOR, facts({ accountFound: false }))).toEqual({ ok: false, problem: 'signature' });
    expect(checkConfig({ ...VECTOR, signature: '' }, facts())).toEqual({ ok: false, problem: 'signature' });
  });

  it('invalid url domain: a host off the JS safe domains, a port or an IP under WeChat\'s rules; the emulator allows them', () => {
    expect(checkConfig(VECTOR, facts({ jsDomains: ['www.qq.com'] }))).toEqual({ ok: false, problem: 'domain' });
    expect(checkConfig(VECTOR, facts({ jsDomains: [] }))).toEqual({ ok: false, problem: 'domain' });
    expect(checkConfig(VECTOR, facts({ pageUrls: [] }))).toEqual({ ok: false, problem: 'domain' });
    const local = 'http://127.0.0.1:3000/shop?id=1';
    const signed = { ...VECTOR, signature: jsapiSignature({ ticket: TICKET, noncestr: VECTOR.nonceStr, timestamp: VECTOR.timestamp, url: local }) };
    expect(checkConfig(signed, facts({ pageUrls: [local], jsDomains: ['127.0.0.1:3000'] }))).toEqual({ ok: false, problem: 'domain' });
    expect(checkConfig(signed, facts({ pageUrls: [local], jsDomains: ['127.0.0.1:3000'], rules: { strict: false } }))).toEqual({ ok: true });
    // The domain is judged on the page's own URL, never on the address the phone showed it at.
    expect(checkConfig(signed, facts({ pageUrls: ['http://herald.test/h5/http/127.0.0.1:3000/shop?id=1', local], jsDomains: ['127.0.0.1:3000'], rules: { strict: false } }))).toEqual({ ok: false, problem: 'domain' });
    // A hostile page URL is never on a domain.
    expect(checkConfig(VECTOR, facts({ pageUrls: ['javascript:alert(1)'] }))).toEqual({ ok: false, problem: 'domain' });
  });

  it('a signature over the address the phone showed the page at is accepted too (the page signed location.href)', () => {
    const page = 'http://127.0.0.1:3000/shop?id=1';
    const shown = 'http://127.0.0.1:8080/h5/http/127.0.0.1:3000/shop?id=1';
    const signed = { ...VECTOR, signature: jsapiSignature({ ticket: TICKET, noncestr: VECTOR.nonceStr, timestamp: VECTOR.timestamp, url: shown }) };
    expect(checkConfig(signed, facts({ pageUrls: [page, shown], jsDomains: ['127.0.0.1:3000'], rules: { strict: false } }))).toEqual({ ok: true });
  });

  it('the errMsg texts are WeChat\'s', () => {
    expect(CONFIG_ERRORS).toEqual({ signature: 'config:fail,invalid signature', domain: 'config:fail,invalid url domain' });
  });
});

describe('a JS-SDK call after wx.config', () => {
  const state = { configured: true, jsApiList: ['scanQRCode', 'updateAppMessageShareData'], canShare: true };
  it('runs what jsApiList names; refuses the rest as WeChat does', () => {
    expect(callVerdict('scanQRCode', state)).toEqual({ ok: true });
    expect(callVerdict('getLocation', state)).toEqual({ ok: false, errMsg: 'getLocation:fail, the permission value is offline verifying' });
    expect(callVerdict('scanQRCode', { ...state, configured: false })).toEqual({ ok: false, errMsg: 'scanQRCode:fail, the permission value is offline verifying' });
    expect(callVerdict('updateAppMessageShareData', { ...state, canShare: false })).toEqual({ ok: false, errMsg: 'updateAppMessageShareData:fail, permission denied' });
    expect(callVerdict('chooseWXPay', { ...state, jsApiList: ['chooseWXPay'] })).toEqual({ ok: true });
    expect(callVerdict('constructor', state)).toEqual({ ok: false, errMsg: 'constructor:fail, function not exist' });
    expect(callVerdict('__proto__', state)).toMatchObject({ ok: false });
    for (const api of BASE_APIS) expect(callVerdict(api, { configured: false, jsApiList: [], canShare: false })).toEqual({ ok: true });
  });

  it('reads a result from its errMsg', () => {
    expect(resultOf('config:ok')).toBe('ok');
    expect(resultOf('scanQRCode:cancel')).toBe('cancel');
    expect(resultOf('config:fail,invalid signature')).toBe('fail');
    expect(resultOf('')).toBe('fail');
  });
});
