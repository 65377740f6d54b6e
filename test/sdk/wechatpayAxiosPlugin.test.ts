/**
 * WeChat Pay with an unmodified npm client, wechatpay-axios-plugin: its `baseURL` points at
 * Herald, it signs every request and verifies every 2xx answer's signature with WeChat Pay's
 * public key (PUB_KEY_ID_…), so each call below also proves Herald's signing. Order → pay as a
 * follower (simulator) → the notification verified and decrypted with the client's own helpers
 * at a merchant server → query → refund → refund notification; Native, close, certificates.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import wechatpay from 'wechatpay-axios-plugin';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { startDevServer, type DevServer, type Received } from '../devServer.js';
import { jsapiOrder, makeMerchant, makePayer, type TestMerchant } from '../payHelpers.js';

const { Wechatpay, Rsa, Formatter, Aes } = wechatpay as unknown as {
  Wechatpay: new (cfg: Record<string, unknown>) => any;
  Rsa: { verify(message: string, signature: string, key: unknown): boolean; from(pem: string, type: string): unknown; KEY_TYPE_PUBLIC: string };
  Formatter: { response(ts: string, nonce: string, body: string): string };
  Aes: { AesGcm: { decrypt(ciphertext: string, key: string, iv: string, aad: string): string } };
};

/** Checks a notification as a merchant would with the client's helpers; its decrypted resource. */
function openNotification(req: Received, m: TestMerchant): { envelope: any; resource: any } {
  const h = req.headers;
  expect(h['wechatpay-serial']).toBe(m.publicKeyId);
  expect(h['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048');
  const key = Rsa.from(m.publicKey, Rsa.KEY_TYPE_PUBLIC);
  expect(Rsa.verify(Formatter.response(String(h['wechatpay-timestamp']), String(h['wechatpay-nonce']), req.body), String(h['wechatpay-signature']), key)).toBe(true);
  const envelope = JSON.parse(req.body);
  const r = envelope.resource;
  return { envelope, resource: JSON.parse(Aes.AesGcm.decrypt(r.ciphertext, m.apiV3Key, r.nonce, r.associated_data)) };
}

describeEachDb('wechatpay-axios-plugin against Herald', (kind) => {
  let herald: TestHerald;
  let shop: DevServer;
  let m: TestMerchant;
  let payer: { userId: string; openid: string };
  let wxpay: any;

  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    shop = await startDevServer({ answer: () => ({ status: 204 }) });
    m = await makeMerchant(herald);
    payer = await makePayer(herald, m.appid);
    wxpay = new Wechatpay({ baseURL: `${herald.url}/`, mchid: m.mchid, serial: m.serial, privateKey: m.privateKey, certs: { [m.publicKeyId]: m.publicKey } });
  }, 180_000);

  afterAll(async () => {
    await shop?.close();
    await herald?.close();
  });

  it('orders (JSAPI), is paid by the follower, notifies the merchant, answers queries, refunds', async () => {
    const order = jsapiOrder(m, payer.openid, `${shop.url}/pay/notify`, { attach: 'cart-7' });
    const placed = await wxpay.v3.pay.transactions.jsapi.post(order);
    expect(placed.status).toBe(200);
    expect(placed.data.prepay_id).toMatch(/^wx\d{14}[0-9a-f]{20}$/);

    // Re-entry with the same parameters: the same prepay_id.
    const again = await wxpay.v3.pay.transactions.jsapi.post(order);
    expect(again.data.prepay_id).toBe(placed.data.prepay_id);

    const unpaid = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: m.mchid }, out_trade_no: order.out_trade_no });
    expect(unpaid.data).toMatchObject({ trade_state: 'NOTPAY', trade_state_desc: '订单未支付', out_trade_no: order.out_trade_no, amount: { total: 100 } });
    expect(unpaid.data.transaction_id).toBeUndefined();

    const paid = await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, prepay_id: placed.data.prepay_id } });
    expect(paid.statusCode).toBe(200);

    const [notice] = await shop.waitFor(1, 10_000);
    expect(notice.url).toMatch(/\/pay\/notify$/);
    const { envelope, resource } = openNotification(notice, m);
    expect(envelope).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource', summary: '支付成功', resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' } });
    expect(resource).toMatchObject({ mchid: m.mchid, appid: m.appid, out_trade_no: order.out_trade_no, trade_type: 'JSAPI', trade_state: 'SUCCESS', bank_type: 'OTHERS', attach: 'cart-7', payer: { openid: payer.openid }, amount: { total: 100, payer_total: 100, currency: 'CNY' } });
    expect(resource.transaction_id).toMatch(/^4200\d{24}$/);
    expect(resource.success_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const byId = await wxpay.v3.pay.transactions.id._transaction_id_.get({ params: { mchid: m.mchid }, transaction_id: resource.transaction_id });
    expect(byId.data).toMatchObject({ trade_state: 'SUCCESS', transaction_id: resource.transaction_id, out_trade_no: order.out_trade_no });

    // Ordering again after payment: ORDERPAID.
    await expect(wxpay.v3.pay.transactions.jsapi.post(order)).rejects.toMatchObject({ response: { status: 400, data: { code: 'ORDERPAID' } } });

    // Two partial refunds, then one too many.
    const refund1 = await wxpay.v3.refund.domestic.refunds.post({ out_trade_no: order.out_trade_no, out_refund_no: `R1${order.out_trade_no}`, reason: '部分退款', notify_url: `${shop.url}/pay/refund`, amount: { refund: 30, total: 100, currency: 'CNY' } });
    expect(refund1.data).toMatchObject({ status: 'PROCESSING', amount: { refund: 30, total: 100 }, out_trade_no: order.out_trade_no, transaction_id: resource.transaction_id });
    expect(refund1.data.refund_id).toMatch(/^50\d{27}$/);
    const refund2 = await wxpay.v3.refund.domestic.refunds.post({ transaction_id: resource.transaction_id, out_refund_no: `R2${order.out_trade_no}`, amount: { refund: 70, total: 100, currency: 'CNY' } });
    expect(refund2.data.status).toBe('PROCESSING');
    await expect(wxpay.v3.refund.domestic.refunds.post({ out_trade_no: order.out_trade_no, out_refund_no: `R3${order.out_trade_no}`, amount: { refund: 1, total: 100, currency: 'CNY' } }))
      .rejects.toMatchObject({ response: { status: 400, data: { code: 'INVALID_REQUEST' } } });

    const refunding = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: m.mchid }, out_trade_no: order.out_trade_no });
    expect(refunding.data.trade_state).toBe('REFUND');

    // Refunds succeed 60 s later on the Herald clock.
    herald.services.clock.advance(61_000);
    const done = await wxpay.v3.refund.domestic.refunds._out_refund_no_.get({ out_refund_no: `R1${order.out_trade_no}` });
    expect(done.data).toMatchObject({ status: 'SUCCESS', refund_id: refund1.data.refund_id });
    expect(done.data.success_time).toMatch(/\+08:00$/);

    const [, refundNotice] = await shop.waitFor(2, 10_000);
    expect(refundNotice.url).toMatch(/\/pay\/refund$/);
    const opened = openNotification(refundNotice, m);
    expect(opened.envelope).toMatchObject({ event_type: 'REFUND.SUCCESS', summary: '退款成功', resource: { original_type: 'refund' } });
    expect(opened.resource).toMatchObject({ mchid: m.mchid, out_refund_no: `R1${order.out_trade_no}`, refund_status: 'SUCCESS', amount: { total: 100, refund: 30 } });
  }, 60_000);

  it('Native: a code_url the follower pays by scanning; close answers a signed 204', async () => {
    const body = { appid: m.appid, mchid: m.mchid, description: '扫码商品', out_trade_no: `N${Date.now()}`, notify_url: `${shop.url}/pay/native`, amount: { total: 1 } };
    const placed = await wxpay.v3.pay.transactions.native.post(body);
    expect(placed.data.code_url).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=[A-Za-z0-9]+$/);
    const paid = await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, code_url: placed.data.code_url } });
    expect(paid.json()).toMatchObject({ trade_state: 'SUCCESS', trade_type: 'NATIVE', payer: { openid: payer.openid } });

    const open = { appid: m.appid, mchid: m.mchid, description: '待关闭', out_trade_no: `C${Date.now()}`, notify_url: `${shop.url}/pay/native`, amount: { total: 5 } };
    await wxpay.v3.pay.transactions.native.post(open);
    const closed = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.close.post({ mchid: m.mchid }, { out_trade_no: open.out_trade_no });
    expect(closed.status).toBe(204);
    const again = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.close.post({ mchid: m.mchid }, { out_trade_no: open.out_trade_no });
    expect(again.status).toBe(204);
    const state = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: m.mchid }, out_trade_no: open.out_trade_no });
    expect(state.data.trade_state).toBe('CLOSED');
    await expect(wxpay.v3.pay.transactions.native.post(open)).rejects.toMatchObject({ response: { status: 400, data: { code: 'ORDER_CLOSED' } } });
    await expect(wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: m.mchid }, out_trade_no: 'NO_SUCH_ORDER' }))
      .rejects.toMatchObject({ response: { status: 404, data: { code: 'ORDER_NOT_EXIST' } } });
  }, 60_000);

  it('/v3/certificates: the platform certificate, encrypted with the APIv3 key, signed with its serial when asked', async () => {
    const res = await wxpay.v3.certificates.get();
    const [entry] = res.data.data;
    expect(entry.serial_no).toBe(m.certSerial);
    const e = entry.encrypt_certificate;
    expect(e).toMatchObject({ algorithm: 'AEAD_AES_256_GCM', associated_data: 'certificate' });
    const pem = Aes.AesGcm.decrypt(e.ciphertext, m.apiV3Key, e.nonce, e.associated_data);
    const cert = new X509Certificate(pem);
    expect(cert.serialNumber.toUpperCase()).toBe(m.certSerial);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).toBe(m.publicKey);

    // A client that knows only the certificate (legacy mode) names its serial and gets answers signed with it.
    const legacy = new Wechatpay({ baseURL: `${herald.url}/`, mchid: m.mchid, serial: m.serial, privateKey: m.privateKey, certs: { [m.certSerial]: pem } });
    const viaCert = await legacy.v3.certificates.get({ headers: { 'Wechatpay-Serial': m.certSerial } });
    expect(viaCert.headers['wechatpay-serial']).toBe(m.certSerial);
  }, 60_000);

  it('refuses an AppID not bound to the merchant and an openid of another AppID', async () => {
    const other = await makeMerchant(herald);
    const stranger = await makePayer(herald, other.appid);
    await expect(wxpay.v3.pay.transactions.jsapi.post(jsapiOrder(m, stranger.openid, `${shop.url}/n`, { appid: other.appid })))
      .rejects.toMatchObject({ response: { status: 400, data: { code: 'APPID_MCHID_NOT_MATCH' } } });
    await expect(wxpay.v3.pay.transactions.jsapi.post(jsapiOrder(m, stranger.openid, `${shop.url}/n`)))
      .rejects.toMatchObject({ response: { status: 400, data: { code: 'PARAM_ERROR', message: 'appid和openid不匹配' } } });
  }, 60_000);
});
