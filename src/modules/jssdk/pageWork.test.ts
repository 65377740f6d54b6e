/**
 * What a configured page does through the phone, at the API level (both databases):
 * wx.uploadImage puts the follower's picture into the account's temporary media, which the
 * developer's server reads with media/get/jssdk; wx.downloadImage reads the account's images
 * only; <wx-open-subscribe> asks about the account's subscribe templates and records the answer
 * (consents, subscribe_msg_popup_event with PopupScene 1). Hostile input on every route.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { multipartBody, phoneUser, TINY_PNG, type PhoneClient } from '../../../test/phoneFixtures.js';
import { accountWithToken, expectWxError, wxCall } from '../../../test/wxClient.js';
import { deliveries } from '../callbacks/schema.js';
import { jsapiSignature } from '../webauth/index.js';
import { jssdkCalls } from './schema.js';

const PAGE = 'http://127.0.0.1:3000/shop';

describeEachDb('wx.uploadImage, wx.downloadImage and wx-open-subscribe from the phone', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  }, 180_000);
  afterAll(async () => {
    await herald?.close();
  });

  /** A verified service account whose page the follower opened and configured (wx.config ok). */
  async function configuredPage(client: PhoneClient, opts: Parameters<typeof accountWithToken>[1] = { type: 'service', verified: true }) {
    const a = await accountWithToken(herald, opts);
    const put = await herald.app.inject({ method: 'PUT', url: `/sim/v1/accounts/${a.appid}/web-domains/jsapi`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ domains: ['127.0.0.1:3000'] }) });
    expect(put.statusCode, put.body).toBe(200);
    const ticket = String((await a.call('GET', 'ticket/getticket?type=jsapi')).ticket);
    const config = { appId: a.appid, timestamp: '1700000000', nonceStr: 'n0nce', signature: jsapiSignature({ ticket, noncestr: 'n0nce', timestamp: '1700000000', url: PAGE }), jsApiList: ['uploadImage', 'downloadImage'], openTagList: ['wx-open-subscribe', 'wx-open-unknown'] };
    const r = await client.post('/jssdk/config', { config, url: PAGE });
    expect(r.json).toMatchObject({ ok: true, err_msg: 'config:ok', open_tag_list: ['wx-open-subscribe'] });
    return a;
  }

  const upload = (client: PhoneClient, appid: string, bytes: Buffer, opts: { filename?: string; withAppid?: boolean } = {}) => {
    const file = multipartBody('media', opts.filename ?? 'photo.png', 'image/png', bytes);
    const boundary = file.contentType.split('boundary=')[1];
    const field = opts.withAppid === false ? Buffer.alloc(0) : Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="appid"\r\n\r\n${appid}\r\n`);
    return client.request('POST', '/jssdk/images', Buffer.concat([field, file.body]), { 'content-type': file.contentType });
  };

  it('uploadImage: the picture becomes the account\'s temporary image; media/get/jssdk and media/get serve it to that account only', async () => {
    const { client } = await phoneUser(herald.app);
    const a = await configuredPage(client);
    const up = await upload(client, a.appid, TINY_PNG);
    expect(up.status, up.body).toBe(201);
    const serverId = String(up.json.server_id);
    expect(serverId).toMatch(/^[\w-]{20,}$/);

    const viaJssdk = await herald.app.inject({ method: 'GET', url: `/cgi-bin/media/get/jssdk?access_token=${a.token}&media_id=${serverId}` });
    expect(viaJssdk.statusCode).toBe(200);
    expect(viaJssdk.headers['content-type']).toBe('image/png');
    expect(viaJssdk.rawPayload.equals(TINY_PNG)).toBe(true);
    const viaGet = await herald.app.inject({ method: 'GET', url: `/cgi-bin/media/get?access_token=${a.token}&media_id=${serverId}` });
    expect(viaGet.rawPayload.equals(TINY_PNG)).toBe(true);

    // Another account's developer cannot read it; media/get/jssdk answers as media/get does.
    const other = await accountWithToken(herald, { type: 'service', verified: true });
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get/jssdk?access_token=${other.token}&media_id=${serverId}`), 40007, 'invalid media_id');
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get/jssdk?access_token=${a.token}`), 41006);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get/jssdk?access_token=${a.token}&media_id=${'x'.repeat(5000)}`), 40007);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get/jssdk?media_id=${serverId}`), 41001);

    // Three days later it is gone, as every temporary media.
    herald.services.clock.advance(3 * 24 * 3600 * 1000 + 1000);
    const again = await accountWithToken(herald, { type: 'service', verified: true });
    expect(again.appid).not.toBe(a.appid);
    const fresh = await wxCall(herald, 'GET', `/cgi-bin/token?grant_type=client_credential&appid=${a.appid}&secret=${a.secret}`);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get/jssdk?access_token=${fresh.access_token}&media_id=${serverId}`), 40007);
  });

  it('uploadImage refuses pages that did not configure, other accounts, and hostile bodies', async () => {
    const { client } = await phoneUser(herald.app);
    const a = await configuredPage(client);
    // An account none of whose pages configured the JS-SDK for this follower, an unknown or malformed appId.
    const other = await accountWithToken(herald, { type: 'service', verified: true });
    for (const appid of [other.appid, 'wx0000000000000000', '../../etc', '']) {
      const r = await upload(client, appid, TINY_PNG);
      expect(r.status, `${appid}: ${r.body}`).toBe(403);
      expect(r.json.error.code).toBe('not_configured');
    }
    // Not a picture; empty; no appid field; not multipart; a truncated body.
    const text = await upload(client, a.appid, Buffer.from('<script>alert(1)</script>'));
    expect([text.status, text.json.error?.code]).toEqual([400, 'invalid_media']);
    expect((await upload(client, a.appid, Buffer.alloc(0))).status).toBe(400);
    expect((await upload(client, a.appid, TINY_PNG, { withAppid: false })).json.error.code).toBe('invalid_upload');
    expect((await client.post('/jssdk/images', { appid: a.appid, media: TINY_PNG.toString('base64') })).status).toBe(400);
    const cut = multipartBody('media', 'x.png', 'image/png', TINY_PNG);
    expect((await client.request('POST', '/jssdk/images', cut.body.subarray(0, 60), { 'content-type': cut.contentType })).status).toBe(400);
    // Over the phone's upload limit: refused before the body is read (413), never a 500.
    const huge = await upload(client, a.appid, Buffer.concat([TINY_PNG, randomBytes(11 * 1024 * 1024)]));
    expect(huge.status).toBe(413);
    // Anonymous.
    const anon = await herald.app.inject({ method: 'POST', url: '/phone/api/jssdk/images', payload: 'x', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(anon.statusCode).toBe(401);
    // The upload was recorded nowhere for the refused calls: only the config is in the log.
    const calls = await herald.services.db.select().from(jssdkCalls).where(eq(jssdkCalls.accountId, other.account.id));
    expect(calls).toEqual([]);
  });

  it('downloadImage: the account\'s own images only', async () => {
    const { client } = await phoneUser(herald.app);
    const a = await configuredPage(client);
    const m = multipartBody('media', 'menu.png', 'image/png', TINY_PNG);
    const devUpload = await herald.app.inject({ method: 'POST', url: `/cgi-bin/media/upload?access_token=${a.token}&type=image`, payload: m.body, headers: { 'content-type': m.contentType } });
    const mediaId = String(devUpload.json().media_id);
    const got = await client.post('/jssdk/images/download', { appid: a.appid, server_id: mediaId });
    expect(got.json).toEqual({ url: `/media/${mediaId}`, content_type: 'image/png' });
    const served = await herald.app.inject({ method: 'GET', url: String(got.json.url) });
    expect(served.rawPayload.equals(TINY_PNG)).toBe(true);

    // Another account's image, a voice, unknown and malformed ids: not found.
    const other = await accountWithToken(herald, { type: 'service', verified: true });
    const theirs = await herald.app.inject({ method: 'POST', url: `/cgi-bin/media/upload?access_token=${other.token}&type=image`, payload: m.body, headers: { 'content-type': m.contentType } });
    const amr = multipartBody('media', 'v.amr', 'audio/amr', Buffer.concat([Buffer.from('#!AMR\n'), randomBytes(64)]));
    const voice = await herald.app.inject({ method: 'POST', url: `/cgi-bin/media/upload?access_token=${a.token}&type=voice`, payload: amr.body, headers: { 'content-type': amr.contentType } });
    expect(voice.json().media_id).toBeTruthy();
    for (const id of [String(theirs.json().media_id), String(voice.json().media_id), 'A'.repeat(64), '../../etc/passwd', '\u0000']) {
      const r = await client.post('/jssdk/images/download', { appid: a.appid, server_id: id });
      expect(r.status, id).toBe(404);
    }
    expect((await client.post('/jssdk/images/download', { appid: other.appid, server_id: String(theirs.json().media_id) })).status).toBe(403);
    expect((await client.post('/jssdk/images/download', { appid: a.appid, server_id: 'x'.repeat(129) })).status).toBe(400);
    expect((await client.post('/jssdk/images/download', { appid: a.appid })).status).toBe(400);
    expect((await client.post('/jssdk/images/download', '{"appid":')).status).toBe(400);
  });

  it('wx-open-subscribe: the sheet\'s templates or the tag\'s error; the answer records consents and subscribe_msg_popup_event (PopupScene 1)', async () => {
    const { client, user } = await phoneUser(herald.app);
    const a = await configuredPage(client);
    const add = async (tid: number, kidList: number[]) => {
      const r = await wxCall(herald, 'POST', `/wxaapi/newtmpl/addtemplate?access_token=${a.token}`, { body: { tid: String(tid), kidList, sceneDesc: '测试' } });
      return String(r.priTmplId);
    };
    const once1 = await add(1021, [1, 2]);
    const once2 = await add(3541, [1, 2]);
    const long = await add(7002, [1, 2]);

    const sheet = (template: string) => client.post('/jssdk/subscribe/sheet', { appid: a.appid, template });
    const ok = await sheet(` ${once2}, ${once1} `);
    expect(ok.json).toEqual({
      ok: true,
      account_name: a.account.name,
      templates: [
        { template_id: once2, title: '快递签收通知', long_term: false, keywords: ['快递单号', '快递状态'] },
        { template_id: once1, title: '服务预约成功通知', long_term: false, keywords: ['服务项目', '预约时间'] },
      ],
    });
    expect((await sheet('')).json).toEqual({ ok: false, err_code: 10001, err_msg: "subscribe:fail TmplIds can't be empty" });
    expect((await sheet('a,b,c,d,e,f')).json).toMatchObject({ ok: false, err_code: 20003 });
    expect((await sheet(`${once1},nope`)).json).toEqual({ ok: false, err_code: 20001, err_msg: 'subscribe:fail No template data return, verify the template id exist' });
    expect((await sheet(`${once1},${long}`)).json).toMatchObject({ ok: false, err_code: 20002 });
    expect((await sheet('<img src=x onerror=alert(1)>')).json).toMatchObject({ ok: false, err_code: 10004 });
    expect((await sheet('x'.repeat(2001))).status).toBe(400);

    const answer = await client.post('/jssdk/subscribe', { appid: a.appid, url: `${PAGE}?code=secret`, answers: [{ template_id: once1, status: 'accept' }, { template_id: once2, status: 'reject' }] });
    expect(answer.status, answer.body).toBe(200);
    const consents = await herald.app.inject({ method: 'GET', url: `/sim/v1/users/${user.id}/subscriptions?account=${a.appid}` });
    expect(consents.json().consents).toEqual([expect.objectContaining({ template_id: once1 })]);
    const [popup] = await herald.services.db.select().from(deliveries).where(and(eq(deliveries.accountId, a.account.id), eq(deliveries.label, 'event:subscribe_msg_popup_event')));
    expect(popup.payloadXml).toContain(`<TemplateId><![CDATA[${once1}]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>1</PopupScene>`);
    expect(popup.payloadXml).toContain(`<TemplateId><![CDATA[${once2}]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString><PopupScene>1</PopupScene>`);
    const logged = await herald.services.db.select().from(jssdkCalls).where(and(eq(jssdkCalls.accountId, a.account.id), eq(jssdkCalls.api, 'subscribe')));
    expect(logged.map((c) => [c.errMsg, c.page])).toEqual([['subscribe:ok', PAGE]]);

    // Hostile answers: unknown or another account's template, duplicates, too many, bad status, no config.
    expect((await client.post('/jssdk/subscribe', { appid: a.appid, answers: [{ template_id: 'nope', status: 'accept' }] })).status).toBe(404);
    expect((await client.post('/jssdk/subscribe', { appid: a.appid, answers: [{ template_id: once1, status: 'accept' }, { template_id: long, status: 'accept' }] })).status).toBe(404);
    expect((await client.post('/jssdk/subscribe', { appid: a.appid, answers: [{ template_id: once1, status: 'accept' }, { template_id: once1, status: 'reject' }] })).status).toBe(400);
    expect((await client.post('/jssdk/subscribe', { appid: a.appid, answers: Array.from({ length: 6 }, (_, i) => ({ template_id: `t${i}`, status: 'accept' })) })).status).toBe(400);
    expect((await client.post('/jssdk/subscribe', { appid: a.appid, answers: [{ template_id: once1, status: 'maybe' }] })).status).toBe(400);
    expect((await client.post('/jssdk/subscribe', { appid: a.appid, answers: [] })).status).toBe(400);
    const other = await accountWithToken(herald, { type: 'service', verified: true });
    expect((await client.post('/jssdk/subscribe', { appid: other.appid, answers: [{ template_id: once1, status: 'accept' }] })).status).toBe(403);
    expect((await client.post('/jssdk/subscribe/sheet', { appid: other.appid, template: once1 })).status).toBe(403);
  });

  it('wx-open-subscribe on an account without subscribe notifications answers the tag\'s error 20001', async () => {
    const { client } = await phoneUser(herald.app);
    const a = await configuredPage(client, { type: 'subscription', verified: true });
    expect((await client.post('/jssdk/subscribe/sheet', { appid: a.appid, template: 'abc' })).json).toMatchObject({ ok: false, err_code: 20001 });
    expect((await client.post('/jssdk/subscribe', { appid: a.appid, answers: [{ template_id: 'abc', status: 'accept' }] })).status).toBe(404);
  });
});
