import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../test/harness.js';

describeEachDb('requests refused before routing', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => herald?.close());

  it('answers a malformed percent-escape in the path with a JSON error, never a 500', async () => {
    for (const url of ['/phone/api/accounts/%E0%A4%A', '/console/api/accounts/%E0%A4%A', '/sim/v1/users/%ff%']) {
      const res = await herald.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBeTruthy();
    }
    const wx = await herald.app.inject({ method: 'GET', url: '/cgi-bin/user/info/%E0%A4%A' });
    expect(wx.statusCode).toBe(200);
    expect(wx.headers['content-type']).toBe('application/json; encoding=utf-8');
    expect(wx.json().errcode).toBe(47001);
  });

  it('answers an unknown path as WeChat would under /cgi-bin and with {error} elsewhere', async () => {
    // WeChat answers HTTP 200 with 48001 (src/surfaces/wechat/unserved.test.ts covers every prefix).
    const wx = await herald.app.inject({ method: 'GET', url: '/cgi-bin/no/such/api' });
    expect(wx.statusCode).toBe(200);
    expect(wx.json().errcode).toBe(48001);
    const other = await herald.app.inject({ method: 'GET', url: '/no/such/page' });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
  });
});
