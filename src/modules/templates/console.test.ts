/**
 * 模板消息 in the console: industries (once a month), adding from the library, deleting, the
 * sent messages with their status, the account types that have none, roles, hostile bodies.
 * Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';
import { addFollower } from '../../../test/factories/audience.js';
import { asDeveloper } from '../../../test/phoneFixtures.js';

describeEachDb('console: 模板消息', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function setup() {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${acc.appid}`;
    return { op, client, acc, base };
  }

  it('industries, library, my templates, delete; refusals carry their errcode', async () => {
    const { client, base } = await setup();
    const first = await client.get(`${base}/templates`);
    const library = first.json.library as Array<{ fits: boolean }>;
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ allowed: true, max_templates: 25, industries: null, templates: [] });
    expect(first.json.all_industries).toHaveLength(41);
    expect(library.every((l) => !l.fits)).toBe(true);
    const refused = await client.post(`${base}/templates`, { template_id_short: 'TM00015' });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'template_refused', details: { errcode: 45027 } });

    const set = await client.put(`${base}/templates/industry`, { industry_id1: 1, industry_id2: 13 });
    expect(set.status, set.body).toBe(200);
    expect(set.json.industries).toMatchObject({ primary: { id: 1, first_class: 'IT科技', second_class: '互联网|电子商务' }, secondary: { id: 13, first_class: '运输与仓储', second_class: '快递' }, next_change_at: expect.any(String) });
    const again = await client.put(`${base}/templates/industry`, { industry_id1: 10, industry_id2: 13 });
    expect(again.status).toBe(409);
    expect(again.json.error?.details).toEqual({ errcode: 43100 });

    const added = await client.post(`${base}/templates`, { template_id_short: '43216' });
    expect(added.status, added.body).toBe(201);
    const view = (await client.get(`${base}/templates`)).json;
    expect(view.templates).toEqual([{ template_id: added.json.template_id, template_id_short: '43216', kind: 'category', title: '订单发货通知', industry: { id: 1, first_class: 'IT科技', second_class: '互联网|电子商务' }, content: expect.stringContaining('{{thing1.DATA}}'), created_at: expect.any(String) }]);
    expect((view.library as Array<{ template_id_short: string }>).find((l) => l.template_id_short === '43216')).toMatchObject({ fits: true, keywords: ['商品名称', '订单编号', '快递公司', '快递单号', '发货时间'] });
    expect((await client.request('DELETE', `${base}/templates/${added.json.template_id}`)).json).toEqual({ deleted: true });
    expect((await client.request('DELETE', `${base}/templates/${added.json.template_id}`)).status).toBe(404);
    expect((await client.request('DELETE', `${base}/templates/${'x'.repeat(300)}`)).status).toBe(404);
  });

  it('sent messages with their status, newest first, paged by msgid', async () => {
    const { client, acc, base } = await setup();
    await client.put(`${base}/templates/industry`, { industry_id1: 1, industry_id2: 13 });
    const templateId = (await client.post(`${base}/templates`, { template_id_short: 'TM00015' })).json.template_id as string;
    const dev = await asDeveloper(h, acc.appid, acc.secret);
    const followers = [await addFollower(h.database, acc.account.id), await addFollower(h.database, acc.account.id), await addFollower(h.database, acc.account.id)];
    for (const f of followers) expect(await dev.post('/cgi-bin/message/template/send', { touser: f.openid, template_id: templateId, data: { orderMoneySum: { value: '9元' } } })).toMatchObject({ errcode: 0 });
    const page = (await client.get(`${base}/template-messages?limit=2`)).json as { messages: Array<{ msgid: string; openid: string }>; next_before: string };
    expect(page.messages).toHaveLength(2);
    expect(page.messages[0]).toMatchObject({ openid: followers[2].openid, title: '订单支付成功', status: 'success', fields: [{ name: '支付金额', value: '9元' }, { name: '商品信息', value: '' }] });
    expect(BigInt(page.messages[0].msgid) > 2n ** 53n).toBe(true);
    const rest = (await client.get(`${base}/template-messages?limit=2&before=${page.next_before}`)).json as { messages: Array<{ openid: string }>; next_before: string | null };
    expect(rest.messages.map((m) => m.openid)).toEqual([followers[0].openid]);
    expect(rest.next_before).toBeNull();
    for (const q of ['limit=0', 'limit=x', 'before=-1', 'before=abc', `before=${'9'.repeat(30)}`]) expect((await client.get(`${base}/template-messages?${q}`)).status, q).toBe(400);
  });

  it('accounts without template messages: the page says so, writes are refused (403)', async () => {
    const { op, client } = await setup();
    const sub = await makeAccount(h.services, { orgId: op.orgId, type: 'subscription', verified: true });
    const base = `/console/api/accounts/${sub.appid}`;
    expect((await client.get(`${base}/templates`)).json).toMatchObject({ allowed: false });
    const r = await client.put(`${base}/templates/industry`, { industry_id1: 1, industry_id2: 2 });
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe('templates_unavailable');
  });

  it('an agent reads but cannot change; hostile bodies are 4xx', async () => {
    const { client, base, op } = await setup();
    const agent = await signedInOperator(h.app, h.services, { orgId: op.orgId, role: 'agent' });
    expect((await agent.client.get(`${base}/templates`)).status).toBe(200);
    expect((await agent.client.put(`${base}/templates/industry`, { industry_id1: 1, industry_id2: 2 })).status).toBe(403);
    await expectHostileBodiesRefused(client, 'PUT', `${base}/templates/industry`);
    await expectHostileBodiesRefused(client, 'POST', `${base}/templates`);
    for (const body of [{ industry_id1: '1', industry_id2: 2 }, { industry_id1: 1, industry_id2: 99 }, { industry_id1: 1, industry_id2: 2, extra: 1 }]) {
      expect((await client.put(`${base}/templates/industry`, body)).status).toBe(400);
    }
    expect((await client.post(`${base}/templates`, { template_id_short: 'x'.repeat(40) })).status).toBe(400);
    expect((await client.post(`${base}/templates`, { template_id_short: 'NOPE' })).status).toBe(404);
  });
});
