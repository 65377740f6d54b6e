/**
 * WeChat Pay with wechatpay-node-v3, unmodified: it hard-codes api.mch.weixin.qq.com, so its
 * supported hook `createHttp` gets a transport that sends the same request to Herald. Order
 * (with the SDK's own paySign), pay as a follower, the notification checked with its
 * `verifySign` (public-key mode: `Pay.certificates` seeded with PUB_KEY_ID_…) and opened with
 * `decipher_gcm`, query, close, refund and refund query.
 */
import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WxPay from 'wechatpay-node-v3';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { startDevServer, type DevServer } from '../devServer.js';
import { makeMerchant, makePayer, type TestMerchant } from '../payHelpers.js';

const WECHAT = 'https://api.mch.weixin.qq.com';

/** The SDK's IPayRequest, sending to Herald instead of WeChat (the signed path is unchanged). */
function heraldTransport(base: string) {
  const answer = async (res: Response) => {
    const text = await res.text();
    if (res.ok) return { status: res.status, data: text ? JSON.parse(text) : {} };
    return { status: res.status, error: text };
  };
  return {
    post: async (url: string, params: unknown, headers: Record<string, string>) => answer(await fetch(url.replace(WECHAT, base), { method: 'POST', headers, body: JSON.stringify(params) })),
    get: async (url: string, headers: Record<string, string>) => answer(await fetch(url.replace(WECHAT, base), { headers })),
    upload: async () => {
      throw new Error('not used');
    },
  };
}

type AnyPay = any;

describeEachDb('wechatpay-node-v3 against Herald', (kind) => {
  let herald: TestHerald;
  let shop: DevServer;
  let m: TestMerchant;
  let pay: AnyPay;

  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    shop = await startDevServer({ answer: () => ({ status: 200, body: '{"code":"SUCCESS","message":"成功"}' }) });
    m = await makeMerchant(herald);
    const Pay = WxPay as unknown as (new (cfg: Record<string, unknown>) => AnyPay) & { certificates: Record<string, string> };
    pay = new Pay({ appid: m.appid, mchid: m.mchid, serial_no: m.serial, publicKey: Buffer.from('unused: serial_no is given'), privateKey: Buffer.from(m.privateKey), key: m.apiV3Key });
    pay.createHttp(heraldTransport(herald.url));
    Pay.certificates[m.publicKeyId] = m.publicKey;
  }, 180_000);

  afterAll(async () => {
    await shop?.close();
    await herald?.close();
  });

  it('order → pay → verified notification → query → refund → close', async () => {
    const payer = await makePayer(herald, m.appid);
    const outTradeNo = `V3${Date.now()}`;
    const placed = await pay.transactions_jsapi({ description: '节点测试', out_trade_no: outTradeNo, notify_url: `${shop.url}/notify`, amount: { total: 250 }, payer: { openid: payer.openid } });
    expect(placed.status).toBe(200);
    const params = placed.data as { appId: string; timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string };
    expect(params.package).toMatch(/^prepay_id=wx/);
    // The SDK's paySign verifies with the merchant public key Herald holds.
    const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(verify('sha256', Buffer.from(message), createPublicKey(m.privateKey), Buffer.from(params.paySign, 'base64'))).toBe(true);

    const paid = await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, prepay_id: params.package.slice('prepay_id='.length) } });
    expect(paid.statusCode).toBe(200);
    const [notice] = await shop.waitFor(1, 10_000);
    const h = notice.headers;
    const ok = await pay.verifySign({ timestamp: String(h['wechatpay-timestamp']), nonce: String(h['wechatpay-nonce']), body: notice.body, serial: String(h['wechatpay-serial']), signature: String(h['wechatpay-signature']) });
    expect(ok).toBe(true);
    const r = JSON.parse(notice.body).resource;
    const tx = pay.decipher_gcm(r.ciphertext, r.associated_data, r.nonce, m.apiV3Key);
    expect(tx).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'SUCCESS', amount: { total: 250 } });
    const forged = await pay.verifySign({ timestamp: String(h['wechatpay-timestamp']), nonce: String(h['wechatpay-nonce']), body: notice.body.replace('"id"', '"id" '), serial: String(h['wechatpay-serial']), signature: String(h['wechatpay-signature']) });
    expect(forged).toBe(false);

    const queried = await pay.query({ out_trade_no: outTradeNo });
    expect(queried.data).toMatchObject({ trade_state: 'SUCCESS', transaction_id: tx.transaction_id });

    const refund = await pay.refunds({ out_trade_no: outTradeNo, out_refund_no: `RF${outTradeNo}`, amount: { refund: 50, total: 250, currency: 'CNY' } });
    expect(refund.data).toMatchObject({ status: 'PROCESSING', amount: { refund: 50 } });
    const found = await pay.find_refunds(`RF${outTradeNo}`);
    expect(found.data).toMatchObject({ out_refund_no: `RF${outTradeNo}`, refund_id: refund.data.refund_id });

    const other = `V3C${Date.now()}`;
    await pay.transactions_native({ description: '关闭', out_trade_no: other, notify_url: `${shop.url}/notify`, amount: { total: 1 } });
    const closed = await pay.close(other);
    expect(closed.status).toBe(204);
    const closedPaid = await pay.close(outTradeNo);
    expect(closedPaid.status).toBe(400);
    expect(JSON.parse(closedPaid.error)).toMatchObject({ code: 'ORDERPAID' });
  }, 60_000);
});
