/**
 * The /v3 surface against hostile and malformed requests: signatures (missing, wrong, tampered,
 * replayed, stale, wrong serial, wrong merchant), bodies (malformed JSON, null, unknown keys,
 * emoji, oversized, negative, zero and huge amounts) and refunds beyond the total. Never a 500.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { authorization, jsapiOrder, makeMerchant, makePayer, payInject, type TestMerchant } from '../../../../test/payHelpers.js';

const NOTIFY = 'http://127.0.0.1:9/notify';

describeEachDb('WeChat Pay APIv3: hostile input', (kind) => {
  let herald: TestHerald;
  let m: TestMerchant;
  let payer: { userId: string; openid: string };

  beforeAll(async () => {
    herald = await startTestHerald(kind);
    m = await makeMerchant(herald);
    payer = await makePayer(herald, m.appid);
  }, 180_000);
  afterAll(async () => herald?.close());

  const order = (over: Record<string, unknown> = {}) => jsapiOrder(m, payer.openid, NOTIFY, over);
  const JSAPI = '/v3/pay/transactions/jsapi';

  it('refuses a missing, malformed or wrong signature with 401 SIGN_ERROR', { timeout: 60_000 }, async () => {
    const none = await payInject(herald, m, 'POST', JSAPI, order(), { authorization: null });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'SIGN_ERROR', message: '签名错误，请检查后再试' });
    expect(none.headers['request-id']).toMatch(/-268443699$/);

    for (const bad of ['Bearer abc', 'WECHATPAY2-SHA256-RSA2048 mchid=1', 'WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="2"', `WECHATPAY2-SHA256-RSA2048 ${'x'.repeat(5000)}`]) {
      const res = await payInject(herald, m, 'POST', JSAPI, order(), { authorization: bad });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('SIGN_ERROR');
    }

    const body = order();
    const tampered = await payInject(herald, m, 'POST', JSAPI, { ...body, amount: { total: 1 } }, { signedBody: JSON.stringify(body) });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json()).toMatchObject({ code: 'SIGN_ERROR', detail: { field: 'signature', location: 'authorization', detail: { issue: 'sign not match' }, sign_information: { method: 'POST', url: JSAPI } } });

    const otherUrl = await payInject(herald, m, 'POST', JSAPI, order(), { signedUrl: '/v3/pay/transactions/native' });
    expect(otherUrl.statusCode).toBe(401);

    const serial = await payInject(herald, m, 'POST', JSAPI, order(), { serial: '0'.repeat(40) });
    expect(serial.statusCode).toBe(401);

    const badB64 = await payInject(herald, m, 'POST', JSAPI, order(), { authorization: authorization(m, 'POST', JSAPI, '').replace(/signature="[^"]*"/, 'signature="WECHATPAY/SIGNTEST/abc"') });
    expect(badB64.statusCode).toBe(401);
  });

  it('refuses a replayed nonce and a timestamp beyond ±300 s of the Herald clock', { timeout: 60_000 }, async () => {
    const nonce = 'replayed-nonce-1234567890';
    const first = await payInject(herald, m, 'POST', JSAPI, order(), { nonce });
    expect(first.statusCode).toBe(200);
    const replay = await payInject(herald, m, 'POST', JSAPI, order(), { nonce });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().detail.detail.issue).toMatch(/replay/);

    const now = herald.services.clock.nowSec();
    expect((await payInject(herald, m, 'POST', JSAPI, order(), { timestamp: String(now - 290) })).statusCode).toBe(200);
    expect((await payInject(herald, m, 'POST', JSAPI, order(), { timestamp: String(now - 400) })).statusCode).toBe(401);
    expect((await payInject(herald, m, 'POST', JSAPI, order(), { timestamp: String(now + 400) })).statusCode).toBe(401);
    expect((await payInject(herald, m, 'POST', JSAPI, order(), { timestamp: String(now * 1000) })).statusCode).toBe(401);
  });

  it('answers an unknown merchant MCH_NOT_EXISTS and a body for another merchant INVALID_REQUEST', { timeout: 60_000 }, async () => {
    const unknown = await payInject(herald, m, 'POST', JSAPI, order(), { mchid: '1999999999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('MCH_NOT_EXISTS');
    const other = await payInject(herald, m, 'POST', JSAPI, order({ mchid: '1999999999' }));
    expect(other.statusCode).toBe(400);
    expect(other.json().code).toBe('INVALID_REQUEST');
  });

  it('answers malformed bodies PARAM_ERROR naming the field', { timeout: 60_000 }, async () => {
    const cases: Array<[unknown, string | RegExp]> = [
      ['{"appid":', /解析 Json 出错/],
      ['', /解析 Json 出错/],
      ['[1,2]', /解析 Json 出错/],
      [order({ amount: { total: 0 } }), '/amount/total'],
      [order({ amount: { total: -100 } }), '/amount/total'],
      [order({ amount: { total: 1.5 } }), '/amount/total'],
      [order({ amount: { total: 2 ** 31 } }), '/amount/total'],
      [order({ amount: { total: 1e300 } }), '/amount/total'],
      [order({ amount: { total: '100' } }), '/amount/total'],
      [order({ amount: { total: 1, currency: 'USD' } }), '/amount/currency'],
      [order({ attach: null }), '/attach'],
      [order({ description: '表情😀' }), '/description'],
      [order({ description: 'x'.repeat(128) }), '/description'],
      [order({ out_trade_no: 'abc' }), '/out_trade_no'],
      [order({ out_trade_no: 'abc def 123' }), '/out_trade_no'],
      [order({ sneaky: true }), '/sneaky'],
      [order({ time_expire: 'tomorrow' }), '/time_expire'],
      [order({ notify_url: 'ftp://example.com/n' }), '/notify_url'],
      [order({ notify_url: 'http://127.0.0.1/n?x=1' }), '/notify_url'],
    ];
    for (const [body, field] of cases) {
      const res = await payInject(herald, m, 'POST', JSAPI, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      const json = res.json();
      expect(json.code).toBe('PARAM_ERROR');
      if (typeof field === 'string') expect(json.detail.field).toBe(field);
      else expect(json.message).toMatch(field);
    }
    const { payer: _payer, ...noPayer } = order();
    const missing = await payInject(herald, m, 'POST', JSAPI, noPayer);
    expect(missing.json()).toMatchObject({ code: 'PARAM_ERROR', message: 'JSAPI支付必须传openid' });
  });

  it('refuses an oversized body without reading it as an order', { timeout: 60_000 }, async () => {
    const big = JSON.stringify(order({ attach: 'x'.repeat(70 * 1024) }));
    const res = await payInject(herald, m, 'POST', JSAPI, big);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PARAM_ERROR');
  });

  it('applies the re-entry rules of one out_trade_no', { timeout: 60_000 }, async () => {
    const body = order();
    const first = await payInject(herald, m, 'POST', JSAPI, body);
    expect(first.statusCode).toBe(200);
    const changed = await payInject(herald, m, 'POST', JSAPI, { ...body, amount: { total: 101, currency: 'CNY' } });
    expect(changed.statusCode).toBe(400);
    expect(changed.json()).toMatchObject({ code: 'INVALID_REQUEST', message: '请求重入时，参数与首次请求时不一致' });
    const { payer: _p, ...native } = body;
    const otherType = await payInject(herald, m, 'POST', '/v3/pay/transactions/native', native);
    expect(otherType.statusCode).toBe(403);
    expect(otherType.json().code).toBe('OUT_TRADE_NO_USED');
    // Key order does not matter.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await payInject(herald, m, 'POST', JSAPI, reordered)).json().prepay_id).toBe(first.json().prepay_id);
  });

  it('refuses bad refunds: negative, beyond the total, of an unpaid order', { timeout: 60_000 }, async () => {
    const body = order();
    const placed = await payInject(herald, m, 'POST', JSAPI, body);
    const unpaid = await payInject(herald, m, 'POST', '/v3/refund/domestic/refunds', { out_trade_no: body.out_trade_no, out_refund_no: 'R-unpaid', amount: { refund: 1, total: 100, currency: 'CNY' } });
    expect(unpaid.statusCode).toBe(404);
    expect(unpaid.json().code).toBe('RESOURCE_NOT_EXISTS');
    await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, prepay_id: placed.json().prepay_id } });
    const refund = (over: Record<string, unknown>) => payInject(herald, m, 'POST', '/v3/refund/domestic/refunds', { out_trade_no: body.out_trade_no, out_refund_no: `R${Math.random().toString(36).slice(2)}`, amount: { refund: 1, total: 100, currency: 'CNY' }, ...over });
    const negative = await refund({ amount: { refund: -1, total: 100, currency: 'CNY' } });
    expect(negative.statusCode).toBe(400);
    expect(negative.json()).toMatchObject({ code: 'PARAM_ERROR', detail: { field: '/amount/refund' } });
    const beyond = await refund({ amount: { refund: 101, total: 100, currency: 'CNY' } });
    expect(beyond.json()).toMatchObject({ code: 'INVALID_REQUEST' });
    const wrongTotal = await refund({ amount: { refund: 1, total: 99, currency: 'CNY' } });
    expect(wrongTotal.json()).toMatchObject({ code: 'INVALID_REQUEST' });
    const neither = await payInject(herald, m, 'POST', '/v3/refund/domestic/refunds', { out_refund_no: 'R-x', amount: { refund: 1, total: 100, currency: 'CNY' } });
    expect(neither.json().code).toBe('PARAM_ERROR');
    // The same out_refund_no is the same refund; another body under it is refused.
    const once = await refund({ out_refund_no: 'R-same' });
    const twice = await refund({ out_refund_no: 'R-same' });
    expect(twice.json().refund_id).toBe(once.json().refund_id);
    expect((await refund({ out_refund_no: 'R-same', reason: 'changed' })).json().code).toBe('INVALID_REQUEST');
    const missing = await payInject(herald, m, 'GET', '/v3/refund/domestic/refunds/NOPE');
    expect(missing.statusCode).toBe(404);
  });

  it('answers query mistakes and unserved paths in WeChat Pay shape', { timeout: 60_000 }, async () => {
    const noMchid = await payInject(herald, m, 'GET', '/v3/pay/transactions/out-trade-no/abcdef');
    expect(noMchid.statusCode).toBe(400);
    expect(noMchid.json().code).toBe('PARAM_ERROR');
    const otherMchid = await payInject(herald, m, 'GET', '/v3/pay/transactions/out-trade-no/abcdef?mchid=1999999999');
    expect(otherMchid.json().code).toBe('INVALID_REQUEST');
    const unserved = await payInject(herald, m, 'POST', '/v3/pay/partner/transactions/jsapi', order());
    expect(unserved.statusCode).toBe(404);
    expect(unserved.json().code).toBe('NOT_FOUND');
    const weird = await herald.app.inject({ method: 'GET', url: '/v3/%E0%A4%A/<script>' });
    expect(weird.statusCode).toBeLessThan(500);
  });

  it('signs a 2xx answer and a 204 with the public key id', { timeout: 60_000 }, async () => {
    const res = await payInject(herald, m, 'POST', JSAPI, order());
    expect(res.headers['wechatpay-serial']).toBe(m.publicKeyId);
    expect(res.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048');
    expect(res.headers['wechatpay-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers['request-id']).toMatch(/^[0-9A-F]+-0$/);
  });
});
