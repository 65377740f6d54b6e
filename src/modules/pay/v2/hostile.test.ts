/**
 * Hostile input on the APIv2 XML paths: no body, not UTF-8, malformed XML, DOCTYPE (XXE and
 * billion laughs), deep nesting, huge bodies, GET, bad signatures and sign types, negative,
 * zero, fractional and huge amounts. Every answer is WeChat's XML, never a 500.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { makeMerchant, makePayer, type TestMerchant } from '../../../../test/payHelpers.js';
import { buildXml, parseXml, textOf } from '../../../protocol/xml.js';
import { v2Sign } from '../rules/v2.js';

describeEachDb('WeChat Pay APIv2 hostile input', (kind) => {
  let herald: TestHerald;
  let m: TestMerchant;
  let openid: string;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
    m = await makeMerchant(herald);
    openid = (await makePayer(herald, m.appid)).openid;
  }, 180_000);
  afterAll(async () => herald?.close());

  const post = (url: string, payload: string | Buffer, method: 'POST' | 'GET' = 'POST') =>
    herald.app.inject({ method, url, headers: { 'content-type': 'text/xml' }, ...(method === 'POST' ? { payload } : {}) });
  const fields = async (url: string, payload: string | Buffer) => {
    const res = await post(url, payload);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/xml/);
    return parseXml(res.body).fields as Record<string, string>;
  };
  const signed = (f: Record<string, string>) => buildXml({ ...f, sign: v2Sign(f, m.apiV2Key, f.sign_type === 'HMAC-SHA256' ? 'HMAC-SHA256' : 'MD5') });
  const order = (extra: Record<string, string> = {}) => ({
    appid: m.appid, mch_id: m.mchid, nonce_str: 'n1', body: 'x', out_trade_no: `H${Date.now()}${Math.random().toString(36).slice(2, 6)}`, total_fee: '1',
    spbill_create_ip: '127.0.0.1', notify_url: 'http://127.0.0.1:9/n', trade_type: 'JSAPI', openid, ...extra,
  });

  it('answers transport failures as return_code FAIL', async () => {
    const cases: [string | Buffer, string][] = [
      ['', 'post数据为空'],
      [Buffer.from([0x3c, 0x78, 0x6d, 0x6c, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x78, 0x6d, 0x6c, 0x3e]), '编码格式错误'],
      ['<xml><appid>wx', 'XML格式错误'],
      ['{"appid":"wx"}', 'XML格式错误'],
      ['<other><a>1</a></other>', 'XML格式错误'],
      ['<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><mch_id>&xxe;</mch_id></xml>', 'XML格式错误'],
      [`<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><xml><a>&lol2;</a></xml>`, 'XML格式错误'],
      [`<xml>${'<a>'.repeat(50)}${'</a>'.repeat(50)}</xml>`, 'XML格式错误'],
      [`<xml><detail><![CDATA[${'x'.repeat(40_000)}]]></detail></xml>`, '请求数据过大'],
      ['<xml><mch_id>1</mch_id></xml>', '缺少参数：nonce_str'],
      [buildXml({ mch_id: '9999999999', nonce_str: 'a', sign: 'B' }), 'mch_id参数格式错误'],
      [buildXml({ ...order(), sign: 'ABC' }), '签名错误'],
      [buildXml({ ...order({ sign_type: 'SHA1' }), sign: 'ABC' }), 'sign_type参数格式错误'],
    ];
    for (const [body, msg] of cases) {
      const f = await fields('/pay/unifiedorder', body);
      expect(f, String(body).slice(0, 60)).toMatchObject({ return_code: 'FAIL', return_msg: msg });
    }
    const get = await post('/pay/orderquery', '', 'GET');
    expect(parseXml(get.body).fields).toMatchObject({ return_code: 'FAIL', return_msg: '请使用post方法' });
    const huge = await post('/pay/unifiedorder', `<xml>${'<a>1</a>'.repeat(200_000)}</xml>`);
    expect(huge.statusCode).toBe(200);
    expect(textOf(parseXml(huge.body).fields, 'return_msg')).toBe('请求数据过大');
  });

  it('refuses negative, zero, fractional and huge amounts as business errors, signed', async () => {
    for (const total of ['-1', '0', '1.5', '2147483648', '99999999999', '1e3', '']) {
      const f = await fields('/pay/unifiedorder', signed(order({ total_fee: total })));
      expect(f, total).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'PARAM_ERROR' });
      const { sign, ...rest } = f;
      expect(sign).toBe(v2Sign(rest, m.apiV2Key));
    }
    const ok = await fields('/pay/unifiedorder', signed(order({ total_fee: '2147483647', sign_type: 'HMAC-SHA256' })));
    expect(ok).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS', trade_type: 'JSAPI' });
    expect(ok.sign).toHaveLength(64);
  });

  it('answers business rules with err_code: missing openid, unbound appid, re-entry, unknown order', async () => {
    const noOpenid = await fields('/pay/unifiedorder', signed(order({ openid: '' })));
    expect(noOpenid).toMatchObject({ result_code: 'FAIL', err_code: 'PARAM_ERROR', err_code_des: 'JSAPI支付必须传openid' });
    const unbound = await fields('/pay/unifiedorder', signed(order({ appid: 'wx0000000000000000' })));
    expect(unbound).toMatchObject({ result_code: 'FAIL', err_code: 'APPID_MCHID_NOT_MATCH', err_code_des: 'appid和mch_id不匹配' });
    const first = order();
    expect(await fields('/pay/unifiedorder', signed(first))).toMatchObject({ result_code: 'SUCCESS' });
    const changed = await fields('/pay/unifiedorder', signed({ ...first, total_fee: '2' }));
    expect(changed).toMatchObject({ result_code: 'FAIL', err_code: 'INVALID_REQUEST', err_code_des: '请求重入时，参数与首次请求时不一致' });
    const closed = await fields('/pay/closeorder', signed({ appid: m.appid, mch_id: m.mchid, nonce_str: 'c', out_trade_no: first.out_trade_no }));
    expect(closed).toMatchObject({ result_code: 'SUCCESS' });
    const again = await fields('/pay/unifiedorder', signed(first));
    expect(again).toMatchObject({ result_code: 'FAIL', err_code: 'ORDERCLOSED', err_code_des: '订单已关闭' });
    const unknown = await fields('/pay/orderquery', signed({ appid: m.appid, mch_id: m.mchid, nonce_str: 'q', out_trade_no: 'nope-123' }));
    expect(unknown).toMatchObject({ result_code: 'FAIL', err_code: 'ORDERNOTEXIST' });
    const noBill = await fields('/pay/downloadbill', signed({ appid: m.appid, mch_id: m.mchid, nonce_str: 'b', bill_date: '2026-01-01' }));
    expect(noBill).toMatchObject({ return_code: 'FAIL', return_msg: 'invalid bill_date' });
  });

  it('refuses unknown trade types, APP for an Official Account, and MWEB without a usable scene_info', async () => {
    for (const trade_type of ['MICROPAY', 'jsapi', 'FACEPAY', 'NATIVE '.repeat(40), '<x/>']) {
      const f = await fields('/pay/unifiedorder', signed(order({ trade_type })));
      expect(f, trade_type).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'PARAM_ERROR', err_code_des: 'trade_type参数格式错误' });
    }
    const app = order({ trade_type: 'APP', openid: '' });
    expect(await fields('/pay/unifiedorder', signed(app))).toMatchObject({ result_code: 'FAIL', err_code: 'APPID_MCHID_NOT_MATCH', err_code_des: 'appid和mch_id不匹配' });
    // Nothing was stored: the same out_trade_no is free for a Native order.
    expect(await fields('/pay/unifiedorder', signed({ ...app, trade_type: 'NATIVE' }))).toMatchObject({ result_code: 'SUCCESS', trade_type: 'NATIVE' });
    expect(await fields('/pay/unifiedorder', signed(order({ trade_type: 'APP', total_fee: '-5' })))).toMatchObject({ result_code: 'FAIL', err_code: 'PARAM_ERROR' });

    const mweb = (scene_info?: string) => signed(order({ trade_type: 'MWEB', openid: '', ...(scene_info === undefined ? {} : { scene_info }) }));
    const cases: [string | undefined, string][] = [
      [undefined, '缺少参数：scene_info'],
      ['not json', 'scene_info参数格式错误'],
      ['{"h5_info":"Wap"}', 'scene_info参数格式错误：缺少h5_info'],
      ['[1,2]', 'scene_info参数格式错误：缺少h5_info'],
      ['null', 'scene_info参数格式错误：缺少h5_info'],
      ['{"h5_info":{"type":"Windows"}}', 'scene_info参数格式错误：h5_info.type应为IOS、Android或Wap'],
      ['{"h5_info":{"type":"Wap","wap_url":{"a":1}}}', 'scene_info参数格式错误：wap_url'],
    ];
    for (const [scene, des] of cases) {
      const f = await fields('/pay/unifiedorder', mweb(scene));
      expect(f, scene).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'PARAM_ERROR', err_code_des: des });
    }
    const long = await fields('/pay/unifiedorder', mweb(JSON.stringify({ h5_info: { type: 'Wap', wap_url: `https://x.example/${'a'.repeat(200)}` } })));
    expect(long).toMatchObject({ result_code: 'FAIL', err_code: 'PARAM_ERROR' });
    expect(long.err_code_des).toContain('scene_info.h5_info.wap_url');

    const ok = await fields('/pay/unifiedorder', mweb(JSON.stringify({ h5_info: { type: 'IOS', app_name: '王者荣耀', bundle_id: 'com.tencent.wzryIOS' } })));
    expect(ok).toMatchObject({ result_code: 'SUCCESS', trade_type: 'MWEB' });
    expect(ok.mweb_url).toMatch(/^https:\/\/wx\.tenpay\.com\/cgi-bin\/mmpayweb-bin\/checkmweb\?prepay_id=wx\w+&package=\w+$/);
    expect(ok.code_url).toBeUndefined();
  });
});
