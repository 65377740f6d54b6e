/**
 * 订阅通知 in the console (the library, adding, deleting, sent counts, roles, hostile bodies),
 * the phone's 服务通知 list, and the legacy one-time subscribe page in a browser. Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';
import { addFollower } from '../../../test/factories/audience.js';
import { asDeveloper, phoneUser } from '../../../test/phoneFixtures.js';

describeEachDb('console: 订阅通知; phone: 服务通知; the one-time subscribe page', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const consent = async (userId: string, appid: string, templateId: string) => {
    const r = await h.app.inject({ method: 'POST', url: `/sim/v1/users/${userId}/subscriptions`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ account: appid, answers: [{ template_id: templateId, status: 'accept' }] }) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { openid: string };
  };

  it('library, add, sent counts, delete; refusals carry their errcode; roles; hostile bodies', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${acc.appid}`;
    const first = await client.get(`${base}/subscribe-templates`);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ allowed: true, max_templates: 25, keywords: { min: 2, max: 5 }, max_scene_desc: 15, templates: [] });
    expect((first.json.categories as unknown[]).length).toBe(8);
    const added = await client.post(`${base}/subscribe-templates`, { tid: 5120, kid_list: [1, 2, 5], scene_desc: '发货提醒' });
    expect(added.status, added.body).toBe(201);
    const id = String(added.json.pri_tmpl_id);
    for (const [body, errcode] of [[{ tid: 5120, kid_list: [1] }, 200020], [{ tid: 5120, kid_list: [1, 2], scene_desc: '一'.repeat(16) }, 200021]] as const) {
      const r = await client.post(`${base}/subscribe-templates`, body);
      expect(r.status, r.body).toBe(409);
      expect(r.json.error).toMatchObject({ code: 'template_refused', details: { errcode } });
    }
    expect((await client.post(`${base}/subscribe-templates`, { tid: 1, kid_list: [1, 2] })).status).toBe(404);
    // Two notifications sent with it.
    const dev = await asDeveloper(h, acc.appid, acc.secret);
    const f = await addFollower(h.database, acc.account.id);
    for (let i = 0; i < 2; i++) {
      await consent(f.userId, acc.appid, id);
      expect(await dev.post('/cgi-bin/message/subscribe/bizsend', { touser: f.openid, template_id: id, data: { character_string1: { value: `SO${i}` } } })).toMatchObject({ errcode: 0 });
    }
    const view = (await client.get(`${base}/subscribe-templates`)).json;
    expect(view.templates).toEqual([{ pri_tmpl_id: id, tid: 5120, title: '订单发货通知', type: 2, category: '商家自营 > 服装/鞋/箱包', keywords: [{ key: 'character_string1', name: '订单编号' }, { key: 'thing2', name: '商品名称' }, { key: 'time5', name: '发货时间' }], content: expect.any(String), scene_desc: '发货提醒', sent: 2, created_at: expect.any(String) }]);
    // An agent reads, cannot change.
    const agent = await signedInOperator(h.app, h.services, { orgId: op.orgId, role: 'agent' });
    expect((await agent.client.get(`${base}/subscribe-templates`)).status).toBe(200);
    expect((await agent.client.post(`${base}/subscribe-templates`, { tid: 5120, kid_list: [1, 2] })).status).toBe(403);
    expect((await agent.client.request('DELETE', `${base}/subscribe-templates/${id}`)).status).toBe(403);
    // Another organization's operator sees nothing.
    const stranger = await signedInOperator(h.app, h.services);
    expect((await stranger.client.get(`${base}/subscribe-templates`)).status).toBe(404);
    await expectHostileBodiesRefused(client, 'POST', `${base}/subscribe-templates`);
    for (const body of [{ tid: '5120', kid_list: [1, 2] }, { tid: 5120, kid_list: 'x' }, { tid: 5120, kid_list: [1, 2], extra: 1 }, { tid: 5120, kid_list: Array(11).fill(1) }]) {
      expect((await client.post(`${base}/subscribe-templates`, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await client.request('DELETE', `${base}/subscribe-templates/nope`)).status).toBe(404);
    expect((await client.request('DELETE', `${base}/subscribe-templates/${id}`)).status).toBe(200);
    expect((await client.get(`${base}/subscribe-templates`)).json.templates).toEqual([]);
    // Accounts without subscribe notifications see the page refused when they change it.
    const sub = await makeAccount(h.services, { orgId: op.orgId, type: 'subscription' });
    expect((await client.get(`/console/api/accounts/${sub.appid}/subscribe-templates`)).json.allowed).toBe(false);
    expect((await client.post(`/console/api/accounts/${sub.appid}/subscribe-templates`, { tid: 5120, kid_list: [1, 2] })).status).toBeGreaterThanOrEqual(400);
  });

  it('服务通知 lists what a user received without following; the one-time subscribe page records a consent', async () => {
    const acc = await makeAccount(h.services, { name: '城市停车' });
    const dev = await asDeveloper(h, acc.appid, acc.secret);
    const id = String((await dev.post('/wxaapi/newtmpl/addtemplate', { tid: 6801, kidList: [1, 2] })).priTmplId);
    const { user, client, token } = await phoneUser(h.app, 'Driver');
    expect((await client.get('/service-notifications')).json).toEqual({ notifications: [], next_before: null });
    const { openid } = await consent(user.id, acc.appid, id);
    expect(await dev.post('/cgi-bin/message/subscribe/bizsend', { touser: openid, template_id: id, data: { car_number1: { value: '沪A12345' }, amount2: { value: '¥15.00' } } })).toMatchObject({ errcode: 0 });
    const list = await client.get('/service-notifications');
    expect(list.json.notifications).toMatchObject([{ appid: acc.appid, account_name: '城市停车', title: '停车缴费成功通知', place: 'service', fields: [{ name: '车牌号', value: '沪A12345' }, { name: '缴费金额', value: '¥15.00' }] }]);
    for (const q of ['limit=0', 'limit=51', 'before=abc', 'before=-1']) expect((await client.get(`/service-notifications?${q}`)).status, q).toBe(400);
    expect((await h.app.inject({ method: 'GET', url: '/phone/api/service-notifications' })).statusCode).toBe(401);

    // The legacy page: without a user, then with the phone's cookie.
    const q = `action=get_confirm&appid=${acc.appid}&scene=1000&template_id=tpl_once&redirect_url=${encodeURIComponent('https://example.com/back')}&reserved=r1`;
    const anon = await h.app.inject({ method: 'GET', url: `/mp/subscribemsg?${q}`, headers: { 'accept-language': 'zh-CN' } });
    expect(anon.statusCode).toBe(200);
    expect(anon.body).toContain('请在 Herald 手机中选择一位用户');
    const session = await h.app.inject({ method: 'POST', url: '/phone/api/web/subscribe-session', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{}' });
    expect(session.statusCode, session.body).toBe(200);
    for (const [headers, payload, status] of [[{ authorization: `Bearer ${token}`, 'content-type': 'application/json' }, '{"user_id":"x"}', 400], [{ authorization: `Bearer ${token}`, 'content-type': 'application/json' }, '{', 400], [{ 'content-type': 'application/json' }, '{}', 401], [{ authorization: 'Bearer forged.token', 'content-type': 'application/json' }, '{}', 401]] as const) {
      const r = await h.app.inject({ method: 'POST', url: '/phone/api/web/subscribe-session', headers, payload });
      expect(r.statusCode, payload).toBe(status);
      expect(r.headers['set-cookie']).toBeUndefined();
    }
    const cookie = String(session.headers['set-cookie']).split(';')[0];
    expect(String(session.headers['set-cookie'])).toMatch(/Path=\/mp\/subscribemsg; HttpOnly; SameSite=Lax/);
    const sheet = await h.app.inject({ method: 'GET', url: `/mp/subscribemsg?${q}`, headers: { cookie, 'accept-language': 'en' } });
    expect(sheet.body).toMatch(/城市停车 (请求向你发送一次消息|would like to send you one message)/);
    const ticket = /name="ticket" value="([^"]+)"/.exec(sheet.body)?.[1];
    expect(ticket).toBeDefined();
    for (const bad of ['javascript:alert(1)', '']) {
      const r = await h.app.inject({ method: 'GET', url: `/mp/subscribemsg?${q.replace(/redirect_url=[^&]+/, `redirect_url=${encodeURIComponent(bad)}`)}`, headers: { cookie } });
      expect(r.body).toMatch(/redirect_url/);
      expect(r.body).not.toContain('name="ticket"');
    }
    const hostile = await h.app.inject({ method: 'GET', url: `/mp/subscribemsg?${q.replace('tpl_once', encodeURIComponent('<script>'))}`, headers: { cookie } });
    expect(hostile.body).not.toContain('<script>');
    // A forged ticket, and an answer from another browser, are refused.
    const forged = await h.app.inject({ method: 'POST', url: '/mp/subscribemsg/confirm', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `ticket=${encodeURIComponent(`${ticket}x`)}&action=confirm` });
    expect(forged.statusCode).toBe(200);
    expect(forged.headers.location).toBeUndefined();
    const noCookie = await h.app.inject({ method: 'POST', url: '/mp/subscribemsg/confirm', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `ticket=${encodeURIComponent(ticket!)}&action=confirm` });
    expect(noCookie.headers.location).toBeUndefined();
    const yes = await h.app.inject({ method: 'POST', url: '/mp/subscribemsg/confirm', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `ticket=${encodeURIComponent(ticket!)}&action=confirm` });
    expect(yes.statusCode).toBe(302);
    expect(yes.headers.location).toBe(`https://example.com/back?openid=${openid}&template_id=tpl_once&action=confirm&scene=1000&reserved=r1`);
    const body = { touser: openid, template_id: 'tpl_once', url: 'https://example.com/', scene: 1000, title: '停车提醒', data: { content: { value: '您的车辆即将超出免费时段' } } };
    expect(await dev.post('/cgi-bin/message/template/subscribe', body)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await dev.post('/cgi-bin/message/template/subscribe', body)).errcode).toBe(43101);
    expect((await client.get('/service-notifications')).json.notifications).toHaveLength(2);
  });
});
