/**
 * WeChat Pay APIv2 (XML) and bills with an unmodified wechatpay-axios-plugin: its `v2` client
 * signs every request with the APIv2 key and checks every answer's `sign`. unifiedorder → paid
 * by a follower (simulator) → the payment notify XML verified → orderquery → secapi refund over
 * mutual TLS (through a TLS-terminating proxy that passes the client certificate in
 * `X-Client-Cert`, as nginx's `$ssl_client_escaped_cert` does) → the refund notify's req_info
 * decrypted → downloadbill; then APIv3 tradebill and its download checked against hash_value.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import wechatpay from 'wechatpay-axios-plugin';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { startDevServer, type DevServer } from '../devServer.js';
import { makeMerchant, makePayer, type TestMerchant } from '../payHelpers.js';
import { selfSignedCertificate } from '../../src/modules/pay/rules/certificate.js';
import { waitFor } from '../wait.js';
import { SystemClock } from '../../src/platform/clock.js';

const { Wechatpay, Hash, Transformer, Aes } = wechatpay as unknown as {
  Wechatpay: new (cfg: Record<string, unknown>) => any;
  Hash: { sign(type: string, data: object, key: unknown): string; md5(thing: unknown): string; keyObjectFrom(s: string): unknown };
  Transformer: { toObject(xml: string): Record<string, string> };
  Aes: { AesEcb: { decrypt(ciphertext: string, key: string): string } };
};

const SUCCESS_REPLY = '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>';

/** A TLS-terminating proxy in front of Herald: asks for a client certificate and forwards it URL-encoded in X-Client-Cert. */
async function startTlsProxy(target: string): Promise<{ url: string; cert: string; close(): Promise<void> }> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = new Date();
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const cert = selfSignedCertificate({
    serialHex: '1A2B3C', commonName: '127.0.0.1', organization: 'proxy', notBefore: new Date(now.getTime() - 60_000), notAfter: new Date(now.getTime() + 86_400_000),
    spkiDer: publicKey.export({ type: 'spki', format: 'der' }), privateKeyPem: keyPem,
  });
  const server = https.createServer({ key: keyPem, cert, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    const headers = { ...req.headers };
    delete headers['x-client-cert'];
    if (peer?.raw) headers['x-client-cert'] = encodeURIComponent(`-----BEGIN CERTIFICATE-----\n${peer.raw.toString('base64')}\n-----END CERTIFICATE-----\n`);
    const up = http.request(`${target}${req.url}`, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`, cert, close: () => new Promise((r) => server.close(() => r())) };
}

describeEachDb('wechatpay-axios-plugin APIv2 and bills against Herald', (kind) => {
  let herald: TestHerald;
  let shop: DevServer;
  let proxy: Awaited<ReturnType<typeof startTlsProxy>>;
  let m: TestMerchant;
  let payer: { userId: string; openid: string };
  let wxpay: any;
  let apiclientCert: string;

  beforeAll(async () => {
    // Herald's clock starts 34 hours behind: moving it back to the real time later makes the day's
    // bills ready (09:00 the next day, China time) while APIv3 timestamps (the real time) still match.
    herald = await startTestHerald(kind, { listen: true, env: { HERALD_PAY_CLIENT_CERT_HEADER: 'X-Client-Cert' }, clock: new SystemClock({ adjustable: true, offsetMs: -34 * 3600_000 }) });
    shop = await startDevServer({ answer: () => ({ status: 200, body: SUCCESS_REPLY, contentType: 'text/xml' }) });
    proxy = await startTlsProxy(herald.url);
    m = await makeMerchant(herald);
    payer = await makePayer(herald, m.appid);
    apiclientCert = (await herald.app.inject({ method: 'GET', url: `/sim/v1/pay/merchants/${m.mchid}/apiclient-cert` })).json().apiclient_cert;
    wxpay = new Wechatpay({
      baseURL: `${herald.url}/`, mchid: m.mchid, serial: m.serial, privateKey: m.privateKey, certs: { [m.publicKeyId]: m.publicKey },
      secret: m.apiV2Key,
      merchant: { cert: apiclientCert, key: m.privateKey, ca: proxy.cert, checkServerIdentity: () => undefined },
    });
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await shop?.close();
    await herald?.close();
  });

  const advance = (seconds: number) => herald.app.inject({ method: 'POST', url: '/sim/v1/clock/advance', payload: { seconds } });

  it('unifiedorder → pay → notify → orderquery → secapi refund (mTLS) → refund notify → downloadbill → v3 tradebill', { timeout: 120_000 }, async () => {
    const outTradeNo = `V2${Date.now()}`;
    const placed = await wxpay.v2.pay.unifiedorder.post({
      appid: m.appid, mch_id: m.mchid, body: '测试商品', out_trade_no: outTradeNo, total_fee: 1000, spbill_create_ip: '127.0.0.1',
      notify_url: `${shop.url}/v2/notify`, trade_type: 'JSAPI', openid: payer.openid, attach: 'cart-9',
    });
    expect(placed.data).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS', trade_type: 'JSAPI', appid: m.appid, mch_id: m.mchid });
    expect(placed.data.prepay_id).toMatch(/^wx\d{14}[0-9a-f]{20}$/);

    const paid = await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, prepay_id: placed.data.prepay_id } });
    expect(paid.statusCode).toBe(200);

    const [notice] = await shop.waitFor(1, 10_000);
    expect(String(notice.headers['content-type'])).toMatch(/text\/xml/);
    const note = Transformer.toObject(notice.body);
    expect(note).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS', appid: m.appid, mch_id: m.mchid, out_trade_no: outTradeNo, total_fee: '1000', cash_fee: '1000', openid: payer.openid, is_subscribe: 'Y', trade_type: 'JSAPI', attach: 'cart-9', fee_type: 'CNY', bank_type: 'OTHERS' });
    expect(note.time_end).toMatch(/^\d{14}$/);
    expect(Hash.sign('MD5', Object.fromEntries(Object.entries(note).filter(([k]) => k !== 'sign')), Hash.keyObjectFrom(m.apiV2Key))).toBe(note.sign);

    const query = await wxpay.v2.pay.orderquery.post({ appid: m.appid, mch_id: m.mchid, out_trade_no: outTradeNo, sign_type: 'HMAC-SHA256' });
    expect(query.data).toMatchObject({ trade_state: 'SUCCESS', transaction_id: note.transaction_id, total_fee: '1000' });
    expect(query.data.sign).toHaveLength(64);

    // Without the client certificate (straight to Herald): refused before anything happens.
    const refund = { appid: m.appid, mch_id: m.mchid, out_trade_no: outTradeNo, out_refund_no: `R${outTradeNo}`, total_fee: 1000, refund_fee: 300, notify_url: `${shop.url}/v2/refund` };
    const noCert = await wxpay.v2.secapi.pay.refund.post(refund).catch((e: any) => e);
    expect(noCert.code).toBe('EV2_RES_STATUS_CODE_NOT_SUCESS');
    expect(noCert.response.data).toMatchObject({ return_code: 'FAIL', return_msg: '证书错误' });

    const refunded = await wxpay.v2.secapi.pay.refund.post(refund, { baseURL: proxy.url, security: true });
    expect(refunded.data).toMatchObject({ result_code: 'SUCCESS', out_refund_no: refund.out_refund_no, refund_fee: '300', total_fee: '1000', transaction_id: note.transaction_id });
    expect(refunded.data.refund_id).toMatch(/^50\d{27}$/);

    await advance(61);
    const [, refundNotice] = await shop.waitFor(2, 15_000);
    const rn = Transformer.toObject(refundNotice.body);
    expect(rn).toMatchObject({ return_code: 'SUCCESS', appid: m.appid, mch_id: m.mchid });
    const info = Transformer.toObject(Aes.AesEcb.decrypt(rn.req_info, Hash.md5(Hash.keyObjectFrom(m.apiV2Key))));
    expect(info).toMatchObject({ out_refund_no: refund.out_refund_no, refund_id: refunded.data.refund_id, refund_status: 'SUCCESS', refund_fee: '300', total_fee: '1000', out_trade_no: outTradeNo });

    const rq = await wxpay.v2.pay.refundquery.post({ appid: m.appid, mch_id: m.mchid, out_trade_no: outTradeNo });
    expect(rq.data).toMatchObject({ refund_count: '1', refund_status_0: 'SUCCESS', out_refund_no_0: refund.out_refund_no });

    // The day's bill: not before 09:00 the next day (China time).
    const nowMs = herald.services.clock.nowMs();
    const day = new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10);
    const early = await wxpay.v2.pay.downloadbill.post({ appid: m.appid, mch_id: m.mchid, bill_date: day.replaceAll('-', ''), bill_type: 'ALL' }).catch((e: any) => e);
    expect(early.response?.data ?? early.data).toMatchObject({ return_code: 'FAIL', return_msg: 'No Bill Exist' });
    expect(Date.now() - (Date.parse(`${day}T09:00:00+08:00`) + 86_400_000)).toBeGreaterThan(0);
    await advance((Date.now() - herald.services.clock.nowMs()) / 1000);

    // The bill is text, not XML: the client's XML parser would drop it, so it is read as is.
    const bill = await wxpay.v2.pay.downloadbill.post({ appid: m.appid, mch_id: m.mchid, bill_date: day.replaceAll('-', ''), bill_type: 'ALL' }, { transformResponse: [(d: string) => d] });
    const text = String(bill.data);
    // axios drops the UTF-8 BOM of a text answer; the file itself carries one (checked below).
    expect(text.startsWith('交易时间,公众账号ID,商户号')).toBe(true);
    expect(text).toContain(`\`${outTradeNo}`);
    expect(text).toContain('`10.00');
    expect(text).toContain('`0.06');
    expect(text).toContain('`3.00');

    const described = await wxpay.v3.bill.tradebill.get({ params: { bill_date: day, bill_type: 'ALL' } });
    expect(described.data).toMatchObject({ hash_type: 'SHA1' });
    const url = new URL(described.data.download_url);
    expect(url.pathname).toBe('/v3/billdownload/file');
    const file = await wxpay.v3.billdownload.file.get({ params: { token: url.searchParams.get('token') }, responseType: 'arraybuffer' });
    const bytes = Buffer.from(file.data);
    expect(createHash('sha1').update(bytes).digest('hex')).toBe(described.data.hash_value);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(bytes.toString('utf8').slice(1)).toBe(text);

    // T+1 settlement: 10.00 paid, 3.00 refunded, fee 0.06 − 0.02 returned.
    await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/settlements/run' });
    await waitFor(async () => (await herald.app.inject({ method: 'GET', url: `/sim/v1/pay/merchants/${m.mchid}/settlements` })).json().settlements, (l: unknown[]) => l.length === 1);
    const s = (await herald.app.inject({ method: 'GET', url: `/sim/v1/pay/merchants/${m.mchid}/settlements` })).json().settlements[0];
    expect(s).toMatchObject({ trade_date: day, payments: 1000, refunds: 300, fee: 4, net: 696, fee_rate: '0.60%' });

    const flow = await wxpay.v3.bill.fundflowbill.get({ params: { bill_date: day } });
    const flowFile = await wxpay.v3.billdownload.file.get({ params: { token: new URL(flow.data.download_url).searchParams.get('token') }, responseType: 'arraybuffer' });
    expect(createHash('sha1').update(Buffer.from(flowFile.data)).digest('hex')).toBe(flow.data.hash_value);
    expect(Buffer.from(flowFile.data).toString('utf8')).toContain('`扣除交易手续费');
  });

  it('MWEB: mweb_url opened in the phone pays through the sheet; APP is refused for an Official Account', { timeout: 60_000 }, async () => {
    const outTradeNo = `MW${Date.now()}`;
    const placed = await wxpay.v2.pay.unifiedorder.post({
      appid: m.appid, mch_id: m.mchid, body: 'H5 商品', out_trade_no: outTradeNo, total_fee: 250, spbill_create_ip: '203.0.113.7',
      notify_url: `${shop.url}/v2/mweb`, trade_type: 'MWEB', scene_info: JSON.stringify({ h5_info: { type: 'Wap', wap_url: 'https://shop.example', wap_name: '测试商城' } }),
    });
    expect(placed.data).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS', trade_type: 'MWEB' });
    expect(placed.data.mweb_url).toMatch(/^https:\/\/wx\.tenpay\.com\/cgi-bin\/mmpayweb-bin\/checkmweb\?prepay_id=wx\w+&package=\w+$/);
    expect(placed.data.mweb_url).toContain(placed.data.prepay_id);

    // The merchant's page sends the payer to mweb_url with its redirect_url; the phone opens it into the sheet.
    const token = (await herald.app.inject({ method: 'POST', url: '/phone/api/session', payload: { user_id: payer.userId } })).json().token as string;
    const opened = `${placed.data.mweb_url}&redirect_url=${encodeURIComponent('https://shop.example/done')}`;
    const sheet = await herald.app.inject({ method: 'POST', url: '/phone/api/pay/sheet', headers: { authorization: `Bearer ${token}` }, payload: { h5_url: opened } });
    expect(sheet.json()).toMatchObject({ ok: true, sheet: { amount: 250, description: 'H5 商品' } });
    const paid = await herald.app.inject({ method: 'POST', url: '/phone/api/pay/confirm', headers: { authorization: `Bearer ${token}` }, payload: { order_ref: sheet.json().sheet.order_ref, pin: '123456' } });
    expect(paid.json()).toMatchObject({ result: 'ok', amount: 250 });

    const query = await wxpay.v2.pay.orderquery.post({ appid: m.appid, mch_id: m.mchid, out_trade_no: outTradeNo });
    expect(query.data).toMatchObject({ trade_state: 'SUCCESS', trade_type: 'MWEB', total_fee: '250' });
    const notice = await waitFor(async () => shop.requests.map((r) => Transformer.toObject(r.body)).find((n) => n.out_trade_no === outTradeNo), (n) => n !== undefined, 15_000);
    expect(notice).toMatchObject({ result_code: 'SUCCESS', trade_type: 'MWEB', total_fee: '250' });

    const app = await wxpay.v2.pay.unifiedorder.post({
      appid: m.appid, mch_id: m.mchid, body: 'APP 商品', out_trade_no: `AP${Date.now()}`, total_fee: 1, spbill_create_ip: '127.0.0.1', notify_url: `${shop.url}/v2/app`, trade_type: 'APP',
    }).catch((e: any) => e);
    // The client refuses a result_code FAIL answer (its sign verified first) as an error carrying it.
    expect(app.response.data).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'APPID_MCHID_NOT_MATCH', err_code_des: 'appid和mch_id不匹配' });
    expect(app.response.data.prepay_id).toBeUndefined();
  });

  it('refuses bad signatures, foreign certificates and forged certificate headers', { timeout: 60_000 }, async () => {
    const other = await makeMerchant(herald);
    const otherCert = (await herald.app.inject({ method: 'GET', url: `/sim/v1/pay/merchants/${other.mchid}/apiclient-cert` })).json().apiclient_cert;
    // Another merchant's certificate sent as if a proxy had verified it.
    const body = `<xml><appid>${m.appid}</appid><mch_id>${m.mchid}</mch_id><nonce_str>abc</nonce_str><out_trade_no>X1</out_trade_no><out_refund_no>R1</out_refund_no><total_fee>1</total_fee><refund_fee>1</refund_fee></xml>`;
    const fields = Transformer.toObject(body);
    const signed = body.replace('</xml>', `<sign>${Hash.sign('MD5', fields, Hash.keyObjectFrom(m.apiV2Key))}</sign></xml>`);
    const forged = await herald.app.inject({ method: 'POST', url: '/secapi/pay/refund', headers: { 'content-type': 'text/xml', 'x-client-cert': encodeURIComponent(otherCert) }, payload: signed });
    expect(forged.body).toContain('<return_code><![CDATA[FAIL]]></return_code>');
    expect(forged.body).toContain('证书错误');
    const mine = await herald.app.inject({ method: 'POST', url: '/secapi/pay/refund', headers: { 'content-type': 'text/xml', 'x-client-cert': encodeURIComponent(apiclientCert) }, payload: signed });
    expect(mine.body).toContain('<err_code><![CDATA[ORDERNOTEXIST]]></err_code>');
    const badSign = await herald.app.inject({ method: 'POST', url: '/pay/orderquery', headers: { 'content-type': 'text/xml' }, payload: signed.replace(/<sign>\w+<\/sign>/, '<sign>0123456789ABCDEF0123456789ABCDEF</sign>') });
    expect(badSign.body).toContain('签名错误');
  });
});
