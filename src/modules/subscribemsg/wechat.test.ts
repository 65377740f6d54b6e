/**
 * Subscribe notifications through the WeChat API (raw HTTP): the public library, the account's
 * templates, bizsend with consents (one-time used up, long-term kept), typed values, where the
 * notification lands (chat or 服务通知), the three events in the callback outbox, the legacy
 * one-time subscribe, and hostile input on every path. Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { accountWithToken, expectWxError, wxCall, type WxBody } from '../../../test/wxClient.js';
import { addFollower } from '../../../test/factories/audience.js';
import { deliveries } from '../callbacks/schema.js';
import { conversationMessages } from '../messaging/schema.js';
import { PUBLIC_TEMPLATES } from './rules/library.js';

describeEachDb('subscribe notification APIs', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  /** A verified service account and calls under /wxaapi/newtmpl and /cgi-bin with its token. */
  async function ready(opts: Parameters<typeof accountWithToken>[1] = {}) {
    const a = await accountWithToken(herald, opts);
    const tmpl = (method: 'GET' | 'POST', api: string, body?: unknown): Promise<WxBody> =>
      wxCall(herald, method, `/wxaapi/newtmpl/${api}${api.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(a.token)}`, { body });
    const add = async (tid: number, kidList: number[], sceneDesc = '测试') => {
      const r = await tmpl('POST', 'addtemplate', { tid: String(tid), kidList, sceneDesc });
      expect(r, JSON.stringify(r)).toEqual({ errcode: 0, errmsg: 'ok', priTmplId: expect.stringMatching(/^[\w-]{43}$/) });
      return String(r.priTmplId);
    };
    const sim = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
      const res = await herald.app.inject({ method, url: `/sim/v1${url}`, ...(body !== undefined ? { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    };
    const consent = (userId: string, answers: Array<{ template_id: string; status: 'accept' | 'reject' }>, scene = 1) =>
      sim('POST', `/users/${userId}/subscriptions`, { account: a.appid, scene, answers });
    const send = (body: unknown) => a.call('POST', 'message/subscribe/bizsend', body);
    return { ...a, tmpl, add, sim, consent, send };
  }

  const events = async (accountId: string, label: string) =>
    herald.services.db.select().from(deliveries).where(and(eq(deliveries.accountId, accountId), eq(deliveries.label, label))).orderBy(deliveries.id);

  it('only verified service accounts: 48001 for the others on every path', async () => {
    for (const opts of [{ type: 'subscription' as const, verified: true }, { type: 'service' as const, verified: false }]) {
      const a = await ready(opts);
      expectWxError(await a.tmpl('GET', 'getcategory'), 48001, 'api unauthorized');
      expectWxError(await a.tmpl('GET', 'getpubtemplatetitles?ids=2&start=0&limit=1'), 48001);
      expectWxError(await a.tmpl('GET', 'getpubtemplatekeywords?tid=1021'), 48001);
      expectWxError(await a.tmpl('POST', 'addtemplate', { tid: '1021', kidList: [1, 2] }), 48001);
      expectWxError(await a.tmpl('GET', 'gettemplate'), 48001);
      expectWxError(await a.tmpl('POST', 'deltemplate', { priTmplId: 'x' }), 48001);
      expectWxError(await a.send({ touser: 'o', template_id: 'x', data: {} }), 48001);
      expectWxError(await a.call('POST', 'message/template/subscribe', { touser: 'o', template_id: 'x' }), 48001);
    }
  });

  it('the library: categories, titles paged by category, keywords with their rules', async () => {
    const a = await ready();
    const cats = await a.tmpl('GET', 'getcategory');
    expect(cats.errcode).toBe(0);
    expect(cats.data).toContainEqual({ id: 616, name: '商家自营 > 服装/鞋/箱包' });
    const titles = await a.tmpl('GET', 'getpubtemplatetitles?ids=2,616&start=0&limit=2');
    const inCats = PUBLIC_TEMPLATES.filter((t) => t.categoryId === 2 || t.categoryId === 616);
    expect(titles).toEqual({ errcode: 0, errmsg: 'ok', count: inCats.length, data: inCats.slice(0, 2).map((t) => ({ tid: t.tid, title: t.title, type: t.type, categoryId: String(t.categoryId) })) });
    const page2 = await a.tmpl('GET', `getpubtemplatetitles?ids=2,616&start=${inCats.length - 1}&limit=30`);
    expect(page2.data).toHaveLength(1);
    const kws = await a.tmpl('GET', 'getpubtemplatekeywords?tid=3541');
    expect(kws).toMatchObject({ errcode: 0, count: 5 });
    expect((kws.data as unknown[])[0]).toEqual({ kid: 1, name: '快递单号', example: 'SF1234567890123', rule: 'character_string' });
    // Refusals with WeChat's codes.
    expectWxError(await a.tmpl('GET', 'getpubtemplatetitles?start=0&limit=1'), 200018, 'missing parameter ids');
    expectWxError(await a.tmpl('GET', 'getpubtemplatetitles?ids="2"&start=0&limit=1'), 200019, 'invalid parameter ids');
    expectWxError(await a.tmpl('GET', 'getpubtemplatetitles?ids=99999&start=0&limit=1'), 200019);
    expectWxError(await a.tmpl('GET', 'getpubtemplatetitles?ids=2&start=-1&limit=1'), 200016, 'invalid parameter start');
    expectWxError(await a.tmpl('GET', 'getpubtemplatetitles?ids=2&start=0&limit=31'), 200017, 'invalid parameter limit');
    expectWxError(await a.tmpl('GET', 'getpubtemplatetitles?ids=2&start=0&limit=0'), 200017);
    expectWxError(await a.tmpl('GET', 'getpubtemplatekeywords'), 200014, 'missing parameter tid');
    expectWxError(await a.tmpl('GET', 'getpubtemplatekeywords?tid=1'), 200014, 'tid does not exist');
    expectWxError(await a.tmpl('GET', `getpubtemplatekeywords?tid=${'9'.repeat(40)}`), 200014);
  });

  it('addtemplate (JSON or form), gettemplate, deltemplate, and their refusals', async () => {
    const a = await ready();
    const id = await a.add(5120, [1, 5, 2], '订单发货');
    // The form body the mini-program documentation recommends.
    const form = await wxCall(herald, 'POST', `/wxaapi/newtmpl/addtemplate?access_token=${a.token}`, {
      body: 'tid=7452&kidList=2&kidList=1&sceneDesc=%E6%8A%A5%E5%91%8A',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form).toMatchObject({ errcode: 0, priTmplId: expect.any(String) });
    const list = await a.tmpl('GET', 'gettemplate');
    expect(list).toEqual({
      errcode: 0,
      errmsg: 'ok',
      data: [
        { priTmplId: id, title: '订单发货通知', type: 2, content: '订单编号:{{character_string1.DATA}}\n发货时间:{{time5.DATA}}\n商品名称:{{thing2.DATA}}\n', example: '订单编号:SO20230518001\n发货时间:2023-05-18 10:00\n商品名称:纯棉T恤 白色 L\n' },
        { priTmplId: form.priTmplId, title: '检查报告出具通知', type: 3, content: '报告项目:{{thing2.DATA}}\n就诊人:{{name1.DATA}}\n', example: '报告项目:血常规\n就诊人:张三\n' },
      ],
    });
    for (const bad of [{}, { tid: '' }, { tid: null }]) expectWxError(await a.tmpl('POST', 'addtemplate', { ...bad, kidList: [1, 2] }), 200014, 'missing parameter tid');
    expectWxError(await a.tmpl('POST', 'addtemplate', { tid: 424242, kidList: [1, 2] }), 200014, 'tid does not exist');
    for (const kidList of [[1], [1, 2, 3, 4, 5, 1], [1, 1], [1, 9], 'x', [1, '2x'], [{}, 1], null]) {
      expectWxError(await a.tmpl('POST', 'addtemplate', { tid: 5120, kidList }), 200020, 'invalid keywords');
    }
    expectWxError(await a.tmpl('POST', 'addtemplate', { tid: 5120, kidList: [1, 2], sceneDesc: '一'.repeat(16) }), 200021, 'invalid parameter sceneDesc');
    expectWxError(await a.tmpl('POST', 'addtemplate', { tid: 5120, kidList: [1, 2], sceneDesc: 12 }), 200021);
    expectWxError(await a.tmpl('POST', 'addtemplate', { tid: 5120, kidList: [1, 2], sceneDesc: 'a\u0001b' }), 200021);
    expect(await a.tmpl('POST', 'addtemplate', { tid: 5120, kidList: [1, 2], sceneDesc: '一'.repeat(15) })).toMatchObject({ errcode: 0 });
    // Bodies that are not JSON objects.
    expectWxError(await wxCall(herald, 'POST', `/wxaapi/newtmpl/addtemplate?access_token=${a.token}`, { body: '' }), 44002);
    expectWxError(await wxCall(herald, 'POST', `/wxaapi/newtmpl/addtemplate?access_token=${a.token}`, { body: '{"tid":' }), 47001);
    expectWxError(await wxCall(herald, 'POST', `/wxaapi/newtmpl/addtemplate?access_token=${a.token}`, { body: '[1,2]' }), 47001);
    expectWxError(await wxCall(herald, 'POST', `/wxaapi/newtmpl/addtemplate?access_token=${a.token}`, { body: '<xml/>' }), 47001);
    expectWxError(await wxCall(herald, 'POST', `/wxaapi/newtmpl/addtemplate?access_token=${a.token}`, { body: '{"tid":"5120","kidList":[1,2],"sceneDesc":"\\ud800"}' }), 40033);
    expectWxError(await wxCall(herald, 'POST', `/wxaapi/newtmpl/addtemplate?access_token=${a.token}`, { body: JSON.stringify({ tid: 5120, kidList: [1, 2], sceneDesc: 'x'.repeat(5000) }) }), 45002);
    // Delete.
    expectWxError(await a.tmpl('POST', 'deltemplate', { priTmplId: 'nope' }), 40037, 'invalid template_id hint: [data.priTmplId]');
    for (const priTmplId of [undefined, 5, '', 'x'.repeat(200), ['a']]) expectWxError(await a.tmpl('POST', 'deltemplate', { priTmplId }), 40037);
    expect(await a.tmpl('POST', 'deltemplate', { priTmplId: id })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await a.tmpl('GET', 'gettemplate')).data).toHaveLength(2);
    // Another account cannot delete it.
    const other = await ready();
    expectWxError(await other.tmpl('POST', 'deltemplate', { priTmplId: form.priTmplId }), 40037);
  });

  it('25 templates at most (200012)', async () => {
    const a = await ready();
    await Promise.all(Array.from({ length: 25 }, () => a.add(1021, [1, 2])));
    expectWxError(await a.tmpl('POST', 'addtemplate', { tid: 1021, kidList: [1, 2] }), 200012, 'private template count out of limit');
    expect((await a.tmpl('GET', 'gettemplate')).data).toHaveLength(25);
  });

  it('bizsend: 43101 without consent; a one-time consent is used by one message; the chat card and subscribe_msg_sent_event', async () => {
    const a = await ready();
    const id = await a.add(3541, [1, 2, 3]);
    const f = await addFollower(herald.database, a.account.id);
    const data = { character_string1: { value: 'SF1234567890123' }, phrase2: { value: '已签收' }, time3: { value: '2023-05-18 14:32' } };
    expectWxError(await a.send({ touser: f.openid, template_id: id, data }), 43101, 'user refuse to accept the msg');
    // Two consents: two messages, then 43101 again.
    expect((await a.consent(f.userId, [{ template_id: id, status: 'accept' }], 2)).status).toBe(200);
    expect((await a.consent(f.userId, [{ template_id: id, status: 'accept' }])).body).toMatchObject({ openid: f.openid, answers: [{ template_id: id, status: 'accept', long_term: false }] });
    const first = await a.send({ touser: f.openid, template_id: id, page: 'https://example.com/track?id=1', data });
    expect(first).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect(await a.send({ touser: f.openid, template_id: id, data })).toMatchObject({ errcode: 0 });
    expectWxError(await a.send({ touser: f.openid, template_id: id, data }), 43101);
    // The msgid is a bare 64-bit number in the JSON text, above 2^53.
    const raw = await herald.app.inject({ method: 'POST', url: `/cgi-bin/message/subscribe/bizsend?access_token=${a.token}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ touser: f.openid, template_id: id, data }) });
    expect(raw.body).toMatch(/"errcode":43101/);
    await a.consent(f.userId, [{ template_id: id, status: 'accept' }]);
    const raw2 = await herald.app.inject({ method: 'POST', url: `/cgi-bin/message/subscribe/bizsend?access_token=${a.token}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ touser: f.openid, template_id: id, data }) });
    const msgid = /"msgid":(\d+)/.exec(raw2.body)?.[1];
    expect(BigInt(msgid ?? '0') > 2n ** 53n).toBe(true);
    // The follower sees cards in the chat.
    const cards = await herald.services.db.select().from(conversationMessages).where(and(eq(conversationMessages.accountId, a.account.id), eq(conversationMessages.msgType, 'subscribe'))).orderBy(conversationMessages.id);
    expect(cards).toHaveLength(3);
    expect(cards[0].content).toMatchObject({ title: '快递签收通知', url: 'https://example.com/track?id=1', fields: [{ name: '快递单号', value: 'SF1234567890123' }, { name: '快递状态', value: '已签收' }, { name: '签收时间', value: '2023-05-18 14:32' }] });
    // The events: two popups (scene 2 then 1) and three sent events.
    const popups = await events(a.account.id, 'event:subscribe_msg_popup_event');
    expect(popups).toHaveLength(3);
    expect(popups[0].payloadXml).toContain(`<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[${id}]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>2</PopupScene></List></SubscribeMsgPopupEvent>`);
    expect(popups[0].payloadXml).toContain(`<FromUserName><![CDATA[${f.openid}]]></FromUserName>`);
    expect(popups[1].payloadXml).toContain('<PopupScene>1</PopupScene>');
    const sent = await events(a.account.id, 'event:subscribe_msg_sent_event');
    expect(sent).toHaveLength(3);
    expect(sent[2].payloadXml).toContain(`<SubscribeMsgSentEvent><List><TemplateId><![CDATA[${id}]]></TemplateId><MsgID>${msgid}</MsgID><ErrorCode>0</ErrorCode><ErrorStatus><![CDATA[success]]></ErrorStatus></List></SubscribeMsgSentEvent>`);
  });

  it('long-term templates keep their consent until the user turns them off (subscribe_msg_change_event); a refusal withdraws', async () => {
    const a = await ready();
    const longId = await a.add(7452, [1, 2, 4]);
    const onceId = await a.add(7451, [1, 2]);
    const f = await addFollower(herald.database, a.account.id);
    const answer = await a.consent(f.userId, [{ template_id: longId, status: 'accept' }, { template_id: onceId, status: 'reject' }]);
    expect(answer.body.answers).toEqual([{ template_id: longId, status: 'accept', long_term: true }, { template_id: onceId, status: 'reject', long_term: false }]);
    const popup = (await events(a.account.id, 'event:subscribe_msg_popup_event'))[0].payloadXml;
    expect(popup.match(/<List>/g)).toHaveLength(2);
    const data = { name1: { value: '张三' }, thing2: { value: '血常规' }, phrase4: { value: '已出具' } };
    for (let i = 0; i < 3; i++) expect(await a.send({ touser: f.openid, template_id: longId, data })).toMatchObject({ errcode: 0 });
    expectWxError(await a.send({ touser: f.openid, template_id: onceId, data: { name1: { value: '张三' }, thing2: { value: '内科' } } }), 43101);
    expect((await a.sim('GET', `/users/${f.userId}/subscriptions?account=${a.appid}`)).body).toEqual({ consents: [{ template_id: longId, remaining: 0, long_term: true, updated_at: expect.any(String) }] });
    expect((await a.sim('POST', `/users/${f.userId}/subscriptions/withdraw`, { account: a.appid, template_ids: [longId] })).body).toEqual({ openid: f.openid });
    const change = await events(a.account.id, 'event:subscribe_msg_change_event');
    expect(change[0].payloadXml).toContain(`<SubscribeMsgChangeEvent><List><TemplateId><![CDATA[${longId}]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString></List></SubscribeMsgChangeEvent>`);
    expectWxError(await a.send({ touser: f.openid, template_id: longId, data }), 43101);
  });

  it('a user who does not follow gets an openid by consenting and the notification in 服务通知', async () => {
    const a = await ready();
    const id = await a.add(6801, [1, 2]);
    const made = await a.sim('POST', '/users', { nickname: '路人' });
    const userId = String(made.body.id);
    const answer = await a.consent(userId, [{ template_id: id, status: 'accept' }]);
    const openid = String(answer.body.openid);
    expect(openid).toMatch(/^o/);
    expect(await a.send({ touser: openid, template_id: id, data: { car_number1: { value: '沪A12345' }, amount2: { value: '¥15.00' } } })).toMatchObject({ errcode: 0 });
    const chat = await herald.services.db.select().from(conversationMessages).where(eq(conversationMessages.accountId, a.account.id));
    expect(chat).toHaveLength(0);
    const got = await a.sim('GET', `/users/${userId}/notifications?place=service`);
    expect(got.body.notifications).toMatchObject([{ template_id: id, title: '停车缴费成功通知', place: 'service', fields: [{ name: '车牌号', value: '沪A12345' }, { name: '缴费金额', value: '¥15.00' }] }]);
    // Unknown openids and templates.
    expectWxError(await a.send({ touser: 'o_nobody', template_id: id, data: {} }), 40003);
  });

  it('bizsend refuses bad bodies and values with WeChat\'s codes', async () => {
    const a = await ready();
    const id = await a.add(5121, [1, 2, 4]);
    const f = await addFollower(herald.database, a.account.id);
    await a.consent(f.userId, [{ template_id: id, status: 'accept' }]);
    expectWxError(await a.send({ touser: f.openid, template_id: 'nope', data: {} }), 40037);
    expectWxError(await a.send({ touser: f.openid, template_id: id, data: { amount2: { value: '99' } } }), 47003, 'argument invalid! data.amount2.value invalid');
    expectWxError(await a.send({ touser: f.openid, template_id: id, data: { character_string1: { value: '订单一' } } }), 47003, 'argument invalid! data.character_string1.value invalid');
    expectWxError(await a.send({ touser: f.openid, template_id: id, data: { time4: { value: '明天' } } }), 47003, 'argument invalid! data.time4.value invalid');
    expectWxError(await a.send({ touser: f.openid, template_id: id, data: { time4: 'x' } }), 47003);
    expectWxError(await a.send({ touser: f.openid, template_id: id, page: 'javascript:alert(1)', data: {} }), 40066);
    expectWxError(await a.send({ touser: f.openid, template_id: id, miniprogram: { appid: 'bad', pagepath: 'p' }, data: {} }), 40166);
    expectWxError(await a.send({ touser: f.openid, template_id: id, miniprogram: { appid: 'wx0123456789abcdef', pagepath: 'p' }, data: {} }), 85005);
    expectWxError(await a.send({ touser: 5, template_id: id }), 40003);
    expectWxError(await a.send([1]), 47001);
    expectWxError(await a.send({ touser: f.openid, template_id: id, data: 'x' }), 47001);
    expectWxError(await a.send({ touser: f.openid, template_id: id, data: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, { value: 'v' }])) }), 47001);
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/message/subscribe/bizsend?access_token=${a.token}`, { body: '{"touser":"\\u0000"}' }), 40033);
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/message/subscribe/bizsend?access_token=${a.token}`, { body: 'x'.repeat(70_000) }), 45002);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/message/subscribe/bizsend?access_token=${a.token}`), 43002);
    // Nothing was used up by the refusals.
    const ok = await a.send({ touser: f.openid, template_id: id, data: { character_string1: { value: 'SO1' }, amount2: { value: '¥99.00' }, time4: { value: '2023-05-18 09:58' } } });
    expect(ok).toMatchObject({ errcode: 0 });
  });

  it('the legacy one-time subscribe: the page\'s consent, then message/template/subscribe once', async () => {
    const a = await ready();
    const f = await addFollower(herald.database, a.account.id);
    const body = { touser: f.openid, template_id: 'legacyTpl_1', url: 'https://example.com/', scene: 1000, title: '预约提醒', data: { content: { value: '您预约的服务明天上午开始', color: '#173177' } } };
    expectWxError(await a.call('POST', 'message/template/subscribe', body), 43101);
    const cancel = await a.sim('POST', `/users/${f.userId}/subscribemsg`, { account: a.appid, template_id: 'legacyTpl_1', scene: 1000, action: 'cancel', redirect_url: 'https://example.com/back?x=1', reserved: 'abc' });
    expect(cancel.body.location).toBe(`https://example.com/back?x=1&openid=${f.openid}&template_id=legacyTpl_1&action=cancel&scene=1000&reserved=abc`);
    expectWxError(await a.call('POST', 'message/template/subscribe', body), 43101);
    expect((await a.sim('POST', `/users/${f.userId}/subscribemsg`, { account: a.appid, template_id: 'legacyTpl_1', scene: 1000, action: 'confirm' })).body).toEqual({ openid: f.openid, location: null });
    expect(await a.call('POST', 'message/template/subscribe', body)).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await a.call('POST', 'message/template/subscribe', body), 43101);
    for (const [bad, code] of [[{ title: '' }, 40035], [{ title: '一'.repeat(16) }, 40035], [{ scene: 10_001 }, 40035], [{ scene: 'x' }, 40035], [{ data: {} }, 47003], [{ data: { content: { value: 'x'.repeat(201) } } }, 47003], [{ url: 'ftp://x' }, 40066]] as const) {
      expectWxError(await a.call('POST', 'message/template/subscribe', { ...body, ...bad }), code);
    }
  });

  it('the simulator\'s consent routes refuse malformed and hostile input', async () => {
    const a = await ready();
    const id = await a.add(1021, [1, 2]);
    const f = await addFollower(herald.database, a.account.id);
    const bad: Array<[string, unknown, number]> = [
      [`/users/${f.userId}/subscriptions`, { account: a.appid, answers: [] }, 400],
      [`/users/${f.userId}/subscriptions`, { account: a.appid, answers: [{ template_id: id, status: 'maybe' }] }, 400],
      [`/users/${f.userId}/subscriptions`, { account: a.appid, scene: 3, answers: [{ template_id: id, status: 'accept' }] }, 400],
      [`/users/${f.userId}/subscriptions`, { account: a.appid, answers: Array.from({ length: 6 }, (_, i) => ({ template_id: `${id}${i}`, status: 'accept' })) }, 400],
      [`/users/${f.userId}/subscriptions`, { account: a.appid, answers: [{ template_id: id, status: 'accept' }, { template_id: id, status: 'reject' }] }, 400],
      [`/users/${f.userId}/subscriptions`, { account: a.appid, answers: [{ template_id: 'x'.repeat(129), status: 'accept' }] }, 400],
      [`/users/${f.userId}/subscriptions`, { account: a.appid, answers: [{ template_id: '<script>', status: 'accept' }] }, 404],
      [`/users/${f.userId}/subscriptions`, { account: 'wx0000000000000000', answers: [{ template_id: id, status: 'accept' }] }, 404],
      ['/users/not-a-uuid/subscriptions', { account: a.appid, answers: [{ template_id: id, status: 'accept' }] }, 404],
      ['/users/00000000-0000-0000-0000-000000000000/subscriptions', { account: a.appid, answers: [{ template_id: id, status: 'accept' }] }, 404],
      [`/users/${f.userId}/subscriptions/withdraw`, { account: a.appid, template_ids: [] }, 400],
      [`/users/${f.userId}/subscribemsg`, { account: a.appid, template_id: 't', scene: -1, action: 'confirm' }, 400],
      [`/users/${f.userId}/subscribemsg`, { account: a.appid, template_id: 't', scene: 1, action: 'yes' }, 400],
      [`/users/${f.userId}/subscribemsg`, { account: a.appid, template_id: 't', scene: 1, action: 'confirm', extra: 1 }, 400],
    ];
    for (const [url, body, status] of bad) {
      const r = await a.sim('POST', url, body);
      expect(r.status, `${url} ${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(r.body)}`).toBe(status);
    }
    const notJson = await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${f.userId}/subscriptions`, payload: '{"account":', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
    expect((await a.sim('GET', `/users/${f.userId}/notifications?limit=0`)).status).toBe(400);
    expect((await a.sim('GET', `/users/${f.userId}/notifications?place=x`)).status).toBe(400);
    expect((await a.sim('GET', `/users/${f.userId}/subscriptions`)).status).toBe(400);
    // Nothing was recorded by the refusals.
    expect((await a.sim('GET', `/users/${f.userId}/subscriptions?account=${a.appid}`)).body).toEqual({ consents: [] });
  });
});
