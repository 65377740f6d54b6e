/**
 * The merchant platform's settings in the console: 支付授权目录 (validated, at most 5, enforced
 * when a page opens the payment sheet; none registered allows every page in emulator mode), the
 * default notify URL (outbound rules; refunds that name none are reported there), the APIv2 key
 * reset (shown once), another organization's merchant not found, and hostile input on each
 * route. Both databases.
 */
import { randomBytes, sign } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';
import { jsapiOrder, makeMerchant, makePayer, payInject, type TestMerchant } from '../../../test/payHelpers.js';

describeEachDb('console: the merchant platform settings', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_PAY_REFUND_SECONDS: '1' } });
  }, 180_000);
  afterAll(async () => h?.close());

  async function setup(): Promise<{ client: ConsoleClient; orgId: string; m: TestMerchant; base: string }> {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    const m = await makeMerchant(h, { appid: acc.appid });
    return { client, orgId: op.orgId, m, base: `/console/api/accounts/${acc.appid}/pay/merchants/${m.mchid}` };
  }

  const tokenOf = async (userId: string) => (await h.app.inject({ method: 'POST', url: '/phone/api/session', payload: { user_id: userId } })).json().token as string;

  /** A page's getBrandWCPayRequest for a new order, from `pageUrl`. */
  async function openSheet(m: TestMerchant, payer: { userId: string; openid: string }, pageUrl: string | undefined) {
    const placed = await payInject(h, m, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder(m, payer.openid, 'http://127.0.0.1:9/n'));
    expect(placed.statusCode, placed.body).toBe(200);
    const p = { appId: m.appid, timeStamp: String(h.services.clock.nowSec()), nonceStr: randomBytes(8).toString('hex'), package: `prepay_id=${placed.json().prepay_id}`, signType: 'RSA' };
    const paySign = sign('sha256', Buffer.from(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`), m.privateKey).toString('base64');
    const res = await h.app.inject({
      method: 'POST',
      url: '/phone/api/pay/sheet',
      headers: { authorization: `Bearer ${await tokenOf(payer.userId)}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ api: 'getBrandWCPayRequest', params: { ...p, paySign }, ...(pageUrl === undefined ? {} : { page_url: pageUrl }) }),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { ok: boolean; err_msg?: string; notice?: string };
  }

  it('registers up to 5 payment directories and opens the sheet only from pages under them', { timeout: 90_000 }, async () => {
    const { client, m, base } = await setup();
    const payer = await makePayer(h, m.appid);
    const view = async () => ((await client.get(`/console/api/accounts/${m.appid}/pay`)).json.merchants as Array<Record<string, unknown>>)[0];
    expect(await view()).toMatchObject({ pay_directories: [], default_notify_url: null });

    // None registered: the emulator lets any page pay.
    expect(await openSheet(m, payer, 'http://localhost:3000/anything')).toMatchObject({ ok: true });

    for (const [input, reason] of [['https://shop.example.com/pay', 'trailing_slash'], ['shop.example.com/pay/', 'scheme'], ['https://shop.example.com/pay/?a=1', 'query'], ['https://u:p@shop.example.com/', 'credentials'], ['', 'empty']] as const) {
      const res = await client.post(`${base}/directories`, { directory: input });
      expect(res.status, input).toBe(400);
      expect(res.json.error?.details?.reason, input).toBe(reason);
    }
    const added = await client.post(`${base}/directories`, { directory: ' HTTPS://Shop.Example.com/pay/ ' });
    expect(added.status, added.body).toBe(200);
    expect(added.json.directories).toEqual(['https://shop.example.com/pay/']);
    expect((await client.post(`${base}/directories`, { directory: 'https://shop.example.com/pay/' })).json.error?.details).toEqual({ reason: 'duplicate' });
    for (const d of ['http://localhost:3000/shop/', 'https://a.example.com/', 'https://b.example.com/x/', 'https://c.example.com/y/']) {
      expect((await client.post(`${base}/directories`, { directory: d })).status, d).toBe(200);
    }
    const sixth = await client.post(`${base}/directories`, { directory: 'https://d.example.com/' });
    expect(sixth.status).toBe(409);
    expect(sixth.json.error?.details).toEqual({ reason: 'limit' });
    expect((await view()).pay_directories).toHaveLength(5);

    // Under a directory: the sheet opens; elsewhere the page hears :fail and the payer sees WeChat's words.
    expect(await openSheet(m, payer, 'https://shop.example.com/pay/cart.html?item=1#top')).toMatchObject({ ok: true });
    expect(await openSheet(m, payer, 'http://localhost:3000/shop/')).toMatchObject({ ok: true });
    const outside = await openSheet(m, payer, 'https://shop.example.com/payment');
    expect(outside).toMatchObject({ ok: false, err_msg: 'get_brand_wcpay_request:fail' });
    expect(outside.notice).toBe('当前页面的URL未注册：https://shop.example.com/payment');
    expect(await openSheet(m, payer, 'http://shop.example.com/pay/')).toMatchObject({ ok: false });
    expect(await openSheet(m, payer, undefined)).toMatchObject({ ok: false, notice: '当前页面的URL未注册' });

    // Removing: by the listed text; an unknown one is not found.
    const removed = await client.request('DELETE', `${base}/directories?directory=${encodeURIComponent('https://shop.example.com/pay/')}`);
    expect(removed.status, removed.body).toBe(200);
    expect(removed.json.directories).not.toContain('https://shop.example.com/pay/');
    expect((await client.request('DELETE', `${base}/directories?directory=${encodeURIComponent('https://shop.example.com/pay/')}`)).status).toBe(404);
    expect(await openSheet(m, payer, 'https://shop.example.com/pay/cart.html')).toMatchObject({ ok: false });

    // Another organization cannot see or change them.
    const stranger = await signedInOperator(h.app, h.services);
    const theirs = await makeAccount(h.services, { orgId: stranger.op.orgId });
    expect((await stranger.client.post(`/console/api/accounts/${theirs.appid}/pay/merchants/${m.mchid}/directories`, { directory: 'https://evil.example.com/' })).status).toBe(404);
    expect((await stranger.client.post(`${base}/directories`, { directory: 'https://evil.example.com/' })).status).toBe(404);
    expect((await view()).pay_directories).toHaveLength(4);
  });

  it('sets the default notify URL (refunds without one are reported there) and resets the APIv2 key', { timeout: 90_000 }, async () => {
    const { client, m, base } = await setup();
    for (const [url, reason] of [['ftp://127.0.0.1/n', 'scheme'], ['not a url', 'malformed'], ['http://127.0.0.1:9/n?x=1', 'query'], [`http://127.0.0.1/${'n'.repeat(300)}`, 'too_long'], ['http://u:p@127.0.0.1/n', 'credentials']] as const) {
      const res = await client.put(`${base}/notify-url`, { notify_url: url });
      expect(res.status, url).toBe(400);
      expect(res.json.error?.details?.reason, url).toBe(reason);
    }
    const saved = await client.put(`${base}/notify-url`, { notify_url: 'http://127.0.0.1:9/refund-notify' });
    expect(saved.status, saved.body).toBe(200);
    expect(saved.json).toEqual({ notify_url: 'http://127.0.0.1:9/refund-notify' });

    // A refund that names no notify_url is reported to it.
    const payer = await makePayer(h, m.appid);
    const order = jsapiOrder(m, payer.openid, 'http://127.0.0.1:9/paid');
    const placed = await payInject(h, m, 'POST', '/v3/pay/transactions/jsapi', order);
    await h.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, prepay_id: placed.json().prepay_id } });
    const refund = await payInject(h, m, 'POST', '/v3/refund/domestic/refunds', { out_trade_no: order.out_trade_no, out_refund_no: 'RN-1', amount: { refund: 10, total: 100, currency: 'CNY' } });
    expect(refund.statusCode, refund.body).toBe(200);
    await h.app.inject({ method: 'POST', url: '/sim/v1/clock/advance', payload: { seconds: 2 } });
    await payInject(h, m, 'GET', '/v3/refund/domestic/refunds/RN-1');
    // Another node may be settling the refund at this moment (the refund schedule): wait for its commit.
    const refundNotice = async () => ((await h.app.inject({ method: 'GET', url: `/sim/v1/pay/merchants/${m.mchid}/notifications` })).json().notifications as Array<{ event_type: string; url: string }>).find((n) => n.event_type === 'REFUND.SUCCESS');
    await expect.poll(async () => (await refundNotice())?.url, { timeout: 15_000 }).toBe('http://127.0.0.1:9/refund-notify');

    // Cleared with null (or an empty string).
    expect((await client.put(`${base}/notify-url`, { notify_url: '' })).json).toEqual({ notify_url: null });

    // The APIv2 key: a new one shown once, never in the merchant's view.
    const reset = await client.post(`${base}/api-v2-key`, {});
    expect(reset.status, reset.body).toBe(200);
    expect(reset.json.api_v2_key).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(reset.json.api_v2_key).not.toBe(m.apiV2Key);
    expect((await client.get(`/console/api/accounts/${m.appid}/pay`)).body).not.toContain(reset.json.api_v2_key as string);
  });

  it('refuses hostile input on every new route, with nothing changed', { timeout: 90_000 }, async () => {
    const { client, orgId, m, base } = await setup();
    await expectHostileBodiesRefused(client, 'POST', `${base}/directories`);
    await expectHostileBodiesRefused(client, 'PUT', `${base}/notify-url`);
    for (const body of [{ directory: 'https://a.example.com/\u0000' }, { directory: 'https://a.example.com/\ud800/' }, { directory: `https://a.example.com/${'x'.repeat(2000)}/` }, { directory: 'javascript:alert(1)//' }, { directory: 1 }, { directory: ['https://a.example.com/'] }, { directory: 'https://a.example.com/', extra: 1 }]) {
      const res = await client.post(`${base}/directories`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    for (const q of ['', '?directory=', `?directory=${'x'.repeat(2000)}`, '?directory=a&directory=b', '?directory=%00', '?other=1']) {
      const res = await client.request('DELETE', `${base}/directories${q}`);
      expect(res.status, q).toBeGreaterThanOrEqual(400);
      expect(res.status, q).toBeLessThan(500);
    }
    for (const body of [{ notify_url: 5 }, { notify_url: 'http://127.0.0.1/\u0000' }, { notify_url: `http://127.0.0.1/${'x'.repeat(5000)}` }, {}]) {
      const res = await client.put(`${base}/notify-url`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(((await client.get(`/console/api/accounts/${m.appid}/pay`)).json.merchants as Array<Record<string, unknown>>)[0]).toMatchObject({ pay_directories: [], default_notify_url: null });

    // An agent may not change the merchant's settings.
    const agent = await signedInOperator(h.app, h.services, { orgId, role: 'agent' });
    expect((await agent.client.post(`${base}/directories`, { directory: 'https://a.example.com/' })).status).toBe(403);
    expect((await agent.client.post(`${base}/api-v2-key`, {})).status).toBe(403);
  });
});
