import { describe, expect, it } from 'vitest';
import { checkServerUrl, isProblem, validateServerConfig, withQuery } from './serverConfig.js';

describe('server configuration rules', () => {
  it('accepts http and https URLs with ports and queries', () => {
    expect(checkServerUrl('http://127.0.0.1:8081/wx')).toBe('http://127.0.0.1:8081/wx');
    expect(checkServerUrl(' https://example.com/wechat?x=1 ')).toBe('https://example.com/wechat?x=1');
  });

  it.each([undefined, null, 42, '', 'example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'http://a:b@host/', 'http://u@host/', `http://h/${'x'.repeat(1020)}`])(
    'rejects the URL %j',
    (url) => {
      const r = checkServerUrl(url);
      expect(typeof r).toBe('object');
    },
  );

  it('requires the EncodingAESKey in compatible and safe mode only', () => {
    const base = { url: 'http://h/x', token: 'abc' };
    expect(validateServerConfig({ ...base, mode: 'plaintext' })).toEqual({ ...base, encodingAesKey: null, mode: 'plaintext' });
    const key = 'a'.repeat(43);
    expect(validateServerConfig({ ...base, mode: 'safe', encodingAesKey: key })).toEqual({ ...base, encodingAesKey: key, mode: 'safe' });
    const missing = validateServerConfig({ ...base, mode: 'compatible', encodingAesKey: '' });
    expect(isProblem(missing) && missing.field).toBe('encodingAesKey');
  });

  it.each([
    [{ token: 'ab' }, 'token'],
    [{ token: 'x'.repeat(33) }, 'token'],
    [{ token: 'abc def' }, 'token'],
    [{ token: 123 }, 'token'],
    [{ mode: 'SAFE' }, 'mode'],
    [{ mode: 'safe', encodingAesKey: 'a'.repeat(44) }, 'encodingAesKey'],
    [{ mode: 'safe', encodingAesKey: `${'a'.repeat(42)}/` }, 'encodingAesKey'],
    [{ mode: 'safe', encodingAesKey: 7 }, 'encodingAesKey'],
  ])('names the field of a problem %#', (patch, field) => {
    const r = validateServerConfig({ url: 'http://h/x', token: 'abc', mode: 'plaintext', ...patch });
    expect(isProblem(r) && r.field).toBe(field);
  });

  it('appends query parameters to a URL that has its own', () => {
    expect(withQuery('http://h/x?a=1', { signature: 's', nonce: '2' })).toBe('http://h/x?a=1&signature=s&nonce=2');
    expect(withQuery('http://h/x', { b: 'a b' })).toBe('http://h/x?b=a+b');
  });
});
