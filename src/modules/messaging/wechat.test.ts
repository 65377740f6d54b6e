import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { fetchToken, wxCall } from '../../../test/wxClient.js';
import { createFollowerUser } from '../followers/commands/followerUserCreator.js';
import { followAccount } from '../followers/commands/followAccount.js';

/** Bodies a careless or hostile client might send to message/custom/send and typing. */
function hostileBodies(openid: string): Array<[string, string | Buffer]> {
  return [
    ['empty', ''],
    ['not JSON', 'hello'],
    ['truncated', '{"touser":'],
    ['array', '[{"touser":"x"}]'],
    ['null', 'null'],
    ['number', '1e400'],
    ['deep nesting', '['.repeat(200_000)],
    ['deep object', `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`],
    ['deep payload', JSON.stringify({ touser: openid, msgtype: 'news' }).replace('}', `,"news":{"articles":${'['.repeat(3000)}${']'.repeat(3000)}}}`)],
    ['wrong types', JSON.stringify({ touser: [openid], msgtype: { text: 1 }, text: 'hi', command: ['Typing'] })],
    ['prototype keys', `{"touser":"${openid}","msgtype":"text","__proto__":{"text":{"content":"x"}},"constructor":{"prototype":{"x":1}}}`],
    ['NUL bytes', JSON.stringify({ touser: `${openid}\u0000`, msgtype: 'text\u0000', text: { content: '\u0000' }, command: 'Typing\u0000' })],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
    ['lone surrogate', `{"touser":"${openid}","msgtype":"text","text":{"content":"\\ud800"}}`],
    ['huge text', JSON.stringify({ touser: openid, msgtype: 'text', text: { content: 'x'.repeat(60_000) } })],
    ['over 64 KB', JSON.stringify({ touser: openid, msgtype: 'text', text: { content: 'x'.repeat(70_000) } })],
    ['2 MB', JSON.stringify({ touser: openid, pad: 'x'.repeat(2 * 1024 * 1024) })],
    ['many articles', JSON.stringify({ touser: openid, msgtype: 'news', news: { articles: Array.from({ length: 10_000 }, () => ({ title: 't' })) } })],
    ['huge msgmenu', JSON.stringify({ touser: openid, msgtype: 'msgmenu', msgmenu: { list: Array.from({ length: 5000 }, (_, i) => ({ id: i, content: 'c' })) } })],
  ];
}

describeEachDb('message/custom/send and typing: hostile input', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald.close();
  });

  it('answers every hostile body with a WeChat error, never a system error, and sends nothing', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, appid);
    const token = await fetchToken(herald, appid, secret);
    for (const path of ['/cgi-bin/message/custom/send', '/cgi-bin/message/custom/typing']) {
      for (const [label, body] of hostileBodies(openid)) {
        const r = await wxCall(herald, 'POST', `${path}?access_token=${token}`, { body, headers: { 'content-type': 'application/json' } });
        expect(r.errcode, `${path} ${label}: ${JSON.stringify(r).slice(0, 200)}`).toBeGreaterThan(0);
      }
      const get = await wxCall(herald, 'GET', `${path}?access_token=${token}`);
      expect(get.errcode).toBe(43002);
    }
    // The follow window (3 messages) is untouched by all of that.
    for (let i = 0; i < 3; i++) {
      const ok = await wxCall(herald, 'POST', `/cgi-bin/message/custom/send?access_token=${token}`, { body: { touser: openid, msgtype: 'text', text: { content: `ok ${i}` } } });
      expect(ok).toMatchObject({ errcode: 0, errmsg: 'ok' });
    }
  });
});
