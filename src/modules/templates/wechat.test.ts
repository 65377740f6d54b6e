/**
 * Template messages through the WeChat API (raw HTTP): industries on the Herald clock, the
 * library and the 25-template cap, message/template/send's errcodes, typed values, dedup, the
 * 64-bit msgid, blocks, and TEMPLATESENDJOBFINISH in the callback outbox. Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { accountWithToken, expectWxError, fetchToken, wxCall, type WxBody } from '../../../test/wxClient.js';
import { addFollower } from '../../../test/factories/audience.js';
import { deliveries } from '../callbacks/schema.js';
import { conversationMessages } from '../messaging/schema.js';
import { blacklist } from '../followers/schema.js';
import { templateMessages } from './schema.js';
import { setBlocked } from './store.js';
import { INDUSTRIES } from './rules/industries.js';

describeEachDb('template message APIs', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  /** A verified service account with industries 1 (e-commerce) and 13 (express delivery). */
  async function ready(opts: { industries?: boolean } = {}) {
    const a = await accountWithToken(herald);
    if (opts.industries !== false) expect(await a.call('POST', 'template/api_set_industry', { industry_id1: '1', industry_id2: 13 })).toEqual({ errcode: 0, errmsg: expect.stringMatching(/^ok/) });
    const add = async (short: string, extra: object = {}) => {
      const r = await a.call('POST', 'template/api_add_template', { template_id_short: short, ...extra });
      expect(r, JSON.stringify(r)).toMatchObject({ errcode: 0, errmsg: 'ok', template_id: expect.stringMatching(/^[\w-]{43}$/) });
      return String(r.template_id);
    };
    const send = (body: unknown) => a.call('POST', 'message/template/send', body);
    return { ...a, add, send };
  }

  const rawSend = async (token: string, body: unknown) =>
    herald.app.inject({ method: 'POST', url: `/cgi-bin/message/template/send?access_token=${token}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('only verified service accounts: 48001 for the others on every template path', async () => {
    for (const opts of [{ type: 'subscription' as const, verified: true }, { type: 'service' as const, verified: false }, { type: 'subscription' as const, verified: false }]) {
      const a = await accountWithToken(herald, opts);
      expectWxError(await a.call('GET', 'template/get_industry'), 48001, 'api unauthorized');
      expectWxError(await a.call('POST', 'template/api_set_industry', { industry_id1: 1, industry_id2: 2 }), 48001);
      expectWxError(await a.call('POST', 'template/api_add_template', { template_id_short: 'TM00015' }), 48001);
      expectWxError(await a.call('GET', 'template/get_all_private_template'), 48001);
      expectWxError(await a.call('POST', 'template/del_private_template', { template_id: 'x' }), 48001);
      expectWxError(await a.call('POST', 'message/template/send', { touser: 'o', template_id: 'x', data: {} }), 48001);
    }
  });

  it('industries: the Chinese names of all 41; once a China calendar month on the Herald clock (43100)', async () => {
    expect(INDUSTRIES).toHaveLength(41);
    const a = await accountWithToken(herald);
    expect(await a.call('GET', 'template/get_industry')).toEqual({ primary_industry: { first_class: '', second_class: '' }, secondary_industry: { first_class: '', second_class: '' } });
    expect(await a.call('POST', 'template/api_set_industry', { industry_id1: '1', industry_id2: '41' })).toMatchObject({ errcode: 0 });
    expect(await a.call('GET', 'template/get_industry')).toEqual({
      primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
      secondary_industry: { first_class: '其他', second_class: '其他' },
    });
    // Setting the same pair again is not a change.
    expect(await a.call('POST', 'template/api_set_industry', { industry_id1: 1, industry_id2: 41 })).toMatchObject({ errcode: 0 });
    expectWxError(await a.call('POST', 'template/api_set_industry', { industry_id1: 10, industry_id2: 13 }), 43100, 'change template too frequently');
    for (const bad of [{ industry_id1: 0, industry_id2: 2 }, { industry_id1: 42, industry_id2: 2 }, { industry_id1: 'x', industry_id2: 2 }, { industry_id1: 3, industry_id2: 3 }, { industry_id1: 3 }, { industry_id1: 1.5, industry_id2: 2 }, { industry_id1: [1], industry_id2: { id: 2 } }]) {
      expectWxError(await a.call('POST', 'template/api_set_industry', bad), 40035, /^invalid args hint: \[data\.industry_id[12]\]$/);
    }
    // The next China calendar month allows one change.
    herald.services.clock.advance(32 * 86_400_000);
    const token = await fetchToken(herald, a.appid, a.secret);
    const call = (method: 'GET' | 'POST', api: string, body?: unknown) => wxCall(herald, method, `/cgi-bin/${api}?access_token=${token}`, { body });
    expect(await call('POST', 'template/api_set_industry', { industry_id1: 10, industry_id2: '13' })).toMatchObject({ errcode: 0 });
    expect((await call('GET', 'template/get_industry')).primary_industry).toEqual({ first_class: '餐饮', second_class: '餐饮' });
    expectWxError(await call('POST', 'template/api_set_industry', { industry_id1: 11, industry_id2: 13 }), 43100);
  });

  it('library templates: historical and category, industry conflicts (45027), 25 at most (45026), delete', async () => {
    const bare = await ready({ industries: false });
    expectWxError(await bare.call('POST', 'template/api_add_template', { template_id_short: 'TM00015' }), 45027, 'template conflict with industry');
    const a = await ready();
    expectWxError(await a.call('POST', 'template/api_add_template', { template_id_short: 'TM99999' }), 40037, 'invalid template_id hint: [data.template_id_short]');
    // Medical templates belong to an industry the account did not choose.
    expectWxError(await a.call('POST', 'template/api_add_template', { template_id_short: '45732' }), 45027);
    const tm = await a.add('TM00015');
    const cat = await a.add('43216', { keyword_name_list: ['商品名称', '快递单号', '发货时间'] });
    expectWxError(await a.call('POST', 'template/api_add_template', { template_id_short: '43216', keyword_name_list: ['没有这个'] }), 40035);
    const list = (await a.call('GET', 'template/get_all_private_template')).template_list as WxBody[];
    expect(list).toEqual([
      {
        template_id: tm,
        title: '订单支付成功',
        primary_industry: 'IT科技',
        deputy_industry: '互联网|电子商务',
        content: '{{first.DATA}}\n支付金额：{{orderMoneySum.DATA}}\n商品信息：{{orderProductName.DATA}}\n{{remark.DATA}}',
        example: '您好，您有一条新的通知\n支付金额：30元\n商品信息：我是商品名字\n感谢您的使用。',
      },
      {
        template_id: cat,
        title: '订单发货通知',
        primary_industry: 'IT科技',
        deputy_industry: '互联网|电子商务',
        content: '商品名称:{{thing1.DATA}}\n快递单号:{{character_string4.DATA}}\n发货时间:{{time5.DATA}}',
        example: '商品名称:夏季纯棉T恤\n快递单号:SF1234567890\n发货时间:2023-05-18 16:00',
      },
    ]);
    // 25 at most, counted under concurrency.
    await Promise.all(Array.from({ length: 23 }, () => a.add('41987')));
    const over = await Promise.all(Array.from({ length: 3 }, () => a.call('POST', 'template/api_add_template', { template_id_short: '41987' })));
    for (const r of over) expectWxError(r, 45026, 'template size out of limit');
    expect(((await a.call('GET', 'template/get_all_private_template')).template_list as WxBody[]).length).toBe(25);
    expect(await a.call('POST', 'template/del_private_template', { template_id: tm })).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await a.call('POST', 'template/del_private_template', { template_id: tm }), 40037);
    expectWxError(await a.call('POST', 'template/del_private_template', { template_id: 42 }), 40037);
    // Another account cannot delete this one's templates.
    const other = await ready();
    expectWxError(await other.call('POST', 'template/del_private_template', { template_id: cat }), 40037);
    await a.add('OPENTM207940503');
  });

  it('send: the card in the chat (first/remark dropped), a raw 64-bit msgid, TEMPLATESENDJOBFINISH queued', async () => {
    const a = await ready();
    const tm = await a.add('TM00015');
    const f = await addFollower(herald.database, a.account.id);
    const res = await rawSend(a.token, {
      touser: f.openid,
      template_id: tm,
      url: 'https://shop.example.com/orders/1',
      topcolor: '#FF0000',
      data: { first: { value: '您好，您已支付成功' }, orderMoneySum: { value: '30元', color: '#173177' }, orderProductName: { value: '纯棉T恤' }, remark: { value: '欢迎再次购买' }, extra: { value: 'ignored' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; encoding=utf-8');
    const m = /^\{"errcode":0,"errmsg":"ok","msgid":(\d+)\}$/.exec(res.body);
    expect(m, res.body).not.toBeNull();
    const msgid = BigInt(m![1]);
    expect(msgid > 2n ** 53n).toBe(true);
    const [row] = await herald.services.db.select().from(templateMessages).where(eq(templateMessages.msgid, msgid));
    expect(row).toMatchObject({ openid: f.openid, status: 'success', url: 'https://shop.example.com/orders/1', title: '订单支付成功' });
    const [shown] = await herald.services.db.select().from(conversationMessages).where(and(eq(conversationMessages.accountId, a.account.id), eq(conversationMessages.msgId, msgid.toString())));
    expect(shown).toMatchObject({ direction: 'out', source: 'template', msgType: 'template', placement: 'chats', notify: true });
    expect(shown.content).toEqual({
      template_id: tm,
      title: '订单支付成功',
      fields: [
        { key: 'orderMoneySum', name: '支付金额', value: '30元', color: '#173177' },
        { key: 'orderProductName', name: '商品信息', value: '纯棉T恤', color: null },
      ],
      url: 'https://shop.example.com/orders/1',
      miniprogram: null,
    });
    // No developer server: the finish event is recorded as skipped, with WeChat's fields.
    const [finish] = await herald.services.db.select().from(deliveries).where(and(eq(deliveries.accountId, a.account.id), eq(deliveries.label, 'event:TEMPLATESENDJOBFINISH')));
    expect(finish.status).toBe('skipped');
    for (const part of [`<ToUserName><![CDATA[${a.account.originalId}]]></ToUserName>`, `<FromUserName><![CDATA[${f.openid}]]></FromUserName>`, '<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>', `<MsgID>${msgid}</MsgID>`, '<Status><![CDATA[success]]></Status>']) {
      expect(finish.payloadXml).toContain(part);
    }
    // msgids keep growing.
    const next = await a.send({ touser: f.openid, template_id: tm, data: {} });
    expect(JSON.stringify(next)).toMatch(/"msgid":\d+/);
  });

  it('errcodes: 40003, 43004, 40037, 47001, 40066, 40166, 85005, 40165, 40035', async () => {
    const a = await ready();
    const tm = await a.add('TM00015');
    const f = await addFollower(herald.database, a.account.id);
    const gone = await addFollower(herald.database, a.account.id, { subscribed: false });
    const other = await ready();
    const stranger = await addFollower(herald.database, other.account.id);
    expectWxError(await a.send({ touser: 'oNoSuchUser', template_id: tm, data: {} }), 40003, 'invalid openid hint: [data.touser]');
    expectWxError(await a.send({ touser: stranger.openid, template_id: tm, data: {} }), 40003);
    expectWxError(await a.send({ template_id: tm, data: {} }), 40003);
    expectWxError(await a.send({ touser: gone.openid, template_id: tm, data: {} }), 43004, 'require subscribe');
    expectWxError(await a.send({ touser: f.openid, template_id: 'nope', data: {} }), 40037, 'invalid template_id');
    expectWxError(await a.send({ touser: f.openid, data: {} }), 40037);
    // Another account's template is not this one's.
    expectWxError(await a.send({ touser: f.openid, template_id: await other.add('TM00015'), data: {} }), 40037);
    expectWxError(await a.send({ touser: f.openid, template_id: tm, data: [] }), 47001);
    expectWxError(await a.send({ touser: f.openid, template_id: tm, url: 'javascript:alert(1)', data: {} }), 40066);
    expectWxError(await a.send({ touser: f.openid, template_id: tm, url: 42, data: {} }), 40066);
    expectWxError(await a.send({ touser: f.openid, template_id: tm, url: 'https://x.example', miniprogram: { appid: 'gh_123456789012', pagepath: 'pages/index' }, data: {} }), 40166, 'invalid weapp appid hint: [data.miniprogram.appid]');
    expectWxError(await a.send({ touser: f.openid, template_id: tm, miniprogram: 'wx1234567890abcdef', data: {} }), 40166);
    // The mini program wins over url, and it is not linked to the account: 85005.
    expectWxError(await a.send({ touser: f.openid, template_id: tm, url: 'https://x.example', miniprogram: { appid: 'wx1234567890abcdef', pagepath: 'pages/index' }, data: {} }), 85005, 'appid not bind weapp hint: [data.miniprogram.appid]');
    expectWxError(await a.send({ touser: f.openid, template_id: tm, miniprogram: { appid: 'wx1234567890abcdef', pagepath: ['x'] }, data: {} }), 40165, 'invalid weapp pagepath hint: [data.miniprogram.pagepath]');
    expectWxError(await a.send({ touser: f.openid, template_id: tm, client_msg_id: 'x'.repeat(65), data: {} }), 40035);
    expectWxError(await a.send({ touser: f.openid, template_id: tm, client_msg_id: 7, data: {} }), 40035);
    // Nothing above was recorded as sent.
    expect(await herald.services.db.select().from(templateMessages).where(eq(templateMessages.accountId, a.account.id))).toHaveLength(0);
  });

  it('typed values of category templates: 47003 with data.<key>.value in errmsg; valid values pass', async () => {
    const a = await ready();
    const pay = await a.add('42984'); // character_string1 amount2 time3 thing4
    const ship = await a.add('41987'); // character_string1 thing2 time3 phrase4
    const f = await addFollower(herald.database, a.account.id);
    const ok = { character_string1: { value: 'SO20230518001' }, amount2: { value: '¥99.00' }, time3: { value: '2023-05-18 14:30' }, thing4: { value: '夏季纯棉T恤' } };
    expect(await a.send({ touser: f.openid, template_id: pay, data: ok })).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const bad: Array<[string, string, unknown]> = [
      ['character_string1', 'character_string1', '订单号一'],
      ['character_string1', 'character_string1', 'x'.repeat(33)],
      ['amount2', 'amount2', '99.00'],
      ['amount2', 'amount2', '¥12345678901'],
      ['time3', 'time3', '明天下午'],
      ['time3', 'time3', '25:00'],
      ['thing4', 'thing4', '一'.repeat(21)],
      ['thing4', 'thing4', ''],
      ['thing4', 'thing4', { nested: true }],
      ['thing4', 'thing4', null],
      ['thing4', 'thing4', true],
    ];
    for (const [key, named, value] of bad) {
      const body = await a.send({ touser: f.openid, template_id: pay, data: { ...ok, [key]: { value } } });
      expectWxError(body, 47003, `argument invalid! data.${named}.value invalid`);
    }
    // A value given as a bare string is not {value}.
    expectWxError(await a.send({ touser: f.openid, template_id: pay, data: { ...ok, thing4: '夏季' } }), 47003, 'argument invalid! data.thing4.value invalid');
    // Numbers are taken as their text; time ranges and dates with Chinese units are times.
    expect(await a.send({ touser: f.openid, template_id: ship, data: { character_string1: { value: 12345 }, thing2: { value: '上海' }, time3: { value: '2023年5月18日 10:12 ~ 2023年5月18日 11:00' }, phrase4: { value: '已签收' } } })).toMatchObject({ errcode: 0 });
    expectWxError(await a.send({ touser: f.openid, template_id: ship, data: { phrase4: { value: '已经签收了啊' } } }), 47003, 'argument invalid! data.phrase4.value invalid');
    expectWxError(await a.send({ touser: f.openid, template_id: ship, data: { phrase4: { value: 'done' } } }), 47003, 'argument invalid! data.phrase4.value invalid');
    // first and remark are accepted and dropped.
    expect(await a.send({ touser: f.openid, template_id: pay, data: { ...ok, first: { value: '很长很长的开头'.repeat(10) }, remark: { value: 'r' } } })).toMatchObject({ errcode: 0 });
  });

  it('client_msg_id: the same openid and id send once within 10 minutes of the Herald clock', async () => {
    const a = await ready();
    const tm = await a.add('TM00015');
    const [f, g] = [await addFollower(herald.database, a.account.id), await addFollower(herald.database, a.account.id)];
    const body = (touser: string) => ({ touser, template_id: tm, client_msg_id: 'order-1', data: { orderMoneySum: { value: '1元' } } });
    const first = await rawSend(a.token, body(f.openid));
    const raced = await Promise.all(Array.from({ length: 5 }, () => rawSend(a.token, body(f.openid))));
    const firstId = /"msgid":(\d+)/.exec(first.body)![1];
    for (const r of raced) expect(r.body).toContain(`"msgid":${firstId}`);
    // Another follower with the same id is another message.
    expect((await rawSend(a.token, body(g.openid))).body).not.toContain(`"msgid":${firstId}`);
    herald.services.clock.advance(9 * 60_000);
    expect((await rawSend(a.token, body(f.openid))).body).toContain(`"msgid":${firstId}`);
    herald.services.clock.advance(2 * 60_000);
    expect((await rawSend(a.token, body(f.openid))).body).not.toContain(`"msgid":${firstId}`);
    const rows = await herald.services.db.select().from(templateMessages).where(and(eq(templateMessages.accountId, a.account.id), eq(templateMessages.openid, f.openid)));
    expect(rows).toHaveLength(2);
    const shown = await herald.services.db.select().from(conversationMessages).where(and(eq(conversationMessages.openid, f.openid), eq(conversationMessages.source, 'template')));
    expect(shown).toHaveLength(2);
  });

  it('a follower who turned notifications off: failed:user block; blacklisted: failed: system failed', async () => {
    const a = await ready();
    const tm = await a.add('TM00015');
    const [f, g] = [await addFollower(herald.database, a.account.id), await addFollower(herald.database, a.account.id)];
    await setBlocked(herald.services.db, a.account.id, f.userId, true, new Date());
    await herald.services.db.insert(blacklist).values({ accountId: a.account.id, openid: g.openid, createdAt: new Date() });
    expect(await a.send({ touser: f.openid, template_id: tm, data: {} })).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(await a.send({ touser: g.openid, template_id: tm, data: {} })).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const rows = await herald.services.db.select().from(templateMessages).where(eq(templateMessages.accountId, a.account.id));
    expect(Object.fromEntries(rows.map((r) => [r.openid, r.status]))).toEqual({ [f.openid]: 'failed:user block', [g.openid]: 'failed: system failed' });
    expect(await herald.services.db.select().from(conversationMessages).where(and(eq(conversationMessages.accountId, a.account.id), eq(conversationMessages.source, 'template')))).toHaveLength(0);
    const finishes = await herald.services.db.select().from(deliveries).where(and(eq(deliveries.accountId, a.account.id), eq(deliveries.label, 'event:TEMPLATESENDJOBFINISH')));
    expect(finishes.map((d) => /<Status><!\[CDATA\[(.*)\]\]><\/Status>/.exec(d.payloadXml)?.[1]).sort()).toEqual(['failed: system failed', 'failed:user block']);
    // Turned back on, the card arrives.
    await setBlocked(herald.services.db, a.account.id, f.userId, false, new Date());
    await a.send({ touser: f.openid, template_id: tm, data: {} });
    expect(await herald.services.db.select().from(conversationMessages).where(and(eq(conversationMessages.openid, f.openid), eq(conversationMessages.source, 'template')))).toHaveLength(1);
  });

  it('hostile input on every route: WeChat errcodes, never a system error', async () => {
    const a = await ready();
    const tm = await a.add('TM00015');
    const f = await addFollower(herald.database, a.account.id);
    const post = (api: string, payload: string | Buffer) =>
      wxCall(herald, 'POST', `/cgi-bin/${api}?access_token=${a.token}`, { body: payload, headers: { 'content-type': 'application/json' } });
    const hostile: string[] = [
      '', '{', 'null', '[]', '"x"', '42', '{"a":1} x',
      `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
      '{"__proto__":{"touser":"x"},"constructor":{"prototype":{"x":1}}}',
      '{"touser":"\\ud800","template_id":"\\udfff"}',
      '{"touser":"a\\u0000b"}',
      JSON.stringify({ touser: f.openid, template_id: tm, data: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, { value: 'v' }])) }),
      JSON.stringify({ touser: f.openid, template_id: tm, data: { orderMoneySum: { value: 'x'.repeat(70_000) } } }),
      JSON.stringify({ touser: { $ne: '' }, template_id: ['x'], data: 'x', url: {}, miniprogram: [], client_msg_id: {} }),
      JSON.stringify({ touser: f.openid, template_id: tm, data: { ['k'.repeat(100)]: { value: 'v' } } }),
      JSON.stringify({ industry_id1: 1e999, industry_id2: -1, template_id_short: { a: 1 }, keyword_name_list: 'x', template_id: null }),
      JSON.stringify({ template_id_short: '43216', keyword_name_list: Array.from({ length: 1000 }, () => '商品名称') }),
    ];
    for (const api of ['message/template/send', 'template/api_set_industry', 'template/api_add_template', 'template/del_private_template']) {
      for (const payload of hostile) {
        const body = await post(api, payload);
        // Never a system error; every body that is not a valid request is refused.
        expect(body.errcode, `${api} ${payload.slice(0, 60)}: ${JSON.stringify(body)}`).toBeTypeOf('number');
        expect(body.errcode, `${api} ${payload.slice(0, 60)}: ${JSON.stringify(body)}`).not.toBe(-1);
        if (api === 'message/template/send' || !payload.includes(tm)) expect(body.errcode, `${api} ${payload.slice(0, 60)}: ${JSON.stringify(body)}`).toBeGreaterThan(0);
      }
      const raw = await post(api, Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28]));
      expect(raw.errcode).toBeGreaterThan(0);
    }
    // GET routes ignore bodies and query noise.
    expect(await wxCall(herald, 'GET', `/cgi-bin/template/get_industry?access_token=${a.token}&x=%00&y[]=1`)).toHaveProperty('primary_industry');
    expect(await wxCall(herald, 'GET', `/cgi-bin/template/get_all_private_template?access_token=${a.token}&__proto__=1`)).toHaveProperty('template_list');
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/message/template/send?access_token=${a.token}`), 43002, 'require POST method');
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/template/get_industry?access_token=${a.token}`), 43001, 'require GET method');
  });
});
