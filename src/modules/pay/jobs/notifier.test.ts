/**
 * The payment notification schedule on the Herald clock: a merchant server that fails three
 * times and then answers 204 receives four attempts at 0, 15, 30 and 60 seconds, each with the
 * same notification id and a fresh signature; every attempt is stored.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { startDevServer, type DevServer } from '../../../../test/devServer.js';
import { jsapiOrder, makeMerchant, makePayer, payInject } from '../../../../test/payHelpers.js';
import { PAY_NOTIFY_RETRY } from '../rules/notify.js';

describeEachDb('WeChat Pay notifications', (kind) => {
  let herald: TestHerald;
  let shop: DevServer;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
    shop = await startDevServer({ answer: (_req, i) => (i < 3 ? { status: 500, body: '{"code":"FAIL","message":"失败"}' } : { status: 204 }) });
  }, 180_000);
  afterAll(async () => {
    await shop?.close();
    await herald?.close();
  });

  it('declares WeChat’s schedule: 15 retries over 24 h 4 min', () => {
    expect(PAY_NOTIFY_RETRY.maxAttempts).toBe(16);
    expect(PAY_NOTIFY_RETRY.delaysMs.reduce((a, b) => a + b, 0)).toBe((24 * 60 + 4) * 60_000);
  });

  it('retries at 15 s, 15 s, 30 s on the Herald clock until the merchant answers 204', async () => {
    const m = await makeMerchant(herald);
    const payer = await makePayer(herald, m.appid);
    const placed = await payInject(herald, m, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder(m, payer.openid, `${shop.url}/notify`));
    const t0 = herald.services.clock.nowMs();
    await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, prepay_id: placed.json().prepay_id } });
    const notifications = async () => (await herald.app.inject({ method: 'GET', url: `/sim/v1/pay/merchants/${m.mchid}/notifications` })).json().notifications;
    // The clock moves only once Herald has recorded attempt n (its next time is counted from then).
    const recorded = (n: number) => expect.poll(async () => (await notifications())[0]?.attempts.length, { timeout: 10_000, interval: 100 }).toBe(n);
    await shop.waitFor(1, 10_000);
    await recorded(1);
    // Not due yet: nothing more arrives until the clock moves.
    herald.services.clock.advance(10_000);
    await new Promise((r) => setTimeout(r, 1200));
    expect(shop.requests).toHaveLength(1);
    herald.services.clock.advance(5_000);
    await shop.waitFor(2, 10_000);
    await recorded(2);
    herald.services.clock.advance(15_000);
    await shop.waitFor(3, 10_000);
    await recorded(3);
    herald.services.clock.advance(30_000);
    const all = await shop.waitFor(4, 10_000);
    await recorded(4);
    const ids = all.map((r) => JSON.parse(r.body).id);
    expect(new Set(ids).size).toBe(1);
    expect(new Set(all.map((r) => r.headers['wechatpay-nonce'])).size).toBe(4);

    const [n] = await notifications();
    expect(n).toMatchObject({ id: ids[0], event_type: 'TRANSACTION.SUCCESS', status: 'delivered' });
    expect(n.attempts.map((a: { http_status: number }) => a.http_status)).toEqual([500, 500, 500, 204]);
    const offsets = n.attempts.map((a: { at: string }) => Math.round((Date.parse(a.at) - t0) / 1000));
    expect(offsets[1]).toBeGreaterThanOrEqual(15);
    expect(offsets[2]).toBeGreaterThanOrEqual(30);
    expect(offsets[3]).toBeGreaterThanOrEqual(60);
    expect(n.attempts[0].response).toContain('FAIL');

    // Re-sent by hand: a fifth attempt with the same id.
    const resent = await herald.app.inject({ method: 'POST', url: `/sim/v1/pay/merchants/${m.mchid}/notifications/${n.id}/resend` });
    expect(resent.statusCode).toBe(200);
    const five = await shop.waitFor(5, 10_000);
    expect(JSON.parse(five[4].body).id).toBe(n.id);
    const unknown = await herald.app.inject({ method: 'POST', url: `/sim/v1/pay/merchants/${m.mchid}/notifications/not-an-id/resend` });
    expect(unknown.statusCode).toBe(404);
  }, 60_000);
});
