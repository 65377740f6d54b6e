/**
 * 微信支付 in the console: apply (refused for accounts that may not), the private key and APIv2
 * key shown once, the APIv3 key set once, AppID bindings, another organization's merchant not
 * found, the platform administrator's review, roles and hostile bodies. Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';

const APPLICATION = { name: '莲花书店', entity_type: 'enterprise', foreign: false, bank_account: { type: 'corporate', mainland: true }, industry: 'standard' };

describeEachDb('console: 微信支付', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_ROLE: 'web', HERALD_PAY_AUTO_APPROVE: '0' } });
  }, 180_000);
  afterAll(async () => h?.close());

  it('applies, shows the keys once, sets the APIv3 key once, binds AppIDs; the platform reviews', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${acc.appid}/pay`;
    expect((await client.get(base)).json).toMatchObject({ can_apply: true, merchants: [] });

    const refused = await client.post(`${base}/merchants`, { ...APPLICATION, foreign: true, bank_account: null });
    expect(refused.status).toBe(403);
    expect(refused.json.error?.details).toEqual({ reason: 'no_mainland_bank_account' });

    const created = await client.post(`${base}/merchants`, APPLICATION);
    expect(created.status).toBe(201);
    expect(created.json.merchant_private_key).toMatch(/BEGIN PRIVATE KEY/);
    expect(created.json.api_v2_key).toMatch(/^[A-Za-z0-9]{32}$/);
    const mchid = (created.json.merchant as { mchid: string; status: string }).mchid;
    expect((created.json.merchant as { status: string }).status).toBe('reviewing');

    const view = (await client.get(base)).json as { merchants: Array<Record<string, unknown>> };
    expect(view.merchants[0]).toMatchObject({ mchid, api_v3_key_set: false, appids: [acc.appid] });
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(view)).not.toContain(created.json.api_v2_key as string);

    expect((await client.put(`${base}/merchants/${mchid}/api-v3-key`, { api_v3_key: 'short' })).status).toBe(400);
    expect((await client.put(`${base}/merchants/${mchid}/api-v3-key`, { api_v3_key: 'K'.repeat(32) })).status).toBe(200);
    expect((await client.put(`${base}/merchants/${mchid}/api-v3-key`, { api_v3_key: 'L'.repeat(32) })).status).toBe(409);

    const other = await makeAccount(h.services, { orgId: op.orgId });
    const bound = await client.post(`${base}/merchants/${mchid}/appids`, { appid: other.appid });
    expect(bound.json.appids).toEqual([acc.appid, other.appid]);

    // Another organization cannot see or change this merchant.
    const stranger = await signedInOperator(h.app, h.services);
    const theirs = await makeAccount(h.services, { orgId: stranger.op.orgId });
    expect((await stranger.client.put(`/console/api/accounts/${theirs.appid}/pay/merchants/${mchid}/api-v3-key`, { api_v3_key: 'M'.repeat(32) })).status).toBe(404);

    // Only a platform administrator reviews: the queue lists the application, oldest first.
    expect((await client.get('/console/api/pay/merchants')).status).toBe(403);
    expect((await client.post(`/console/api/pay/merchants/${mchid}/review`, { decision: 'approve' })).status).toBe(403);
    const admin = await signedInOperator(h.app, h.services, { platformAdmin: true });
    const queue = (await admin.client.get('/console/api/pay/merchants')).json.merchants as Array<Record<string, unknown>>;
    expect(queue.find((q) => q.mchid === mchid)).toMatchObject({ status: 'reviewing', name: '莲花书店', account: { appid: acc.appid }, entity_type: 'enterprise', bank_account_type: 'corporate', fee_rate: '0.60%' });
    expect(JSON.stringify(queue)).not.toContain('PRIVATE KEY');
    for (const q of ['?status=bogus', '?status=', '?other=1', `?status=${'x'.repeat(5000)}`]) expect((await admin.client.get(`/console/api/pay/merchants${q}`)).status, q).toBe(400);
    expect((await admin.client.post(`/console/api/pay/merchants/${mchid}/review`, { decision: 'reject' })).status).toBe(400);
    await expectHostileBodiesRefused(admin.client, 'POST', `/console/api/pay/merchants/${mchid}/review`);
    const approved = await admin.client.post(`/console/api/pay/merchants/${mchid}/review`, { decision: 'approve' });
    expect(approved.json).toMatchObject({ status: 'approved' });
    expect(((await admin.client.get('/console/api/pay/merchants')).json.merchants as Array<{ mchid: string }>).map((q) => q.mchid)).not.toContain(mchid);
    expect(((await admin.client.get('/console/api/pay/merchants?status=approved')).json.merchants as Array<{ mchid: string }>).map((q) => q.mchid)).toContain(mchid);
    expect((await admin.client.post(`/console/api/pay/merchants/${mchid}/review`, { decision: 'reject', reason: 'late' })).status).toBe(409);
  }, 60_000);

  it('refuses subscription accounts; agents may not apply; hostile bodies refused', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const sub = await makeAccount(h.services, { orgId: op.orgId, type: 'subscription' });
    expect((await client.get(`/console/api/accounts/${sub.appid}/pay`)).json).toMatchObject({ can_apply: false });
    expect((await client.post(`/console/api/accounts/${sub.appid}/pay/merchants`, APPLICATION)).status).toBe(403);

    const agent = await signedInOperator(h.app, h.services, { orgId: op.orgId, role: 'agent' });
    const svc = await makeAccount(h.services, { orgId: op.orgId });
    expect((await agent.client.post(`/console/api/accounts/${svc.appid}/pay/merchants`, APPLICATION)).status).toBe(403);

    await expectHostileBodiesRefused(client, 'POST', `/console/api/accounts/${svc.appid}/pay/merchants`);
  }, 60_000);
});
