/**
 * Customer service (kf) through co-wechat-api 3.x, unmodified, against Herald on a real loopback
 * port.
 *
 * co-wechat-api builds most URLs from instance fields (`prefix`, `customservicePrefix`), which
 * point at Herald here. Six methods use a hard-coded `https://api.weixin.qq.com/` instead:
 * addKfAccount, updateKfAccount, deleteKfAccount, setKfAccountAvatar, inviteworker and
 * createKfSession. For those the test plays the part of DNS/TLS interception (reference §0):
 * through the SDK's own `setOpts` (default options for every request) it gives httpx a
 * `beforeRequest` hook that sends requests for api.weixin.qq.com over a plain connection to
 * Herald's port. The SDK still builds the URL, body and multipart upload and parses the answer;
 * the test counts which calls needed the reroute.
 */
import { createRequire } from 'node:module';
import https from 'node:https';
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { makeFollower, makeKfAccountOwner, newWechatId } from '../factories/kf.js';
import { setKfOnline } from '../../src/modules/kf/commands/kfPresence.js';
import { enqueueWaitingSession } from '../../src/modules/kf/commands/kfSessionQueuer.js';
import { nextChinaDayStart } from '../../src/platform/clock.js';

type Json = Record<string, unknown>;
interface CoKfApi {
  prefix: string;
  customservicePrefix: string;
  setOpts(opts: Json): void;
  getCustomServiceList(): Promise<{ kf_list: Json[] }>;
  getOnlineCustomServiceList(): Promise<{ kf_online_list: Json[] }>;
  addKfAccount(account: string, nick: string): Promise<Json>;
  updateKfAccount(account: string, nick: string): Promise<Json>;
  deleteKfAccount(account: string): Promise<Json>;
  inviteworker(account: string, wx: string): Promise<Json>;
  setKfAccountAvatar(account: string, filepath: string): Promise<Json>;
  createKfSession(account: string, openid: string): Promise<Json>;
  getRecords(opts: Json): Promise<{ recordlist: Json[] }>;
}
type CoKfApiClass = new (appid: string, secret: string) => CoKfApi;

const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as CoKfApiClass;

/** An https agent whose connections are plain TCP to Herald: the test's stand-in for interception. */
class LoopbackAgent extends https.Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }
  override createConnection(): net.Socket {
    return net.connect(this.port, '127.0.0.1');
  }
}

/** httpx's request options, as its beforeRequest hook sees them. */
interface HttpxOptions {
  host: string;
  port: number | string;
  agent: unknown;
  headers: Record<string, string>;
}

function clientFor(herald: TestHerald, appid: string, secret: string) {
  const api = new CoWechatAPI(appid, secret);
  api.prefix = `${herald.url}/cgi-bin/`;
  api.customservicePrefix = `${herald.url}/customservice/`;
  const port = Number(new URL(herald.url).port);
  const agent = new LoopbackAgent(port);
  const rerouted: string[] = [];
  api.setOpts({
    beforeRequest(options: HttpxOptions & { path: string }) {
      if (options.host !== 'api.weixin.qq.com') return options;
      rerouted.push(options.path.split('?')[0]);
      return { ...options, agent };
    },
  });
  return { api, rerouted };
}

async function errcodeOf(p: Promise<unknown>): Promise<number | string> {
  const err = (await p.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name?: string; code?: number } | undefined;
  if (!err) return 'no error';
  expect(err.name).toBe('WeChatAPIError');
  return err.code ?? 'no code';
}

describeEachDb('co-wechat-api customer service against Herald', (kind) => {
  let herald: TestHerald;
  let dir: string;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    dir = mkdtempSync(path.join(tmpdir(), 'herald-kf-'));
  });
  afterAll(async () => {
    await herald?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('manages kf accounts: add, update, avatar, invite, list, delete', async () => {
    const { account, appid, secret, wechatId } = await makeKfAccountOwner(herald.services);
    const { api, rerouted } = clientFor(herald, appid, secret);
    const anna = `anna@${wechatId}`;
    expect(await api.addKfAccount(anna, '安娜')).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(await api.addKfAccount(`bob@${wechatId}`, 'Bob')).toMatchObject({ errcode: 0 });
    expect(await api.updateKfAccount(anna, 'Anna')).toMatchObject({ errcode: 0 });
    const png = path.join(dir, 'anna.png');
    writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 7)]));
    expect(await api.setKfAccountAvatar(anna, png)).toMatchObject({ errcode: 0 });
    const worker = newWechatId();
    expect(await api.inviteworker(anna, worker)).toMatchObject({ errcode: 0 });

    const { kf_list } = await api.getCustomServiceList();
    expect(kf_list).toHaveLength(2);
    expect(kf_list[0]).toMatchObject({ kf_account: anna, kf_nick: 'Anna', kf_id: '1001', invite_wx: worker, invite_status: 'waiting' });
    expect(String(kf_list[0].kf_headimgurl)).toContain(`/mmbiz/kfheadimg/${appid}/1001?v=`);
    expect(kf_list[1]).toEqual({ kf_account: `bob@${wechatId}`, kf_headimgurl: '', kf_id: '1002', kf_nick: 'Bob' });

    expect(await api.deleteKfAccount(`bob@${wechatId}`)).toMatchObject({ errcode: 0 });
    expect((await api.getCustomServiceList()).kf_list.map((k) => k.kf_account)).toEqual([anna]);

    // Errors reach the caller as WeChatAPIError with WeChat's errcode.
    expect(await errcodeOf(api.addKfAccount(anna, 'Again'))).toBe(65406);
    expect(await errcodeOf(api.addKfAccount('anna@not_this_account', 'A'))).toBe(65404);
    expect(await errcodeOf(api.updateKfAccount(`ghost@${wechatId}`, 'G'))).toBe(65401);
    expect(await errcodeOf(api.deleteKfAccount(`ghost@${wechatId}`))).toBe(65401);
    const gif = path.join(dir, 'x.gif');
    writeFileSync(gif, Buffer.from('GIF89a-not-allowed'));
    expect(await errcodeOf(api.setKfAccountAvatar(anna, gif))).toBe(61457);
    expect(await errcodeOf(api.inviteworker(anna, newWechatId()))).toBe(65411);

    // Only the hard-coded methods needed the reroute; getkflist went through `prefix`.
    expect([...new Set(rerouted)].sort()).toEqual([
      '/customservice/kfaccount/add',
      '/customservice/kfaccount/del',
      '/customservice/kfaccount/inviteworker',
      '/customservice/kfaccount/update',
      '/customservice/kfaccount/uploadheadimg',
    ]);
    await expectSdkCovered(herald, account.id, 'co-wechat-api', [
      '/customservice/kfaccount/add',
      '/customservice/kfaccount/update',
      '/customservice/kfaccount/del',
      '/customservice/kfaccount/uploadheadimg',
      '/customservice/kfaccount/inviteworker',
      '/cgi-bin/customservice/getkflist',
    ]);
  });

  it('starts sessions, lists online workers and reads the history', async () => {
    const { account, appid, secret, wechatId } = await makeKfAccountOwner(herald.services);
    const { api, rerouted } = clientFor(herald, appid, secret);
    const anna = `anna@${wechatId}`;
    await api.addKfAccount(anna, 'Anna');
    const openid = await makeFollower(herald.services, account.id);
    expect(await errcodeOf(api.createKfSession(anna, openid))).toBe(65415);
    await setKfOnline(herald.services, account.id, anna, true);
    expect(await api.createKfSession(anna, openid)).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(await errcodeOf(api.createKfSession(anna, 'oNotAFollowerOfThisAccount00'))).toBe(40003);
    const waiting = await makeFollower(herald.services, account.id);
    await enqueueWaitingSession(herald.services, account.id, waiting);

    expect(await api.getOnlineCustomServiceList()).toEqual({ kf_online_list: [{ kf_account: anna, status: 1, kf_id: '1001', accepted_case: 1 }] });

    const end = nextChinaDayStart(herald.services.clock.nowMs()) / 1000;
    const { recordlist } = await api.getRecords({ starttime: end - 86400, endtime: end, pagesize: 50, pageindex: 1 });
    expect(recordlist.map((r) => [r.openid, r.opercode, r.worker])).toEqual([
      [openid, 1002, anna],
      [waiting, 1000, ''],
    ]);
    expect((await api.getRecords({ starttime: end - 86400, endtime: end, openid: waiting, pagesize: 10, pageindex: 1 })).recordlist).toHaveLength(1);
    expect(await errcodeOf(api.getRecords({ starttime: end - 86400, endtime: end + 3600, pagesize: 10, pageindex: 1 }))).toBe(65417);

    expect([...new Set(rerouted)]).toEqual(['/customservice/kfaccount/add', '/customservice/kfsession/create']);
    await expectSdkCovered(herald, account.id, 'co-wechat-api', [
      '/customservice/kfsession/create',
      '/cgi-bin/customservice/getonlinekflist',
      '/customservice/msgrecord/getrecord',
    ]);
  });
});
