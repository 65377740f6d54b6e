/**
 * Merchant governance through the simulator: only verified service accounts with a
 * mainland-China bank account; review when automatic approval is off; AppID bindings; the
 * APIv3 key set once; paying rules (the JSAPI order's own payer, a closed order).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { jsapiOrder, makeMerchant, makePayer, payInject } from '../../../test/payHelpers.js';

describeEachDb('WeChat Pay merchants (simulator)', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  }, 180_000);
  afterAll(async () => herald?.close());

  const apply = (body: Record<string, unknown>) => herald.app.inject({ method: 'POST', url: '/sim/v1/pay/merchants', payload: body });

  it('refuses subscription and unverified accounts and an entity without a mainland-China bank account', { timeout: 60_000 }, async () => {
    const sub = await makeAccount(herald.services, { type: 'subscription', verified: true });
    const r1 = await apply({ appid: sub.appid });
    expect(r1.statusCode).toBe(403);
    expect(r1.json().error.message).toMatch(/service accounts/);

    const unverified = await makeAccount(herald.services, { type: 'service', verified: false });
    const r2 = await apply({ appid: unverified.appid });
    expect(r2.statusCode).toBe(403);
    expect(r2.json().error.message).toMatch(/verified/);

    const svc = await makeAccount(herald.services);
    const foreign = await apply({ appid: svc.appid, foreign: true, bank_account: null });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toMatch(/foreign entity needs a mainland-China bank account/);
    const overseas = await apply({ appid: svc.appid, foreign: true, bank_account: { type: 'corporate', mainland: false } });
    expect(overseas.statusCode).toBe(403);
    const personal = await apply({ appid: svc.appid, entity_type: 'enterprise', bank_account: { type: 'personal', mainland: true } });
    expect(personal.statusCode).toBe(403);
    expect(personal.json().error.message).toMatch(/corporate/);

    const ok = await apply({ appid: svc.appid, foreign: true, bank_account: { type: 'corporate', mainland: true } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'approved', fee_rate: '0.60%', appids: [svc.appid] });
    expect(ok.json().mchid).toMatch(/^\d{10}$/);
    expect(ok.json().merchant_serial).toMatch(/^[0-9A-F]{40}$/);
    expect(ok.json().platform_public_key_id).toMatch(/^PUB_KEY_ID_\d{34}$/);
    expect(ok.json().merchant_private_key).toMatch(/BEGIN PRIVATE KEY/);
  });

  it('refuses malformed applications', { timeout: 60_000 }, async () => {
    const svc = await makeAccount(herald.services);
    for (const body of [{}, { appid: svc.appid, entity_type: 'pirate' }, { appid: svc.appid, api_v3_key: 'short' }, { appid: svc.appid, merchant_public_key: 'not a key' }, { appid: 'x'.repeat(100) }]) {
      const res = await apply(body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
  });

  it('sets the APIv3 key once and binds further AppIDs', { timeout: 60_000 }, async () => {
    const svc = await makeAccount(herald.services);
    const res = await apply({ appid: svc.appid, api_v3_key: 'A'.repeat(32) });
    const mchid = res.json().mchid;
    const again = await herald.app.inject({ method: 'PUT', url: `/sim/v1/pay/merchants/${mchid}/api-v3-key`, payload: { api_v3_key: 'B'.repeat(32) } });
    expect(again.statusCode).toBe(409);
    const other = await makeAccount(herald.services);
    const bound = await herald.app.inject({ method: 'POST', url: `/sim/v1/pay/merchants/${mchid}/appids`, payload: { appid: other.appid } });
    expect(bound.json().appids).toEqual([svc.appid, other.appid]);
    const unknown = await herald.app.inject({ method: 'POST', url: `/sim/v1/pay/merchants/${mchid}/appids`, payload: { appid: 'wx0000000000000000' } });
    expect(unknown.statusCode).toBe(404);
  });

  it('a JSAPI order is paid only by its payer; a closed order not at all', { timeout: 60_000 }, async () => {
    const m = await makeMerchant(herald);
    const payer = await makePayer(herald, m.appid);
    const someone = await makePayer(herald, m.appid);
    const body = jsapiOrder(m, payer.openid, 'http://127.0.0.1:9/n');
    const placed = await payInject(herald, m, 'POST', '/v3/pay/transactions/jsapi', body);
    const wrong = await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: someone.userId, prepay_id: placed.json().prepay_id } });
    expect(wrong.statusCode).toBe(403);
    const close = await payInject(herald, m, 'POST', `/v3/pay/transactions/out-trade-no/${body.out_trade_no}/close`, { mchid: m.mchid });
    expect(close.statusCode).toBe(204);
    const late = await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, prepay_id: placed.json().prepay_id } });
    expect(late.statusCode).toBe(409);
    const neither = await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId } });
    expect(neither.statusCode).toBe(400);
    const badCode = await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, code_url: 'https://evil.example/' } });
    expect(badCode.statusCode).toBe(400);
  });
});

describeEachDb('WeChat Pay merchants under review', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { env: { HERALD_PAY_AUTO_APPROVE: '0' } });
  }, 180_000);
  afterAll(async () => herald?.close());

  it('a merchant under review answers NO_AUTH until approved; a rejection keeps its reason', { timeout: 60_000 }, async () => {
    const m = await makeMerchant(herald);
    const payer = await makePayer(herald, m.appid);
    const before = await payInject(herald, m, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder(m, payer.openid, 'http://127.0.0.1:9/n'));
    expect(before.statusCode).toBe(403);
    expect(before.json().code).toBe('NO_AUTH');
    const approved = await herald.app.inject({ method: 'POST', url: `/sim/v1/pay/merchants/${m.mchid}/review`, payload: { decision: 'approve' } });
    expect(approved.json().status).toBe('approved');
    const after = await payInject(herald, m, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder(m, payer.openid, 'http://127.0.0.1:9/n'));
    expect(after.statusCode).toBe(200);

    const r = await makeMerchant(herald);
    const noReason = await herald.app.inject({ method: 'POST', url: `/sim/v1/pay/merchants/${r.mchid}/review`, payload: { decision: 'reject' } });
    expect(noReason.statusCode).toBe(400);
    const rejected = await herald.app.inject({ method: 'POST', url: `/sim/v1/pay/merchants/${r.mchid}/review`, payload: { decision: 'reject', reason: '营业执照不清晰' } });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reject_reason: '营业执照不清晰' });
  });
});
