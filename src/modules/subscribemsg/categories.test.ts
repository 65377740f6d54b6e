/**
 * 服务类目: the account's service categories decide the public subscribe templates it may use.
 * getcategory answers them, getpubtemplatetitles lists only their templates, addtemplate refuses
 * the others; the console sets them (up to 5, 5 changes a month) and refuses hostile bodies.
 * Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';
import { expectWxError, fetchToken, wxCall } from '../../../test/wxClient.js';
import { SUBSCRIBE_CATEGORIES } from './rules/library.js';

describeEachDb('subscribe notifications: the account’s service categories', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function setup() {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    const token = await fetchToken(h, acc.appid, acc.secret);
    const api = (method: 'GET' | 'POST', path: string, body?: unknown) => wxCall(h, method, `/wxaapi/newtmpl/${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`, { body });
    const put = (ids: unknown) => client.request('PUT', `/console/api/accounts/${acc.appid}/subscribe-categories`, { category_ids: ids });
    return { ...acc, op, client, api, put };
  }

  it('never chosen: every category; chosen: getcategory, the titles and addtemplate follow them', async () => {
    const s = await setup();
    expect((await s.api('GET', 'getcategory')).data).toEqual(SUBSCRIBE_CATEGORIES.map((c) => ({ id: c.id, name: c.name })));
    const first = await s.client.get(`/console/api/accounts/${s.appid}/subscribe-templates`);
    expect(first.json.service_categories).toEqual({ chosen: false, ids: SUBSCRIBE_CATEGORIES.map((c) => c.id), changes_left: 5, max: 5 });
    // Logistics (367) and clothing (616) only.
    const saved = await s.put([367, 616]);
    expect(saved.status, saved.body).toBe(200);
    expect(saved.json.service_categories).toEqual({ chosen: true, ids: [367, 616], changes_left: 4, max: 5 });
    expect(await s.api('GET', 'getcategory')).toEqual({ errcode: 0, errmsg: 'ok', data: [{ id: 367, name: '物流服务 > 收件/派件' }, { id: 616, name: '商家自营 > 服装/鞋/箱包' }] });
    const titles = await s.api('GET', 'getpubtemplatetitles?ids=2,367&start=0&limit=30');
    expect(titles.errcode).toBe(0);
    expect((titles.data as Array<{ categoryId: string }>).every((t) => t.categoryId === '367')).toBe(true);
    expect(titles.count).toBeGreaterThan(0);
    // 1021 is a home-services (2) template: not the account's.
    expectWxError(await s.api('POST', 'addtemplate', { tid: '1021', kidList: [1, 2], sceneDesc: '预约' }), 200014, 'tid does not exist');
    expect(await s.api('POST', 'addtemplate', { tid: '3541', kidList: [1, 2], sceneDesc: '签收' })).toMatchObject({ errcode: 0 });
    // The same choice again uses no change.
    expect(((await s.put([367, 616])).json as { service_categories: { changes_left: number } }).service_categories.changes_left).toBe(4);
  });

  it('at most 5 categories, 5 changes a month; malformed and hostile bodies are refused and change nothing', async () => {
    const s = await setup();
    for (const ids of [[], [1], [367, 367], [2, 367, 410, 616, 688, 680], 'x', [1.5], [-1], [367, '616'], null]) {
      const r = await s.put(ids);
      expect(r.status, `${JSON.stringify(ids)} ${r.body.slice(0, 200)}`).toBe(400);
      expect(r.json.error?.code).toBeTypeOf('string');
    }
    await expectHostileBodiesRefused(s.client, 'PUT', `/console/api/accounts/${s.appid}/subscribe-categories`);
    expect((await s.api('GET', 'getcategory')).data).toHaveLength(SUBSCRIBE_CATEGORIES.length);
    for (const ids of [[2], [367], [410], [616], [688]]) expect((await s.put(ids)).status).toBe(200);
    const sixth = await s.put([680]);
    expect(sixth.status, sixth.body).toBe(409);
    expect((await s.api('GET', 'getcategory')).data).toEqual([{ id: 688, name: '出行与交通 > 停车服务' }]);
    // Another organization cannot set them.
    const other = await signedInOperator(h.app, h.services);
    expect((await other.client.request('PUT', `/console/api/accounts/${s.appid}/subscribe-categories`, { category_ids: [2] })).status).toBeGreaterThanOrEqual(403);
    // Accounts without subscribe notifications are refused.
    const sub = await makeAccount(h.services, { orgId: s.op.orgId, type: 'subscription' });
    expect((await s.client.request('PUT', `/console/api/accounts/${sub.appid}/subscribe-categories`, { category_ids: [2] })).status).toBeGreaterThanOrEqual(403);
  });
});
