/**
 * Data analytics through co-wechat-api 3.x, unmodified, against Herald on a real loopback port.
 * Its datacube methods use a hard-coded `https://api.weixin.qq.com/datacube/`; as in
 * coWechatKf.test.ts the test stands in for DNS/TLS interception through the SDK's own `setOpts`
 * (an httpx `beforeRequest` hook that sends api.weixin.qq.com requests over plain TCP to Herald).
 */
import { createRequire } from 'node:module';
import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { chinaDay, nextChinaDayStart } from '../../src/platform/clock.js';

type Json = Record<string, unknown>;
interface CoCubeApi {
  prefix: string;
  setOpts(opts: Json): void;
  getUserSummary(begin: string, end: string): Promise<{ list: Json[] }>;
  getUserCumulate(begin: string, end: string): Promise<{ list: Json[] }>;
  getUpstreamMsg(begin: string, end: string): Promise<{ list: Json[] }>;
}
const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as new (appid: string, secret: string) => CoCubeApi;

/** An https agent whose connections are plain TCP to Herald: the test's stand-in for interception. */
class LoopbackAgent extends https.Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }
  override createConnection(): net.Socket {
    return net.connect(this.port, '127.0.0.1');
  }
}

describeEachDb('co-wechat-api datacube against Herald', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await herald?.close();
  });

  const sim = async (url: string, body: unknown) => {
    const r = await herald.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json() as Record<string, any>;
  };

  it('getUserSummary, getUserCumulate and a date-range refusal', async () => {
    const account = await sim('/sim/v1/accounts', { type: 'subscription', verified: true, name: 'Cube Tea' });
    const clock = herald.services.clock;
    clock.advance(nextChinaDayStart(clock.now().getTime()) - clock.now().getTime() + 3_600_000);
    const day = chinaDay(clock.now().getTime());
    for (let i = 0; i < 3; i++) {
      const user = await sim('/sim/v1/users', { nickname: `Tea ${i}` });
      await sim(`/sim/v1/users/${user.id}/follow`, { account: account.appid, scene: 'ADD_SCENE_QR_CODE' });
    }
    clock.advance(86_400_000);

    const api = new CoWechatAPI(account.appid, account.secret);
    api.prefix = `${herald.url}/cgi-bin/`;
    const agent = new LoopbackAgent(Number(new URL(herald.url).port));
    const rerouted: string[] = [];
    api.setOpts({
      beforeRequest(options: { host: string; path: string }) {
        if (options.host !== 'api.weixin.qq.com') return options;
        rerouted.push(options.path.split('?')[0]!);
        return { ...options, agent };
      },
    });
    expect(await api.getUserSummary(day, day)).toEqual({ list: [{ ref_date: day, user_source: 30, new_user: 3, cancel_user: 0 }] });
    expect(await api.getUserCumulate(day, day)).toEqual({ list: [{ ref_date: day, user_source: 0, cumulate_user: 3 }] });
    const today = chinaDay(clock.now().getTime());
    const err = (await api.getUpstreamMsg(today, today).then(
      () => undefined,
      (e: unknown) => e,
    )) as { name?: string; code?: number } | undefined;
    expect(err?.name).toBe('WeChatAPIError');
    expect(err?.code).toBe(61501);
    expect(rerouted).toEqual(['/datacube/getusersummary', '/datacube/getusercumulate', '/datacube/getupstreammsg']);
  });
});
