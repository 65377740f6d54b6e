/**
 * The phone side of template messages: the card in the follower's chat, and the follower's 接收消息
 * switch (off: the developer's send ends `failed:user block`). Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { asDeveloper, phoneUser } from '../../../test/phoneFixtures.js';
import { findFollow } from '../followers/store/followers.js';
import { templateMessages } from './schema.js';

describeEachDb('phone API: template messages', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function setup() {
    const shop = await makeAccount(h.services, { type: 'service', verified: true, name: 'Template Shop' });
    const buyer = await phoneUser(h.app, 'Buyer');
    expect((await buyer.client.post(`/accounts/${shop.appid}/follow`)).status).toBe(200);
    const dev = await asDeveloper(h, shop.appid, shop.secret);
    expect(await dev.post('/cgi-bin/template/api_set_industry', { industry_id1: 1, industry_id2: 13 })).toMatchObject({ errcode: 0 });
    const templateId = String((await dev.post('/cgi-bin/template/api_add_template', { template_id_short: '42984' })).template_id);
    const openid = (await findFollow(h.services.db, shop.account.id, buyer.user.id))!.openid;
    const send = () =>
      dev.post('/cgi-bin/message/template/send', {
        touser: openid,
        template_id: templateId,
        url: 'https://shop.example.com/orders/SO1',
        data: { character_string1: { value: 'SO1' }, amount2: { value: '¥99.00', color: '#173177' }, time3: { value: '2023-05-18 14:30' }, thing4: { value: '夏季纯棉T恤' } },
      });
    return { shop, buyer, dev, openid, templateId, send };
  }

  it('the card arrives in the chat with the template\'s title, named fields and url', async () => {
    const { shop, buyer, send, templateId } = await setup();
    expect(await send()).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const { json } = await buyer.client.get(`/accounts/${shop.appid}/messages`);
    const card = (json.messages as Array<Record<string, any>>).find((m) => m.msg_type === 'template');
    expect(card).toMatchObject({
      direction: 'out',
      source: 'template',
      placement: 'chats',
      notify: true,
      content: {
        template_id: templateId,
        title: '支付成功通知',
        url: 'https://shop.example.com/orders/SO1',
        fields: [
          { key: 'character_string1', name: '订单号', value: 'SO1', color: null },
          { key: 'amount2', name: '支付金额', value: '¥99.00', color: '#173177' },
          { key: 'time3', name: '支付时间', value: '2023-05-18 14:30', color: null },
          { key: 'thing4', name: '商品名称', value: '夏季纯棉T恤', color: null },
        ],
      },
    });
  });

  it('接收消息 off: the send succeeds, nothing arrives, the status is failed:user block; on again: it arrives', async () => {
    const { shop, buyer, send } = await setup();
    const path = `/accounts/${shop.appid}/template-notifications`;
    expect((await buyer.client.get(path)).json).toEqual({ setting: { receive: true } });
    const off = await buyer.client.request('POST', path, { receive: false });
    expect(off.status, off.body).toBe(200);
    expect(off.json).toEqual({ setting: { receive: false } });
    expect((await buyer.client.get(path)).json).toEqual({ setting: { receive: false } });
    expect(await send()).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const messages = async () => ((await buyer.client.get(`/accounts/${shop.appid}/messages`)).json.messages as Array<{ msg_type: string }>).filter((m) => m.msg_type === 'template');
    expect(await messages()).toHaveLength(0);
    const rows = await h.services.db.select().from(templateMessages).where(eq(templateMessages.accountId, shop.account.id));
    expect(rows.map((r) => r.status)).toEqual(['failed:user block']);
    expect((await buyer.client.request('POST', path, { receive: true })).json).toEqual({ setting: { receive: true } });
    await send();
    expect(await messages()).toHaveLength(1);
    expect(await h.services.db.select().from(templateMessages).where(and(eq(templateMessages.accountId, shop.account.id), eq(templateMessages.status, 'success')))).toHaveLength(1);
  });

  it('only a follower may change it; unknown accounts are 404; hostile bodies are 4xx', async () => {
    const { shop, buyer } = await setup();
    const stranger = await phoneUser(h.app, 'Stranger');
    const path = `/accounts/${shop.appid}/template-notifications`;
    const refused = await stranger.client.request('POST', path, { receive: false });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('followers_only');
    expect((await buyer.client.get('/accounts/wxnosuchaccount000/template-notifications')).status).toBe(404);
    expect((await buyer.client.get('/accounts/..%2F..%2Fetc/template-notifications')).status).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/phone/api${path}` })).statusCode).toBe(401);
    for (const payload of ['', '{', 'null', '[]', '"x"', '{"receive":"false"}', '{"receive":0}', '{"receive":false,"extra":1}', '{"__proto__":{"receive":false}}', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`, JSON.stringify({ receive: false, pad: 'x'.repeat(200_000) })]) {
      const r = await buyer.client.request('POST', path, payload, { 'content-type': 'application/json' });
      expect(r.status, `${payload.slice(0, 40)}: ${r.body.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, payload.slice(0, 40)).toBeLessThan(500);
    }
    expect((await buyer.client.get(path)).json).toEqual({ setting: { receive: true } });
  });
});
