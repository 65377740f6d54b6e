/**
 * co-wechat-api's JS-SDK helpers, unmodified, against a Herald on a loopback port: getTicket
 * (jsapi, wx_card) and getJsConfig, whose signature Herald's rule must reproduce.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { findTicket, jsapiSignature } from '../../src/modules/webauth/index.js';

interface CoTicket {
  ticket: string;
  expireTime: number;
}
interface JsConfig {
  debug?: boolean;
  appId: string;
  timestamp: string;
  nonceStr: string;
  signature: string;
  jsApiList: string[];
  openTagList: string[];
}
interface CoApi {
  prefix: string;
  getTicket(type?: string): Promise<CoTicket>;
  getLatestTicket(): Promise<CoTicket>;
  getJsConfig(param: { debug?: boolean; jsApiList: string[]; url: string; openTagList?: string[] }): Promise<JsConfig>;
}
type CoApiClass = new (appid: string, secret: string) => CoApi;

const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as CoApiClass;

describeEachDb('co-wechat-api JS-SDK against Herald', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await herald?.close();
  });

  function clientFor(appid: string, secret: string): CoApi {
    const api = new CoWechatAPI(appid, secret);
    api.prefix = `${herald.url}/cgi-bin/`;
    return api;
  }

  it('getTicket: jsapi and wx_card tickets Herald knows, cached for 7200 s less 10', async () => {
    const { appid, secret, account } = await makeAccount(herald.services, { type: 'subscription', verified: false });
    const api = clientFor(appid, secret);
    const before = Date.now();
    const jsapi = await api.getTicket('jsapi');
    expect(jsapi.ticket).toMatch(/^[\w-]{86}$/);
    expect(jsapi.expireTime).toBeGreaterThanOrEqual(before + 7190_000);
    expect((await findTicket(herald.services.db, jsapi.ticket))?.accountId).toBe(account.id);
    const card = await api.getTicket('wx_card');
    expect((await findTicket(herald.services.db, card.ticket))?.type).toBe('wx_card');
    expect((await api.getLatestTicket()).ticket).toBe(jsapi.ticket);
  });

  it('getJsConfig: the signature is the one Herald computes for that page (the # part ignored)', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const api = clientFor(appid, secret);
    const url = 'http://localhost:3000/page?x=1';
    const config = await api.getJsConfig({ debug: true, jsApiList: ['scanQRCode', 'updateAppMessageShareData'], url });
    expect(config).toMatchObject({ debug: true, appId: appid, jsApiList: ['scanQRCode', 'updateAppMessageShareData'], openTagList: [] });
    const { ticket } = await api.getLatestTicket();
    expect(await findTicket(herald.services.db, ticket)).toBeDefined();
    expect(config.signature).toBe(jsapiSignature({ ticket, noncestr: config.nonceStr, timestamp: config.timestamp, url }));
    // co-wechat-api signs what it is given: a URL with its fragment gives WeChat's "invalid signature".
    const hashed = await api.getJsConfig({ jsApiList: [], url: `${url}#top` });
    expect(hashed.signature).not.toBe(jsapiSignature({ ticket, noncestr: hashed.nonceStr, timestamp: hashed.timestamp, url: `${url}#top` }));
  });
});
