import { describe, expect, it } from 'vitest';
import { redactBody, redactUrl } from './kit.js';

describe('secrets in the request log', () => {
  it('hides secret and appsecret in URLs', () => {
    expect(redactUrl('/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=abc')).toBe(
      '/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=***',
    );
    expect(redactUrl('/cgi-bin/clear_quota/v2?APPSECRET=abc&appid=wx1')).toBe('/cgi-bin/clear_quota/v2?APPSECRET=***&appid=wx1');
    // access_token too (request log retention, issue 10 finding 5).
    expect(redactUrl('/cgi-bin/getcallbackip?access_token=t')).toBe('/cgi-bin/getcallbackip?access_token=***');
  });

  it('hides secret and appsecret in JSON and form bodies', () => {
    expect(JSON.parse(redactBody(JSON.stringify({ appid: 'wx1', secret: 'abc', force_refresh: true })))).toEqual({
      appid: 'wx1',
      secret: '***',
      force_refresh: true,
    });
    expect(JSON.parse(redactBody('{ "appid" : "wx1" , "appsecret" : "a\\"b\\\\c" }'))).toEqual({ appid: 'wx1', appsecret: '***' });
    expect(redactBody('grant_type=client_credential&secret=abc&appid=wx1')).toBe('grant_type=client_credential&secret=***&appid=wx1');
    expect(redactBody('appsecret=abc')).toBe('appsecret=***');
    expect(redactBody('{"secretary":"keep","note":"secret=not-a-field"}')).toBe('{"secretary":"keep","note":"secret=not-a-field"}');
  });
});
