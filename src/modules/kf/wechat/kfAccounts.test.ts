import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, wxCall, type WxBody } from '../../../../test/wxClient.js';
import { makeFollower, makeKf, makeKfApiOwner, newWechatId } from '../../../../test/factories/kf.js';
import { addKfAccount } from '../commands/kfAccountCreator.js';
import { answerKfInvite } from '../commands/kfInviteResponder.js';
import { enqueueWaitingSession } from '../commands/kfSessionQueuer.js';
import { acceptSession } from '../commands/kfSessionAcceptor.js';
import { INVITE_TTL_MS, MAX_KF_ACCOUNTS } from '../rules/kf.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-the-rest')]);
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-and-the-rest')]);

/** A multipart body with one file field, as SDKs send an upload. */
function multipart(field: string, data: Buffer, filename = 'head.png', boundary = 'herald-test-boundary'): { body: Buffer; type: string } {
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`);
  return { body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

describeEachDb('kf account APIs', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  const post = (path: string, token: string, body: unknown, extra = '') => wxCall(herald, 'POST', `${path}?access_token=${encodeURIComponent(token)}${extra}`, { body });
  const get = (path: string, token: string, extra = '') => wxCall(herald, 'GET', `${path}?access_token=${encodeURIComponent(token)}${extra}`);
  const kfList = async (token: string) => (await get('/cgi-bin/customservice/getkflist', token)).kf_list as Array<Record<string, unknown>>;
  const upload = (token: string, kf: string, m: { body: Buffer; type: string }, path = '/customservice/kfaccount/uploadheadimg') =>
    wxCall(herald, 'POST', `${path}?access_token=${token}&kf_account=${encodeURIComponent(kf)}`, { body: m.body, headers: { 'content-type': m.type } });

  it('adds, lists, updates and deletes kf accounts under both path prefixes', async () => {
    const { token, wechatId } = await makeKfApiOwner(herald);
    expect(await post('/customservice/kfaccount/add', token, { kf_account: `anna@${wechatId}`, nickname: '安娜', password: 'e10adc3949ba59abbe56e057f20f883e' })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await post('/cgi-bin/customservice/kfaccount/add', token, { kf_account: `bob@${wechatId}`, nickname: 'Bob' })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await kfList(token)).toEqual([
      { kf_account: `anna@${wechatId}`, kf_headimgurl: '', kf_id: '1001', kf_nick: '安娜' },
      { kf_account: `bob@${wechatId}`, kf_headimgurl: '', kf_id: '1002', kf_nick: 'Bob' },
    ]);
    expect((await get('/customservice/getkflist', token)).kf_list).toHaveLength(2);
    expect(await post('/customservice/kfaccount/update', token, { kf_account: `anna@${wechatId}`, nickname: 'Anna' })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await kfList(token))[0].kf_nick).toBe('Anna');
    // GET ?kf_account= (wechatpy, WxJava, co-wechat-api) and POST {kf_account} (current docs).
    expect(await get('/customservice/kfaccount/del', token, `&kf_account=${encodeURIComponent(`anna@${wechatId}`)}`)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await post('/cgi-bin/customservice/kfaccount/del', token, { kf_account: `bob@${wechatId}` })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await kfList(token)).toEqual([]);
  });

  it('answers the documented errcodes for bad adds', async () => {
    const { token, wechatId } = await makeKfApiOwner(herald);
    const add = (body: unknown) => post('/customservice/kfaccount/add', token, body);
    expectWxError(await add({ kf_account: 'anna@someone_else', nickname: 'A' }), 65404, 'illegal custom service account');
    expectWxError(await add({ kf_account: `abcdefghijk@${wechatId}`, nickname: 'A' }), 65404);
    expectWxError(await add({ kf_account: `an-na@${wechatId}`, nickname: 'A' }), 65404);
    expectWxError(await add({ nickname: 'A' }), 65404);
    expectWxError(await add({ kf_account: { $ne: null }, nickname: 'A' }), 65404);
    expectWxError(await add({ kf_account: `anna@${wechatId}` }), 65403, 'illegal nickname');
    expectWxError(await add({ kf_account: `anna@${wechatId}`, nickname: 'n'.repeat(17) }), 65403);
    expectWxError(await add({ kf_account: `anna@${wechatId}`, nickname: 'a\u0000b' }), 40033); // NUL: invalid charset
    expectWxError(await add({ kf_account: `anna@${wechatId}`, nickname: ['A'] }), 65403);
    expect(await add({ kf_account: `anna@${wechatId}`, nickname: 'A' })).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await add({ kf_account: `ANNA@${wechatId}`, nickname: 'A' }), 65406, 'custom service account exists');
  });

  it('answers 65402 when the account has no WeChat id and 65405 at 100 kf accounts', async () => {
    const bare = await makeKfApiOwner(herald, { wechatId: null });
    expectWxError(await post('/customservice/kfaccount/add', bare.token, { kf_account: 'anna@x', nickname: 'A' }), 65402);
    const { token, account, wechatId } = await makeKfApiOwner(herald);
    for (let i = 0; i < MAX_KF_ACCOUNTS; i++) await addKfAccount(herald.services, account.id, { kfAccount: `k${i}@${wechatId}`, nickname: `K${i}` });
    expectWxError(await post('/customservice/kfaccount/add', token, { kf_account: `one_more@${wechatId}`, nickname: 'A' }), 65405, 'custom service account number reach limit');
    expect(await kfList(token)).toHaveLength(MAX_KF_ACCOUNTS);
  });

  it('answers 65401 for updates and deletes of kf accounts that do not exist', async () => {
    const { token, wechatId } = await makeKfApiOwner(herald);
    expectWxError(await post('/customservice/kfaccount/update', token, { kf_account: `ghost@${wechatId}`, nickname: 'G' }), 65401, 'invalid custom service account');
    expectWxError(await post('/customservice/kfaccount/update', token, { kf_account: 'ghost@elsewhere', nickname: 'G' }), 65404);
    expectWxError(await get('/customservice/kfaccount/del', token, `&kf_account=ghost%40${wechatId}`), 65401);
    expectWxError(await get('/customservice/kfaccount/del', token), 65401);
    expectWxError(await post('/customservice/kfaccount/del', token, { kf_account: 12 }), 65401);
    expectWxError(await post('/customservice/kfaccount/del', token, { kf_account: 'x'.repeat(5000) }), 65401);
    expectWxError(await post('/customservice/kfaccount/del', token, {}), 65401);
  });

  it('deleting a kf account ends its sessions', async () => {
    const { token, account, wechatId } = await makeKfApiOwner(herald);
    const anna = await makeKf(herald.services, account.id, wechatId, 'anna');
    const openid = await makeFollower(herald.services, account.id);
    await enqueueWaitingSession(herald.services, account.id, openid);
    await acceptSession(herald.services, account.id, openid, anna);
    expect((await get('/customservice/kfsession/getsession', token, `&openid=${openid}`)).kf_account).toBe(anna);
    await post('/customservice/kfaccount/del', token, { kf_account: anna });
    expect((await get('/customservice/kfsession/getsession', token, `&openid=${openid}`)).kf_account).toBe('');
  });

  it('sets a JPEG or PNG avatar that getkflist links to', async () => {
    const { token, account, wechatId, appid } = await makeKfApiOwner(herald);
    const anna = await makeKf(herald.services, account.id, wechatId, 'anna');
    expect(await upload(token, anna, multipart('media', PNG))).toEqual({ errcode: 0, errmsg: 'ok' });
    const url = String((await kfList(token))[0].kf_headimgurl);
    expect(url).toMatch(new RegExp(`^${herald.config.publicUrl}/mmbiz/kfheadimg/${appid}/1001\\?v=[0-9a-f]{12}$`));
    const res = await herald.app.inject({ method: 'GET', url: url.slice(herald.config.publicUrl.length) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.equals(PNG)).toBe(true);
    // A new image gives a new URL.
    expect(await upload(token, anna, multipart('media', JPG, 'x.jpg'), '/cgi-bin/customservice/kfaccount/uploadheadimg')).toEqual({ errcode: 0, errmsg: 'ok' });
    const url2 = String((await kfList(token))[0].kf_headimgurl);
    expect(url2).not.toBe(url);
    expect((await herald.app.inject({ method: 'GET', url: url2.slice(herald.config.publicUrl.length) })).headers['content-type']).toBe('image/jpeg');
  });

  it('refuses bad avatar uploads with WeChat errcodes', async () => {
    const { token, account, wechatId } = await makeKfApiOwner(herald);
    const anna = await makeKf(herald.services, account.id, wechatId, 'anna');
    expectWxError(await upload(token, anna, multipart('media', Buffer.from('GIF89a-pretending', 'latin1'), 'x.png')), 61457, 'invalid file type');
    expectWxError(await upload(token, anna, multipart('media', Buffer.from('<svg onload="alert(1)"/>'))), 61457);
    expectWxError(await upload(token, anna, multipart('file', PNG)), 41005, 'media data missing');
    expectWxError(await upload(token, anna, multipart('media', Buffer.alloc(0))), 44001, 'empty media data');
    expectWxError(await upload(token, anna, multipart('media', Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]))), 40009, 'invalid image size');
    expectWxError(await upload(token, anna, multipart('media', Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]))), 40009);
    expectWxError(await upload(token, anna, { body: Buffer.from('{"media":"x"}'), type: 'application/json' }), 41005);
    expectWxError(await upload(token, anna, { body: Buffer.from('--b\r\nbroken'), type: 'multipart/form-data; boundary=b' }), 47001);
    expectWxError(await upload(token, anna, { body: PNG, type: 'multipart/form-data' }), 41005);
    expectWxError(await upload(token, `ghost@${wechatId}`, multipart('media', PNG)), 65401);
    expectWxError(await wxCall(herald, 'POST', `/customservice/kfaccount/uploadheadimg?access_token=${token}`, { body: multipart('media', PNG).body, headers: { 'content-type': multipart('media', PNG).type } }), 65401);
    expectWxError(await wxCall(herald, 'GET', `/customservice/kfaccount/uploadheadimg?access_token=${token}&kf_account=${anna}`), 43002);
    expect((await kfList(token))[0].kf_headimgurl).toBe('');
  });

  it('serves avatars only for real kf accounts', async () => {
    const { appid } = await makeKfApiOwner(herald);
    for (const path of [
      `/mmbiz/kfheadimg/${appid}/1001`,
      `/mmbiz/kfheadimg/${appid}/99999999999`,
      `/mmbiz/kfheadimg/${appid}/-1`,
      '/mmbiz/kfheadimg/wx0000000000000000/1001',
      `/mmbiz/kfheadimg/${'x'.repeat(400)}/1001`,
      `/mmbiz/kfheadimg/..%2F..%2Fetc/passwd`,
      `/mmbiz/kfheadimg/${appid}/1001%00`,
    ]) {
      const res = await herald.app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(404);
    }
  });

  it('invites a worker: waiting for 7 days, then expired; accepted shows kf_wx', async () => {
    const { token, account, wechatId, appid, secret } = await makeKfApiOwner(herald);
    const anna = await makeKf(herald.services, account.id, wechatId, 'anna');
    const worker = newWechatId();
    expectWxError(await post('/customservice/kfaccount/inviteworker', token, { kf_account: anna, invite_wx: 'no' }), 65409, 'wechat account invalid');
    expectWxError(await post('/customservice/kfaccount/inviteworker', token, { kf_account: anna }), 65409);
    expectWxError(await post('/customservice/kfaccount/inviteworker', token, { kf_account: `ghost@${wechatId}`, invite_wx: worker }), 65401);
    const before = herald.services.clock.nowSec();
    expect(await post('/customservice/kfaccount/inviteworker', token, { kf_account: anna, invite_wx: worker })).toEqual({ errcode: 0, errmsg: 'ok' });
    const [entry] = await kfList(token);
    expect(entry).toMatchObject({ kf_account: anna, invite_wx: worker, invite_status: 'waiting' });
    expect(Number(entry.invite_expire_time) - before).toBeGreaterThanOrEqual(7 * 86400);
    expect(Number(entry.invite_expire_time) - before).toBeLessThanOrEqual(7 * 86400 + 5);
    expectWxError(await post('/customservice/kfaccount/inviteworker', token, { kf_account: anna, invite_wx: newWechatId() }), 65411);
    const bob = await makeKf(herald.services, account.id, wechatId, 'bob');
    expectWxError(await post('/customservice/kfaccount/inviteworker', token, { kf_account: bob, invite_wx: worker }), 65408);

    herald.services.clock.advance(INVITE_TTL_MS + 1000);
    const fresh = await fetchToken(herald, appid, secret);
    expect((await kfList(fresh))[0]).toMatchObject({ invite_wx: worker, invite_status: 'expired' });
    expect(await post('/customservice/kfaccount/inviteworker', fresh, { kf_account: anna, invite_wx: worker })).toEqual({ errcode: 0, errmsg: 'ok' });
    await answerKfInvite(herald.services, account.id, anna, true);
    const [bound] = await kfList(fresh);
    expect(bound).toEqual({ kf_account: anna, kf_headimgurl: '', kf_id: '1001', kf_nick: 'anna', kf_wx: worker });
    expectWxError(await post('/customservice/kfaccount/inviteworker', fresh, { kf_account: anna, invite_wx: newWechatId() }), 65412);
    expectWxError(await post('/customservice/kfaccount/inviteworker', fresh, { kf_account: bob, invite_wx: worker }), 65407);
  });

  it('lists online kf accounts with their active sessions', async () => {
    const { token, account, wechatId } = await makeKfApiOwner(herald);
    const anna = await makeKf(herald.services, account.id, wechatId, 'anna');
    await makeKf(herald.services, account.id, wechatId, 'bob', { online: false });
    const carol = await makeKf(herald.services, account.id, wechatId, 'carol');
    for (let i = 0; i < 2; i++) {
      const openid = await makeFollower(herald.services, account.id);
      await enqueueWaitingSession(herald.services, account.id, openid);
      await acceptSession(herald.services, account.id, openid, anna);
    }
    const body = await get('/cgi-bin/customservice/getonlinekflist', token);
    expect(body).toEqual({
      kf_online_list: [
        { kf_account: anna, status: 1, kf_id: '1001', accepted_case: 2 },
        { kf_account: carol, status: 1, kf_id: '1003', accepted_case: 0 },
      ],
    });
    expect(await get('/customservice/getonlinekflist', token)).toEqual(body);
  });

  it('applies the WeChat API chain: token, capability, method, body', async () => {
    const { token, wechatId } = await makeKfApiOwner(herald);
    expectWxError(await wxCall(herald, 'POST', '/customservice/kfaccount/add', { body: {} }), 41001);
    expectWxError(await wxCall(herald, 'GET', '/cgi-bin/customservice/getkflist?access_token=not-a-real-token'), 40001);
    expectWxError(await wxCall(herald, 'GET', `/customservice/kfaccount/add?access_token=${token}`), 43002);
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/customservice/getkflist?access_token=${token}`, { body: {} }), 43001);
    expectWxError(await wxCall(herald, 'PUT', `/customservice/kfaccount/del?access_token=${token}`, { body: {} }), 43001);
    expectWxError(await wxCall(herald, 'DELETE', `/customservice/kfaccount/add?access_token=${token}`), 43002);
    expectWxError(await wxCall(herald, 'POST', `/customservice/kfaccount/add?access_token=${token}`, { body: '' }), 44002);
    expectWxError(await wxCall(herald, 'POST', `/customservice/kfaccount/add?access_token=${token}`, { body: '{"kf_account":' }), 47001);
    expectWxError(await wxCall(herald, 'POST', `/customservice/kfaccount/add?access_token=${token}`, { body: '[1,2]' }), 47001);
    expectWxError(await post('/customservice/kfaccount/add', token, { kf_account: `a@${wechatId}`, nickname: 'x'.repeat(20_000) }), 45002);
    for (const kind of [{ type: 'service', verified: false }, { type: 'subscription', verified: false }] as const) {
      const { appid, secret } = await makeAccount(herald.services, kind);
      const t = await fetchToken(herald, appid, secret);
      expectWxError(await wxCall(herald, 'GET', `/cgi-bin/customservice/getkflist?access_token=${t}`), 48001, 'api unauthorized');
      expectWxError(await post('/customservice/kfaccount/add', t, { kf_account: 'a@b', nickname: 'A' }), 48001);
    }
    const sub = await makeAccount(herald.services, { type: 'subscription', verified: true });
    const subToken = await fetchToken(herald, sub.appid, sub.secret);
    expect(await get('/cgi-bin/customservice/getkflist', subToken)).toEqual({ kf_list: [] });
  });

  it('never fails on hostile input', async () => {
    const { token, wechatId, account } = await makeKfApiOwner(herald);
    await makeKf(herald.services, account.id, wechatId, 'anna');
    const bodies: Array<string | Buffer> = [
      'null', '"x"', '1e400', 'true', '['.repeat(100_000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
      JSON.stringify({ kf_account: { toString: 1 }, nickname: { length: 1 }, invite_wx: [], text: {} }),
      '{"__proto__":{"kf_account":"anna"},"constructor":{"prototype":{"x":1}}}',
      JSON.stringify({ kf_account: `anna@${wechatId}\u0000`, nickname: '\u0000', invite_wx: 'a\u0000bcdefg' }),
      Buffer.from([0x7b, 0x22, 0x6b, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      JSON.stringify({ kf_account: "anna'; drop table kf_accounts; --@" + wechatId, nickname: '💣'.repeat(16) }),
      JSON.stringify({ kf_account: `${'ä'.repeat(10)}@${wechatId}`, nickname: 'ok' }),
    ];
    const paths = ['kfaccount/add', 'kfaccount/update', 'kfaccount/del', 'kfaccount/inviteworker', 'kfaccount/uploadheadimg'];
    for (const suffix of paths) {
      for (const prefix of ['/customservice/', '/cgi-bin/customservice/']) {
        for (const body of bodies) {
          // Only the upload takes kf_account from the query (del would rightly use it).
          const query = suffix === 'kfaccount/uploadheadimg' ? `&kf_account=${encodeURIComponent(`anna@${wechatId}`)}` : '';
          const res: WxBody = await wxCall(herald, 'POST', `${prefix}${suffix}?access_token=${token}${query}`, {
            body,
            headers: { 'content-type': 'application/json' },
          });
          expect(res.errcode, `${suffix} ${String(body).slice(0, 40)}`).not.toBe(-1);
          expect(res.errcode, `${suffix} ${String(body).slice(0, 40)}`).not.toBe(0);
        }
      }
    }
    for (const q of ['kf_account=%00', `kf_account=${'x'.repeat(8000)}`, 'kf_account[]=a&kf_account=b', 'kf_account=%ff%fe']) {
      const res = await wxCall(herald, 'GET', `/customservice/kfaccount/del?access_token=${token}&${q}`);
      expect(res.errcode, q).toBe(65401);
    }
    // The kf account survived all of it.
    expect((await kfList(token)).map((k) => k.kf_account)).toEqual([`anna@${wechatId}`]);
  });
});
