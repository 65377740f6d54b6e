import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused, HOSTILE_BODIES } from '../../../test/hostileBodies.js';
import { phoneUser } from '../../../test/phoneFixtures.js';
import { expectWxError, fetchToken, wxCall, type WxBody } from '../../../test/wxClient.js';
import { moderateText } from '../moderation/index.js';
import { operatorSessions } from '../operators/schema.js';
import { sweepEnforcement } from './jobs/enforcementSweep.js';
import { DEFAULT_POLICY, type EnforcementPolicy } from './rules/ladder.js';

type Json = Record<string, any>;
const DAY = 86_400;
const unique = () => randomBytes(3).toString('hex');

describeEachDb('enforcement: violation records, the penalty ladder, reports, appeals', (kind) => {
  let h: TestHerald;
  let admin: ConsoleClient;
  beforeAll(async () => {
    h = await startTestHerald(kind);
    admin = (await signedInOperator(h.app, h.services, { platformAdmin: true })).client;
  }, 240_000);
  afterAll(async () => {
    // Later files start from the documented defaults.
    await admin?.put('/console/api/admin/enforcement/policy', DEFAULT_POLICY);
    await h?.close();
  });

  const sim = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: object) => {
    const r = await h.app.inject({ method, url: `/sim/v1${url}`, headers: body ? { 'content-type': 'application/json' } : {}, payload: body ? JSON.stringify(body) : undefined });
    return { status: r.statusCode, json: r.json() as Json };
  };
  /** Travels in time; the console sessions of this file stay signed in (they end after 7 days on the Herald clock). */
  const advance = async (seconds: number) => {
    expect((await sim('POST', '/clock/advance', { seconds })).status).toBe(200);
    await h.services.db.update(operatorSessions).set({ expiresAt: new Date(h.services.clock.nowMs() + 7 * DAY * 1000) });
  };
  const mailsTo = async (to: string): Promise<Json[]> => {
    const r = await h.app.inject({ method: 'GET', url: `/console/api/mail/outbox?to=${encodeURIComponent(to)}` });
    return (r.json() as { mail: Json[] }).mail;
  };
  const setPolicy = async (patch: Partial<EnforcementPolicy>) => {
    const r = await admin.put('/console/api/admin/enforcement/policy', { ...DEFAULT_POLICY, ...patch });
    expect(r.status, r.body).toBe(200);
  };
  const record = async (appid: string, rule = '4.8', content = '过度营销的文章') => {
    const r = await admin.post('/console/api/admin/enforcement/violations', { appid, rule, content });
    expect(r.status, r.body).toBe(201);
    return (r.json as Json).record as Json;
  };

  /** A signed-in owner, an account of theirs (verified service unless said) and a WeChat API caller. */
  async function owned(type: 'subscription' | 'service' = 'service') {
    const { op, client } = await signedInOperator(h.app, h.services, { role: 'owner' });
    const made = await makeAccount(h.services, { orgId: op.orgId, type, verified: true, name: `Shop ${unique()}` });
    // A fresh token for every call: the clock travels days between calls.
    const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<WxBody> => {
      const token = await fetchToken(h, made.appid, made.secret);
      return wxCall(h, method, `${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`, { body });
    };
    const page = async () => {
      const r = await client.get(`/console/api/accounts/${made.appid}/violation-records`);
      expect(r.status, r.body).toBe(200);
      return r.json as Json;
    };
    return { op, client, call, page, ...made };
  }

  it('reports from followers make a warning, the next violation restricts with an end time, and the clock lifts it', async () => {
    await setPolicy({ reports: { threshold: 2, windowHours: 24 } });
    const { op, appid, call, page } = await owned('service');
    const templates = () => call('GET', '/cgi-bin/template/get_all_private_template');
    expect((await templates()).errcode ?? 0).toBe(0);

    const categories = await (await phoneUser(h.app)).client.get('/reports/categories');
    expect(categories.status).toBe(200);
    expect(categories.json.categories.map((c: Json) => c.id)).toContain('fraud');

    const a = await phoneUser(h.app);
    const first = await a.client.post('/reports', { appid, target: 'account', category: 'fraud', detail: '冒充客服骗钱' });
    expect(first.status, first.body).toBe(201);
    expect(first.json).toEqual({ reported: true, duplicate: false });
    // The same follower reporting the same thing again does not count twice.
    expect((await a.client.post('/reports', { appid, target: 'account', category: 'fraud' })).json).toEqual({ reported: true, duplicate: true });
    expect((await page()).records).toEqual([]);

    const b = await phoneUser(h.app);
    expect((await b.client.post('/reports', { appid, target: 'article', ref: `https://mp.example/s/${unique()}`, category: 'fraud' })).status).toBe(201);
    const warned = await page();
    expect(warned.records).toHaveLength(1);
    expect(warned.records[0]).toMatchObject({ source: 'report', penalty: 'warning', strike: 1, rule: { id: '3.12' }, ends_at: null, appeal: { state: 'none', can_appeal: true } });
    expect(warned.standing).toMatchObject({ status: 'active', account_status: 18, restrictions: [] });
    expect((await mailsTo(op.email))[0]).toMatchObject({ kind: 'violation_warning' });
    // A warning takes nothing away.
    expect((await templates()).errcode ?? 0).toBe(0);

    const reports = await admin.get('/console/api/admin/enforcement/reports');
    expect((reports.json as Json).reports.filter((r: Json) => r.account.appid === appid)).toHaveLength(2);
    expect((reports.json as Json).reports.find((r: Json) => r.account.appid === appid).violation_id).toBe(warned.records[0].id);

    // The second strike of a service account: broadcasts and template messages banned for 7 days.
    const second = await record(appid);
    expect(second).toMatchObject({ strike: 2, penalty: 'restricted', restrictions: ['broadcast', 'template'], in_force: true });
    const endsAt = Date.parse(second.ends_at);
    expect(endsAt - h.services.clock.nowMs()).toBeGreaterThan(7 * DAY * 1000 - 60_000);
    expect(endsAt - h.services.clock.nowMs()).toBeLessThanOrEqual(7 * DAY * 1000);
    expectWxError(await templates(), 48004, 'api forbidden for irregularities');
    expectWxError(await call('POST', '/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'hi' } }), 48004);
    expect((await call('GET', '/cgi-bin/menu/get')).errcode).not.toBe(48004);
    const restricted = await page();
    expect(restricted.standing.restrictions.map((r: Json) => r.restriction).sort()).toEqual(['broadcast', 'template']);
    expect((await mailsTo(op.email))[0]).toMatchObject({ kind: 'violation_restricted' });

    await advance(7 * DAY + 60);
    expect((await templates()).errcode ?? 0).toBe(0);
    const lifted = await page();
    expect(lifted.standing.restrictions).toEqual([]);
    expect(lifted.records[0]).toMatchObject({ penalty: 'restricted', in_force: false });
    await setPolicy({});
  });

  it('a suspension closes every API and the search until it ends; publish and user bans answer 53500 and 50002', async () => {
    await setPolicy({
      ladders: {
        subscription: DEFAULT_POLICY.ladders.subscription,
        service: [
          { penalty: 'restricted', restrictions: ['publish', 'user'], days: 1 },
          { penalty: 'suspended', restrictions: ['account', 'search'], days: 3 },
        ],
      },
    });
    const { appid, call, page, account } = await owned('service');
    const name = account.name;
    const finder = await phoneUser(h.app);
    const found = async () => ((await finder.client.get(`/search?q=${encodeURIComponent(name)}`)).json.accounts as Json[]).some((a) => a.appid === appid);
    expect(await found()).toBe(true);

    await record(appid);
    expectWxError(await call('POST', '/cgi-bin/freepublish/batchget', { offset: 0, count: 1 }), 53500, 'publish banned');
    expectWxError(await call('GET', '/cgi-bin/user/get'), 50002, 'user limited');
    expect((await call('GET', '/cgi-bin/menu/get')).errcode).not.toBe(48004);

    const suspension = await record(appid);
    expect(suspension).toMatchObject({ strike: 2, penalty: 'suspended' });
    expectWxError(await call('GET', '/cgi-bin/menu/get'), 48004);
    expect(await found()).toBe(false);
    expect((await page()).standing).toMatchObject({ account_status: 19 });

    await advance(3 * DAY + 60);
    expect((await call('GET', '/cgi-bin/menu/get')).errcode).not.toBe(48004);
    expect((await call('GET', '/cgi-bin/user/get')).errcode ?? 0).toBe(0);
    expect(await found()).toBe(true);
    expect((await page()).standing).toMatchObject({ account_status: 18, restrictions: [] });
    await setPolicy({});
  });

  it('a record is appealed once within its deadline; an approved appeal lifts the penalty and the strike', async () => {
    const { op, client, appid, call, page } = await owned('service');
    await record(appid);
    const restricting = await record(appid);
    expect(restricting.penalty).toBe('restricted');
    expectWxError(await call('GET', '/cgi-bin/template/get_all_private_template'), 48004);

    const url = `/console/api/accounts/${appid}/violation-records/${restricting.id}/appeal`;
    expect((await client.post(url, { reason: '   ' })).status).toBe(400);
    const appealed = await client.post(url, { reason: '文章内容为正常的产品介绍，并非过度营销。' });
    expect(appealed.status, appealed.body).toBe(200);
    expect((appealed.json as Json).record.appeal).toMatchObject({ state: 'pending', can_appeal: false });
    const again = await client.post(url, { reason: '再次申诉' });
    expect(again.status).toBe(409);
    expect((again.json as Json).error.code).toBe('already_appealed');

    const pending = await admin.get('/console/api/admin/enforcement/violations?appeal=pending');
    expect((pending.json as Json).records.find((r: Json) => r.id === restricting.id)).toMatchObject({ account: { appid }, appeal: { state: 'pending' } });
    expect((await client.get('/console/api/admin/enforcement/violations')).status).toBe(403);
    const decided = await admin.post(`/console/api/admin/enforcement/violations/${restricting.id}/appeal`, { decision: 'approve', note: '核实无误' });
    expect(decided.status, decided.body).toBe(200);
    expect((decided.json as Json).record).toMatchObject({ appeal: { state: 'approved', note: '核实无误' }, in_force: false });
    expect((await admin.post(`/console/api/admin/enforcement/violations/${restricting.id}/appeal`, { decision: 'reject' })).status).toBe(409);
    expect(((await client.post(url, { reason: '第三次' })).json as Json).error.code).toBe('already_appealed');
    // The restriction went with the record, and the strike too: the next record is strike 2 again.
    expect((await call('GET', '/cgi-bin/template/get_all_private_template')).errcode ?? 0).toBe(0);
    expect((await page()).standing.restrictions).toEqual([]);
    expect((await mailsTo(op.email))[0]).toMatchObject({ kind: 'violation_appeal_approved' });
    expect((await record(appid)).strike).toBe(2);

    // Past the deadline (7 days by default) a record can no longer be appealed.
    const late = await record(appid);
    await advance(7 * DAY + 60);
    const closed = await client.post(`/console/api/accounts/${appid}/violation-records/${late.id}/appeal`, { reason: '晚了' });
    expect(closed.status).toBe(409);
    expect((closed.json as Json).error.code).toBe('appeal_closed');
  });

  it('a rejected appeal keeps the penalty; agents cannot appeal; other accounts\' records are not found', async () => {
    const { op, appid } = await owned('subscription');
    const rec = await record(appid);
    expect(rec).toMatchObject({ strike: 1, penalty: 'warning' });
    const agent = (await signedInOperator(h.app, h.services, { role: 'agent', orgId: op.orgId })).client;
    expect((await agent.get(`/console/api/accounts/${appid}/violation-records`)).status).toBe(200);
    expect((await agent.post(`/console/api/accounts/${appid}/violation-records/${rec.id}/appeal`, { reason: 'x' })).status).toBe(403);
    const stranger = await owned('service');
    const foreign = await stranger.client.post(`/console/api/accounts/${stranger.appid}/violation-records/${rec.id}/appeal`, { reason: 'x' });
    expect(foreign.status).toBe(404);
    const owner = (await signedInOperator(h.app, h.services, { role: 'owner', orgId: op.orgId })).client;
    expect((await owner.post(`/console/api/accounts/${appid}/violation-records/${rec.id}/appeal`, { reason: '误判' })).status).toBe(200);
    const rejected = await admin.post(`/console/api/admin/enforcement/violations/${rec.id}/appeal`, { decision: 'reject', note: '证据充分' });
    expect((rejected.json as Json).record.appeal).toMatchObject({ state: 'rejected', note: '证据充分' });
    expect((await owner.post(`/console/api/accounts/${appid}/violation-records/${rec.id}/appeal`, { reason: '再来' })).status).toBe(409);
  });

  it('moderation findings of pushed content become records once; previews do not count', async () => {
    const { account, page } = await owned('subscription');
    await moderateText(h.services.db, h.services.clock, { accountId: account.id, action: 'preview', text: '网络赌博' });
    await moderateText(h.services.db, h.services.clock, { accountId: account.id, action: 'broadcast', text: '这里有网络赌博' });
    await sweepEnforcement(h.services);
    await sweepEnforcement(h.services);
    const records = (await page()).records as Json[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ source: 'moderation', rule: { id: '4.4' }, penalty: 'warning', content: expect.stringContaining('网络赌博'), content_ref: { kind: 'broadcast' } });
  });

  it('the response board lists inquiries waiting for an answer; past 48 hours they count as one violation a day', async () => {
    await setPolicy({ response: { hours: 48, threshold: 2 } });
    const { appid, client, call, page } = await owned('service');
    const followers = [await phoneUser(h.app), await phoneUser(h.app)];
    for (const f of followers) {
      expect((await f.client.post(`/accounts/${appid}/follow`)).status).toBeLessThan(300);
      expect((await f.client.post(`/accounts/${appid}/messages`, { msgtype: 'text', content: '请问什么时候发货？' })).status).toBe(201);
    }
    const board = async () => (await client.get(`/console/api/accounts/${appid}/violation-records/response-board`)).json as Json;
    expect(await board()).toMatchObject({ hours: 48, late: 0 });
    expect((await board()).waiting).toHaveLength(2);

    // One of them is answered through the customer-service API.
    const openids = ((await call('GET', '/cgi-bin/user/get')).data as Json).openid as string[];
    expect(openids).toHaveLength(2);
    expect((await call('POST', '/cgi-bin/message/custom/send', { touser: openids[0], msgtype: 'text', text: { content: '今天发货' } })).errcode).toBe(0);
    expect((await board()).waiting).toHaveLength(1);

    await advance(49 * 3600);
    expect(await board()).toMatchObject({ late: 1 });
    await sweepEnforcement(h.services);
    expect((await page()).records).toEqual([]);

    // A third follower asks, and is left waiting too: two late conversations are a violation.
    const third = await phoneUser(h.app);
    await third.client.post(`/accounts/${appid}/follow`);
    await third.client.post(`/accounts/${appid}/messages`, { msgtype: 'text', content: '有人吗' });
    await advance(49 * 3600);
    await sweepEnforcement(h.services);
    await sweepEnforcement(h.services);
    const records = (await page()).records as Json[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ source: 'response_time', rule: { id: 'response_48h' }, penalty: 'warning', content_ref: { kind: 'inquiries' } });
    await setPolicy({});
  });

  it('a follower reports a message the account sent them, and nobody else\'s', async () => {
    await setPolicy({ reports: { threshold: 1, windowHours: 24 } });
    const { appid, call, page } = await owned('service');
    const f = await phoneUser(h.app);
    await f.client.post(`/accounts/${appid}/follow`);
    await f.client.post(`/accounts/${appid}/messages`, { msgtype: 'text', content: 'hi' });
    const openid = (((await call('GET', '/cgi-bin/user/get')).data as Json).openid as string[])[0];
    await call('POST', '/cgi-bin/message/custom/send', { touser: openid, msgtype: 'text', text: { content: '点击领取百万大奖' } });
    const msgs = (await f.client.get(`/accounts/${appid}/messages`)).json.messages as Json[];
    const sent = msgs.find((m) => m.message?.direction === 'out' || m.direction === 'out');
    const id = String(sent?.message?.id ?? sent?.id);
    expect(id).toMatch(/^\d+$/);

    const other = await phoneUser(h.app);
    expect((await other.client.post('/reports', { appid, target: 'message', ref: id, category: 'fraud' })).status).toBe(404);
    expect((await f.client.post('/reports', { appid, target: 'message', ref: 'abc', category: 'fraud' })).status).toBe(404);
    expect((await f.client.post('/reports', { appid, target: 'message', ref: '99999999999999999999', category: 'fraud' })).status).toBe(404);
    const reported = await f.client.post('/reports', { appid, target: 'message', ref: id, category: 'fraud' });
    expect(reported.status, reported.body).toBe(201);
    expect((await page()).records[0]).toMatchObject({ source: 'report', content: expect.stringContaining('点击领取百万大奖'), content_ref: { kind: 'message', ref: id } });
    await setPolicy({});
  });

  it('refuses malformed, oversized and hostile input on every route without losing anything', async () => {
    const { client, appid } = await owned('service');
    const rec = await record(appid);
    await expectHostileBodiesRefused(client, 'POST', `/console/api/accounts/${appid}/violation-records/${rec.id}/appeal`);
    await expectHostileBodiesRefused(admin, 'POST', '/console/api/admin/enforcement/violations');
    await expectHostileBodiesRefused(admin, 'POST', `/console/api/admin/enforcement/violations/${rec.id}/appeal`);
    await expectHostileBodiesRefused(admin, 'PUT', '/console/api/admin/enforcement/policy');
    // Nothing above touched the record or the policy.
    expect(((await client.get(`/console/api/accounts/${appid}/violation-records`)).json as Json).records[0].appeal.state).toBe('none');
    expect((await admin.get('/console/api/admin/enforcement/policy')).json.policy).toEqual(DEFAULT_POLICY);

    const bad = async (c: ConsoleClient, method: 'GET' | 'POST' | 'PUT', url: string, body: unknown, status = 400) => {
      const r = await c.request(method, url, body);
      expect(r.status, `${url} ${String(JSON.stringify(body)).slice(0, 80)}: ${r.body.slice(0, 200)}`).toBe(status);
      expect(r.json.error?.code).toBeTypeOf('string');
    };
    const appealUrl = `/console/api/accounts/${appid}/violation-records/${rec.id}/appeal`;
    await bad(client, 'POST', appealUrl, { reason: 'x'.repeat(2001) });
    await bad(client, 'POST', appealUrl, { reason: 'a\u0007b' });
    await bad(client, 'POST', appealUrl, { reason: 'ok', extra: 1 });
    await bad(client, 'POST', `/console/api/accounts/${appid}/violation-records/not-a-uuid/appeal`, { reason: 'ok' }, 404);
    await bad(client, 'POST', `/console/api/accounts/${appid}/violation-records/00000000-0000-0000-0000-000000000000/appeal`, { reason: 'ok' }, 404);
    await bad(admin, 'POST', '/console/api/admin/enforcement/violations', { appid, rule: '9.99', content: 'x' });
    await bad(admin, 'POST', '/console/api/admin/enforcement/violations', { appid: 'wx_nobody_here', rule: '4.8', content: 'x' }, 404);
    await bad(admin, 'POST', '/console/api/admin/enforcement/violations', { appid, rule: '4.8', content: 'c'.repeat(501) });
    await bad(admin, 'POST', '/console/api/admin/enforcement/violations/zzz/appeal', { decision: 'approve' }, 404);
    await bad(admin, 'POST', `/console/api/admin/enforcement/violations/${rec.id}/appeal`, { decision: 'maybe' });
    await bad(admin, 'POST', `/console/api/admin/enforcement/violations/${rec.id}/appeal`, { decision: 'approve' }, 409);
    const steps = (s: unknown[]) => ({ ...DEFAULT_POLICY, ladders: { subscription: s, service: s } });
    await bad(admin, 'PUT', '/console/api/admin/enforcement/policy', steps([]));
    await bad(admin, 'PUT', '/console/api/admin/enforcement/policy', steps([{ penalty: 'restricted', restrictions: [], days: 3 }]));
    await bad(admin, 'PUT', '/console/api/admin/enforcement/policy', steps([{ penalty: 'restricted', restrictions: ['nuke'], days: 3 }]));
    await bad(admin, 'PUT', '/console/api/admin/enforcement/policy', steps([{ penalty: 'banned', restrictions: [], days: 1e9 }]));
    await bad(admin, 'PUT', '/console/api/admin/enforcement/policy', { ...DEFAULT_POLICY, appealDays: -1 });
    await bad(admin, 'GET', '/console/api/admin/enforcement/violations?appeal=all', undefined);
    expect((await admin.get('/console/api/admin/enforcement/policy')).json.policy).toEqual(DEFAULT_POLICY);

    // The phone's report route.
    const f = await phoneUser(h.app);
    for (const [label, payload] of HOSTILE_BODIES) {
      const r = await f.client.request('POST', '/reports', payload);
      expect(r.status, `${label}: ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, label).toBeLessThan(500);
      expect(r.json.error?.code, label).toBeTypeOf('string');
    }
    const phoneBad = async (body: unknown, status = 400) => {
      const r = await f.client.post('/reports', body);
      expect(r.status, `${JSON.stringify(body).slice(0, 80)}: ${r.body.slice(0, 200)}`).toBe(status);
    };
    await phoneBad({ appid, target: 'account', category: 'nonsense' });
    await phoneBad({ appid, target: 'planet', category: 'fraud' });
    await phoneBad({ appid, target: 'account', category: 'fraud', detail: 'd'.repeat(201) });
    await phoneBad({ appid, target: 'account', category: 'fraud', detail: 'a\u0000b' });
    await phoneBad({ appid, target: 'article', category: 'fraud', ref: '   ' });
    await phoneBad({ appid, target: 'article', category: 'fraud', ref: 'r'.repeat(501) });
    await phoneBad({ appid: '../../etc', target: 'account', category: 'fraud' }, 404);
    await phoneBad({ appid: 'wx_nobody_here', target: 'account', category: 'fraud' }, 404);
    expect((await h.app.inject({ method: 'POST', url: '/phone/api/reports', payload: { appid, target: 'account', category: 'fraud' } })).statusCode).toBe(401);
    const reports = ((await admin.get('/console/api/admin/enforcement/reports')).json as Json).reports as Json[];
    expect(reports.filter((r) => r.account.appid === appid)).toEqual([]);
  });
});
