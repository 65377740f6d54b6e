/**
 * Helpers for WeChat Pay tests: a merchant made through the simulator, a follower of its
 * account, and APIv3 requests signed as an SDK signs them (with knobs to break them).
 */
import { randomBytes, sign } from 'node:crypto';
import type { TestHerald } from './harness.js';
import { makeAccount } from './harness.js';

export interface TestMerchant {
  mchid: string;
  appid: string;
  serial: string;
  privateKey: string;
  apiV3Key: string;
  apiV2Key: string;
  publicKeyId: string;
  publicKey: string;
  certSerial: string;
}

/** A merchant for `body.appid`, or for a new verified service account (auto-approved in emulator mode). */
export async function makeMerchant(herald: TestHerald, body: Record<string, unknown> = {}): Promise<TestMerchant> {
  const appid = typeof body.appid === 'string' ? body.appid : (await makeAccount(herald.services)).appid;
  const res = await herald.app.inject({ method: 'POST', url: '/sim/v1/pay/merchants', payload: { appid, ...body } });
  if (res.statusCode !== 201) throw new Error(`merchant: ${res.statusCode} ${res.body}`);
  const m = res.json();
  return {
    mchid: m.mchid,
    appid,
    serial: m.merchant_serial,
    privateKey: m.merchant_private_key,
    apiV3Key: m.api_v3_key,
    apiV2Key: m.api_v2_key,
    publicKeyId: m.platform_public_key_id,
    publicKey: m.platform_public_key,
    certSerial: m.platform_certificate_serial,
  };
}

/** A follower user following `appid`: their id and openid. */
export async function makePayer(herald: TestHerald, appid: string): Promise<{ userId: string; openid: string }> {
  const user = await herald.app.inject({ method: 'POST', url: '/sim/v1/users', payload: { nickname: 'Payer' } });
  const userId = user.json().id as string;
  const follow = await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${userId}/follow`, payload: { account: appid } });
  return { userId, openid: follow.json().openid as string };
}

export interface SignOptions {
  timestamp?: string;
  nonce?: string;
  serial?: string;
  mchid?: string;
  /** Sign this body instead of the one sent (tampering). */
  signedBody?: string;
  /** Sign this URL instead of the one sent. */
  signedUrl?: string;
  authorization?: string | null;
  headers?: Record<string, string>;
}

/** The Authorization header an SDK would send. */
export function authorization(m: TestMerchant, method: string, url: string, body: string, o: SignOptions = {}, nowSec = Math.floor(Date.now() / 1000)): string {
  const timestamp = o.timestamp ?? String(nowSec);
  const nonce = o.nonce ?? randomBytes(16).toString('hex');
  const message = `${method}\n${o.signedUrl ?? url}\n${timestamp}\n${nonce}\n${o.signedBody ?? body}\n`;
  const signature = sign('sha256', Buffer.from(message), m.privateKey).toString('base64');
  return `WECHATPAY2-SHA256-RSA2048 mchid="${o.mchid ?? m.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${o.serial ?? m.serial}"`;
}

/** Sends a signed APIv3 request in-process. */
export async function payInject(herald: TestHerald, m: TestMerchant, method: 'GET' | 'POST', url: string, body?: unknown, o: SignOptions = {}) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const auth = o.authorization === undefined ? authorization(m, method, url, text, o, herald.services.clock.nowSec()) : o.authorization;
  return herald.app.inject({
    method,
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(auth === null ? {} : { authorization: auth }), ...o.headers },
    ...(method === 'POST' ? { payload: text } : {}),
  });
}

/** A JSAPI order body for the merchant. */
export function jsapiOrder(m: TestMerchant, openid: string, notifyUrl: string, over: Record<string, unknown> = {}) {
  return {
    appid: m.appid,
    mchid: m.mchid,
    description: 'Herald 测试商品',
    out_trade_no: `T${randomBytes(8).toString('hex')}`,
    notify_url: notifyUrl,
    amount: { total: 100, currency: 'CNY' },
    payer: { openid },
    ...over,
  };
}
