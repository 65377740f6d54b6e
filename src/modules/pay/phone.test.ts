/**
 * The payer's side through the phone API: the payment sheet from a page's JSAPI parameters
 * (paySign, the prepay_id's AppID, tampering), the six-digit password (set once, wrong attempts
 * locked), paying from 零钱 or a card, bills and refunds in the wallet, Native and H5 orders,
 * the simulator's faults, and hostile bodies.
 */
import { randomBytes, sign } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { jsapiOrder, makeMerchant, makePayer, payInject, type TestMerchant } from '../../../test/payHelpers.js';

describeEachDb('WeChat Pay, the payer (phone)', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { env: { HERALD_PAY_PIN_ATTEMPTS: '3' } });
  }, 180_000);
  afterAll(async () => herald?.close());

  const tokenOf = async (userId: string) => (await herald.app.inject({ method: 'POST', url: '/phone/api/session', payload: { user_id: userId } })).json().token as string;
  const phone = (token: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    herald.app.inject({ method, url: `/phone/api${url}`, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }) });

  /** What a merchant's server hands the page (reference §2.2). */
  function jsapiParams(m: TestMerchant, prepayId: string, over: Record<string, string> = {}) {
    const p = { appId: m.appid, timeStamp: String(herald.services.clock.nowSec()), nonceStr: randomBytes(8).toString('hex'), package: `prepay_id=${prepayId}`, signType: 'RSA', ...over };
    const paySign = sign('sha256', Buffer.from(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`), m.privateKey).toString('base64');
    return { ...p, paySign };
  }

  async function order(m: TestMerchant, openid: string, over: Record<string, unknown> = {}) {
    const res = await payInject(herald, m, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder(m, openid, 'https://example.com/notify', over));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().prepay_id as string;
  }

  it('opens the sheet for a verified paySign, sets the password on the first payment, pays from 零钱', { timeout: 60_000 }, async () => {
    const m = await makeMerchant(herald);
    const payer = await makePayer(herald, m.appid);
    const token = await tokenOf(payer.userId);
    const prepayId = await order(m, payer.openid);

    const sheet = await phone(token, 'POST', '/pay/sheet', { api: 'getBrandWCPayRequest', params: jsapiParams(m, prepayId) });
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json()).toMatchObject({ ok: true, sheet: { amount: 100, description: 'Herald 测试商品', account: { appid: m.appid, followed: true }, wallet: { balance: 100_000, has_pin: false } } });
    expect(sheet.json().sheet.wallet.cards).toHaveLength(1);
    const ref = sheet.json().sheet.order_ref;

    const paid = await phone(token, 'POST', '/pay/confirm', { order_ref: ref, pin: '123456' });
    expect(paid.json()).toMatchObject({ result: 'ok', pin_set: true, amount: 100 });
    const query = await payInject(herald, m, 'GET', `/v3/pay/transactions/id/${paid.json().transaction_id}?mchid=${m.mchid}`);
    expect(query.json()).toMatchObject({ trade_state: 'SUCCESS', bank_type: 'OTHERS', payer: { openid: payer.openid } });

    const wallet = await phone(token, 'GET', '/pay/wallet');
    expect(wallet.json()).toMatchObject({ balance: 99_900, has_pin: true });
    expect(wallet.json().bills[0]).toMatchObject({ kind: 'payment', amount: -100, appid: m.appid, method: 'balance' });

    // Paid: the sheet does not open again.
    const again = await phone(token, 'POST', '/pay/sheet', { api: 'chooseWXPay', params: jsapiParams(m, prepayId) });
    expect(again.json()).toMatchObject({ ok: false, err_msg: 'chooseWXPay:fail' });

    // A refund comes back to 零钱 and shows in the bills.
    const refund = await payInject(herald, m, 'POST', '/v3/refund/domestic/refunds', { transaction_id: paid.json().transaction_id, out_refund_no: `R${randomBytes(6).toString('hex')}`, amount: { refund: 40, total: 100, currency: 'CNY' } });
    expect(refund.statusCode, refund.body).toBe(200);
    await herald.app.inject({ method: 'POST', url: '/sim/v1/clock/advance', payload: { seconds: 120 } });
    await payInject(herald, m, 'GET', `/v3/refund/domestic/refunds/${refund.json().out_refund_no}`);
    const after = (await phone(token, 'GET', '/pay/wallet')).json();
    expect(after.balance).toBe(99_940);
    expect(after.bills[0]).toMatchObject({ kind: 'refund', amount: 40 });

    // The 微信支付 receipts: the refund, then the payment, each with the merchant's official account.
    const receipts = (await phone(token, 'GET', '/pay/receipts')).json().receipts;
    expect(receipts).toHaveLength(2);
    expect(receipts[0]).toMatchObject({ kind: 'refund', amount: 40, merchant_name: receipts[1].merchant_name, transaction_id: paid.json().transaction_id, method: 'balance', account: { appid: m.appid, followed: true } });
    expect(receipts[1]).toMatchObject({ kind: 'payment', amount: 100, description: 'Herald 测试商品', transaction_id: paid.json().transaction_id, account: { appid: m.appid, followed: true } });
    expect(receipts[1].merchant_name.length).toBeGreaterThan(0);
    expect(Date.parse(receipts[0].at)).toBeGreaterThanOrEqual(Date.parse(receipts[1].at));
    expect((await phone(token, 'GET', '/pay/receipts?limit=1')).json().receipts).toEqual([receipts[0]]);
    // Another user sees none of them.
    const other = await makePayer(herald, m.appid);
    expect((await phone(await tokenOf(other.userId), 'GET', '/pay/receipts')).json().receipts).toEqual([]);
  });

  it('refuses a bad paySign, a tampered package, another AppID and another payer with the page\'s fail', { timeout: 60_000 }, async () => {
    const m = await makeMerchant(herald);
    const other = await makeMerchant(herald);
    const payer = await makePayer(herald, m.appid);
    const stranger = await makePayer(herald, m.appid);
    const token = await tokenOf(payer.userId);
    const prepayId = await order(m, payer.openid);
    const good = jsapiParams(m, prepayId);
    const cases: Array<[string, Record<string, string>]> = [
      ['bad paySign', { ...good, paySign: `${good.paySign.slice(0, -4)}AAA=` }],
      ['signed by another merchant', jsapiParams(other, prepayId, { appId: m.appid })],
      ['tampered package', { ...good, package: `prepay_id=${prepayId.slice(0, -1)}${prepayId.endsWith('0') ? '1' : '0'}` }],
      ['not RSA', { ...good, signType: 'MD5' }],
      ['other appId', jsapiParams(m, prepayId, { appId: other.appid })],
      ['garbage package', { ...good, package: 'prepay_id=<script>' }],
      ['huge paySign', { ...good, paySign: 'A'.repeat(1000) }],
    ];
    for (const [name, params] of cases) {
      const res = await phone(token, 'POST', '/pay/sheet', { api: 'getBrandWCPayRequest', params });
      expect(res.statusCode, name).toBe(200);
      expect(res.json(), name).toMatchObject({ ok: false, err_msg: 'get_brand_wcpay_request:fail' });
    }
    const theirs = await phone(await tokenOf(stranger.userId), 'POST', '/pay/sheet', { api: 'chooseWXPay', params: good });
    expect(theirs.json()).toMatchObject({ ok: false, err_msg: 'chooseWXPay:fail' });
    const q = await payInject(herald, m, 'GET', `/v3/pay/transactions/out-trade-no/x?mchid=${m.mchid}`);
    expect(q.statusCode).toBe(404);
  });

  it('counts wrong passwords and locks after the configured number; NOTENOUGH switches to a card', { timeout: 60_000 }, async () => {
    const m = await makeMerchant(herald);
    const payer = await makePayer(herald, m.appid);
    const token = await tokenOf(payer.userId);
    const prepayId = await order(m, payer.openid, { amount: { total: 2_000_000, currency: 'CNY' } });
    const ref = (await phone(token, 'POST', '/pay/sheet', { api: 'chooseWXPay', params: jsapiParams(m, prepayId) })).json().sheet.order_ref;

    expect((await phone(token, 'POST', '/pay/confirm', { order_ref: ref, pin: '111111' })).json()).toMatchObject({ result: 'notenough', pin_set: true });
    expect((await phone(token, 'POST', '/pay/confirm', { order_ref: ref, pin: '222222' })).json()).toEqual({ result: 'wrong_pin', attempts_left: 2 });
    expect((await phone(token, 'POST', '/pay/confirm', { order_ref: ref, pin: '333333' })).json()).toEqual({ result: 'wrong_pin', attempts_left: 1 });
    expect((await phone(token, 'POST', '/pay/confirm', { order_ref: ref, pin: '444444' })).json()).toMatchObject({ result: 'locked' });
    // Locked: even the right password waits.
    expect((await phone(token, 'POST', '/pay/confirm', { order_ref: ref, pin: '111111' })).json()).toMatchObject({ result: 'locked' });
    await herald.app.inject({ method: 'POST', url: '/sim/v1/clock/advance', payload: { seconds: 3 * 3600 + 1 } });
    const card = (await phone(token, 'GET', '/pay/wallet')).json().cards[0].id;
    const paid = await phone(token, 'POST', '/pay/confirm', { order_ref: ref, pin: '111111', method: card });
    expect(paid.json()).toMatchObject({ result: 'ok' });
    const query = await payInject(herald, m, 'GET', `/v3/pay/transactions/id/${paid.json().transaction_id}?mchid=${m.mchid}`);
    expect(query.json()).toMatchObject({ trade_state: 'SUCCESS', bank_type: 'CMB_DEBIT' });
    expect((await phone(token, 'GET', '/pay/wallet')).json().balance).toBe(100_000);
  });

  it('pays a Native code_url and an H5 h5_url; refuses APP orders for an Official Account', { timeout: 60_000 }, async () => {
    const m = await makeMerchant(herald);
    const payer = await makePayer(herald, m.appid);
    const token = await tokenOf(payer.userId);
    const { payer: _p, ...nativeBody } = jsapiOrder(m, payer.openid, 'https://example.com/notify');
    const native = await payInject(herald, m, 'POST', '/v3/pay/transactions/native', nativeBody);
    const sheet = await phone(token, 'POST', '/pay/sheet', { code_url: native.json().code_url });
    expect(sheet.json()).toMatchObject({ ok: true, sheet: { trade_type: 'NATIVE' } });
    expect((await phone(token, 'POST', '/pay/confirm', { order_ref: sheet.json().sheet.order_ref, pin: '654321' })).json()).toMatchObject({ result: 'ok' });

    const h5Body = { ...jsapiOrder(m, payer.openid, 'https://example.com/notify'), payer: undefined, scene_info: { payer_client_ip: '203.0.113.9', h5_info: { type: 'Wap' } } };
    delete h5Body.payer;
    const h5 = await payInject(herald, m, 'POST', '/v3/pay/transactions/h5', h5Body);
    expect(h5.statusCode, h5.body).toBe(200);
    expect(h5.json().h5_url).toMatch(/^https:\/\/wx\.tenpay\.com\/cgi-bin\/mmpayweb-bin\/checkmweb\?prepay_id=wx\w+&package=\w+$/);
    const h5Sheet = await phone(token, 'POST', '/pay/sheet', { h5_url: h5.json().h5_url });
    expect(h5Sheet.json()).toMatchObject({ ok: true, sheet: { trade_type: 'MWEB' } });

    const noScene = await payInject(herald, m, 'POST', '/v3/pay/transactions/h5', { ...h5Body, out_trade_no: 'H5NOSCENE1', scene_info: undefined });
    expect(noScene.statusCode).toBe(400);
    expect(noScene.json()).toMatchObject({ code: 'PARAM_ERROR', detail: { field: '/scene_info' } });
    const noH5Info = await payInject(herald, m, 'POST', '/v3/pay/transactions/h5', { ...h5Body, out_trade_no: 'H5NOINFO1', scene_info: { payer_client_ip: '203.0.113.9' } });
    expect(noH5Info.json()).toMatchObject({ code: 'PARAM_ERROR', detail: { field: '/scene_info/h5_info' } });
    const badType = await payInject(herald, m, 'POST', '/v3/pay/transactions/h5', { ...h5Body, out_trade_no: 'H5BADTYPE1', scene_info: { payer_client_ip: '203.0.113.9', h5_info: { type: 'Desktop' } } });
    expect(badType.json()).toMatchObject({ code: 'PARAM_ERROR' });

    const app = await payInject(herald, m, 'POST', '/v3/pay/transactions/app', nativeBody);
    expect(app.statusCode).toBe(400);
    expect(app.json()).toMatchObject({ code: 'APPID_MCHID_NOT_MATCH' });
  });

  it('injects faults: errors for the next orders, PAYERROR, USERPAYING, NOTENOUGH, a delayed notification', { timeout: 60_000 }, async () => {
    const m = await makeMerchant(herald);
    const payer = await makePayer(herald, m.appid);
    const token = await tokenOf(payer.userId);
    const fault = (body: unknown) => herald.app.inject({ method: 'POST', url: `/sim/v1/pay/merchants/${m.mchid}/faults`, payload: body as object });

    expect((await fault({ kind: 'order', code: 'SYSTEM_ERROR', count: 2 })).statusCode).toBe(201);
    expect((await fault({ kind: 'order', code: 'FREQUENCY_LIMITED' })).statusCode).toBe(201);
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const res = await payInject(herald, m, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder(m, payer.openid, 'https://example.com/notify'));
      codes.push([res.statusCode, res.statusCode === 200 ? 'ok' : res.json().code]);
    }
    expect(codes).toEqual([[500, 'SYSTEM_ERROR'], [500, 'SYSTEM_ERROR'], [429, 'FREQUENCY_LIMITED'], [200, 'ok']]);

    await fault({ kind: 'payment', outcome: 'PAYERROR' });
    const p1 = await order(m, payer.openid);
    const r1 = (await phone(token, 'POST', '/pay/sheet', { api: 'chooseWXPay', params: jsapiParams(m, p1) })).json().sheet.order_ref;
    expect((await phone(token, 'POST', '/pay/confirm', { order_ref: r1, pin: '123456' })).json()).toMatchObject({ result: 'payerror' });
    await fault({ kind: 'payment', outcome: 'USERPAYING' });
    const p2 = await order(m, payer.openid);
    const r2 = (await phone(token, 'POST', '/pay/sheet', { api: 'chooseWXPay', params: jsapiParams(m, p2) })).json().sheet.order_ref;
    expect((await phone(token, 'POST', '/pay/confirm', { order_ref: r2, pin: '123456' })).json()).toMatchObject({ result: 'userpaying' });

    expect((await herald.app.inject({ method: 'POST', url: `/sim/v1/pay/users/${payer.userId}/faults`, payload: { kind: 'notenough' } })).statusCode).toBe(201);
    expect((await phone(token, 'POST', '/pay/confirm', { order_ref: r2, pin: '123456' })).json()).toMatchObject({ result: 'notenough' });

    await fault({ kind: 'notify_delay', seconds: 600 });
    expect((await herald.app.inject({ method: 'GET', url: `/sim/v1/pay/merchants/${m.mchid}/faults` })).json().faults).toEqual([expect.objectContaining({ kind: 'notify_delay', seconds: 600, remaining: 1 })]);
    expect((await phone(token, 'POST', '/pay/confirm', { order_ref: r2, pin: '123456' })).json()).toMatchObject({ result: 'ok' });
    const list = (await herald.app.inject({ method: 'GET', url: `/sim/v1/pay/merchants/${m.mchid}/notifications` })).json().notifications;
    expect(list).toHaveLength(1);
    expect(list[0].attempts).toEqual([]);

    for (const bad of [{ kind: 'order', code: 'NOPE' }, { kind: 'weird' }, { kind: 'notify_delay', seconds: 0 }, { kind: 'order', code: 'SYSTEM_ERROR', count: 10_000 }, 'x']) {
      const res = await fault(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, JSON.stringify(bad)).toBeLessThan(500);
    }
  });

  it('hostile bodies: 400 with the field, never a 500; no token 401', { timeout: 60_000 }, async () => {
    const m = await makeMerchant(herald);
    const payer = await makePayer(herald, m.appid);
    const token = await tokenOf(payer.userId);
    const bodies: unknown[] = [
      '{', '[]', {}, { api: 'pay', params: {} }, { api: 'chooseWXPay', params: { appId: 'x'.repeat(100) } }, { code_url: 'x'.repeat(300) },
      { code_url: 'weixin://wxpay/bizpayurl?pr=nope' }, { h5_url: 'https://evil.example/checkmweb?prepay_id=wx1' }, { code_url: 1 },
    ];
    for (const body of bodies) {
      const res = await phone(token, 'POST', '/pay/sheet', body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, JSON.stringify(body)).toBeLessThan(500);
    }
    for (const body of [{ order_ref: 'nope', pin: '123456' }, { order_ref: '00000000-0000-4000-8000-000000000000', pin: '12345' }, { order_ref: '00000000-0000-4000-8000-000000000000', pin: '1'.repeat(100) }, { order_ref: '00000000-0000-4000-8000-000000000000', pin: '123456', method: 'bitcoin' }]) {
      const res = await phone(token, 'POST', '/pay/confirm', body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    for (const amount of [0, -1, 1.5, 2 ** 53, 'a']) {
      const res = await phone(token, 'POST', '/pay/wallet/top-up', { amount });
      expect(res.statusCode, String(amount)).toBe(400);
    }
    expect((await phone(token, 'POST', '/pay/wallet/top-up', { amount: 100_000_000 })).statusCode).toBe(400);
    expect((await phone(token, 'POST', '/pay/wallet/top-up', { amount: 5_000 })).json().balance).toBe(105_000);
    const anon = await herald.app.inject({ method: 'GET', url: '/phone/api/pay/wallet' });
    expect(anon.statusCode).toBe(401);
    for (const q of ['limit=0', 'limit=-1', 'limit=101', 'limit=abc', 'limit=1.5', `limit=${'9'.repeat(400)}`]) {
      const res = await phone(token, 'GET', `/pay/receipts?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
    expect((await herald.app.inject({ method: 'GET', url: '/phone/api/pay/receipts' })).statusCode).toBe(401);
  });
});
