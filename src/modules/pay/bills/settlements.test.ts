/**
 * T+1 settlement on the Herald clock with the merchant's fee rate (0.6% by default, configurable),
 * and the console's transactions, refunds, settlements and bills with filters and CSV export;
 * another organization's merchant is not found; hostile queries refused. Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator } from '../../../../test/consoleFixtures.js';
import { jsapiOrder, makePayer, payInject, type TestMerchant } from '../../../../test/payHelpers.js';
import { chinaDate, feeOf } from '../rules/bills.js';

describeEachDb('WeChat Pay settlements and the console records', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_PAY_REFUND_SECONDS: '1' } });
  }, 180_000);
  afterAll(async () => h?.close());

  it('fees round half up per payment', () => {
    expect(feeOf(100, 60)).toBe(1);
    expect(feeOf(83, 60)).toBe(0);
    expect(feeOf(84, 60)).toBe(1);
    expect(feeOf(2_147_483_647, 60)).toBe(12_884_902);
  });

  it('settles a finished day T+1 with fees deducted, and the console lists and exports it', { timeout: 120_000 }, async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    const created = await h.app.inject({ method: 'POST', url: '/sim/v1/pay/merchants', payload: { appid: acc.appid } });
    const c = created.json();
    const m: TestMerchant = { mchid: c.mchid, appid: acc.appid, serial: c.merchant_serial, privateKey: c.merchant_private_key, apiV3Key: c.api_v3_key, apiV2Key: c.api_v2_key, publicKeyId: c.platform_public_key_id, publicKey: c.platform_public_key, certSerial: c.platform_certificate_serial };
    expect((await h.app.inject({ method: 'PUT', url: `/sim/v1/pay/merchants/${m.mchid}/fee-rate`, payload: { fee_rate_bp: 38 } })).statusCode).toBe(200);
    const payer = await makePayer(h, m.appid);
    const day = chinaDate(h.services.clock.nowMs());
    const nos: string[] = [];
    for (const total of [1000, 2550, 99]) {
      const body = { ...jsapiOrder(m, payer.openid, 'http://127.0.0.1:9/n'), amount: { total, currency: 'CNY' } };
      const placed = await payInject(h, m, 'POST', '/v3/pay/transactions/jsapi', body);
      await h.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, prepay_id: placed.json().prepay_id } });
      nos.push(body.out_trade_no);
    }
    const refund = await payInject(h, m, 'POST', '/v3/refund/domestic/refunds', { out_trade_no: nos[1], out_refund_no: 'RF-1', amount: { refund: 550, total: 2550, currency: 'CNY' } });
    expect(refund.statusCode).toBe(200);
    // An unpaid order is listed but never settled.
    await payInject(h, m, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder(m, payer.openid, 'http://127.0.0.1:9/n'));

    const run = async () => (await h.app.inject({ method: 'POST', url: '/sim/v1/pay/settlements/run' })).json().settled;
    const base = `/console/api/accounts/${acc.appid}/pay/merchants/${m.mchid}`;
    const fee = feeOf(1000, 38) + feeOf(2550, 38) + feeOf(99, 38) - feeOf(550, 38);
    await h.app.inject({ method: 'POST', url: '/sim/v1/clock/advance', payload: { seconds: 2 } });
    expect(await run()).toBe(0);
    // Before the day is settled the balance holds the day's payments less fees and the refund.
    expect((await client.get(`${base}/settlements`)).json).toMatchObject({ settlements: [], balance: 3649 - 550 - fee, has_more: false });
    await h.app.inject({ method: 'POST', url: '/sim/v1/clock/advance', payload: { seconds: 86_400 } });
    expect(await run()).toBeGreaterThanOrEqual(1);
    expect(await run()).toBe(0);

    const settled = (await client.get(`${base}/settlements`)).json;
    // Paid out T+1: nothing is left in the basic account.
    expect(settled.balance).toBe(0);
    const settlements = settled.settlements as Record<string, unknown>[];
    expect(settlements).toEqual([expect.objectContaining({ trade_date: day, payments: 3649, payment_count: 3, refunds: 550, refund_count: 1, fee, fee_rate: '0.38%', net: 3649 - 550 - fee })]);

    const tx = (await client.get(`${base}/transactions?state=SUCCESS`)).json.transactions as Record<string, unknown>[];
    expect(tx.map((t) => t.out_trade_no).sort()).toEqual([nos[0], nos[2]].sort());
    const one = (await client.get(`${base}/transactions?q=${nos[1]}`)).json.transactions as Record<string, unknown>[];
    expect(one).toEqual([expect.objectContaining({ out_trade_no: nos[1], trade_state: 'REFUND', refunded: 550 })]);
    expect(((await client.get(`${base}/transactions?from=2001-01-01&to=2001-01-02`)).json.transactions as unknown[]).length).toBe(0);

    // Pages: four orders, newest first, one a page.
    const pages = [];
    for (let offset = 0; offset < 5; offset++) pages.push((await client.get(`${base}/transactions?limit=1&offset=${offset}`)).json);
    expect(pages.map((p) => (p.transactions as unknown[]).length)).toEqual([1, 1, 1, 1, 0]);
    expect(pages.map((p) => p.has_more)).toEqual([true, true, true, false, false]);
    expect(new Set(pages.flatMap((p) => (p.transactions as Record<string, unknown>[]).map((t) => t.out_trade_no))).size).toBe(4);
    expect((await client.get(`${base}/refunds?limit=1`)).json).toMatchObject({ refunds: [expect.objectContaining({ out_refund_no: 'RF-1' })], has_more: false });

    const exported = await client.get(`${base}/transactions?format=csv`);
    expect(exported.status).toBe(200);
    expect(String(exported.headers['content-type'])).toMatch(/text\/csv/);
    expect(exported.body.split('\r\n')[0]).toBe('\uFEFFcreated_at,out_trade_no,transaction_id,appid,trade_type,api,trade_state,description,total,refunded,payer_openid,success_time');
    expect(exported.body).toContain(',25.50,5.50,');
    const refunds = await client.get(`${base}/refunds?format=csv&state=SUCCESS`);
    expect(refunds.body).toContain('RF-1');

    const bill = await client.get(`${base}/bills/${day}?kind=trade`);
    expect(bill.status).toBe(200);
    expect(bill.body).toContain('`RF-1');
    expect(bill.body).toContain('`0.38%');
    const flow = await client.get(`${base}/bills/${day}?kind=fundflow`);
    expect(flow.body).toContain('`扣除交易手续费');
    expect((await client.get(`${base}/bills/2001-01-01`)).status).toBe(404);

    for (const q of ['?from=2026-13-01', '?state=PAID', '?limit=0', '?limit=99999', `?q=${'x'.repeat(100)}`, '?nope=1', '?format=xls', '?offset=-1', '?offset=abc', '?offset=1e99']) {
      const res = await client.get(`${base}/transactions${q}`);
      expect(res.status, q).toBe(400);
    }
    expect((await client.get(`${base}/bills/20260101`)).status).toBe(400);

    // Another organization's operator sees nothing of it.
    const other = await signedInOperator(h.app, h.services);
    expect((await other.client.get(`${base}/transactions`)).status).toBe(404);
  });
});
