
import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import { webotServer } from '../webot.js';
import { waitForValue as until } from '../wait.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { newAesKey } from '../devServer.js';
import { findAccountByAppid } from '../../src/modules/accounts/store/accounts.js';
import { templateMessages } from '../../src/modules/templates/schema.js';
import { setBlocked } from '../../src/modules/templates/store.js';

type Json = Record<string, unknown>;
interface CoApi {
  prefix: string;
  setIndustry(ids: Json): Promise<Json>;
  getIndustry(): Promise<Json>;
  addTemplate(short: string): Promise<Json>;
  getAllPrivateTemplate(): Promise<Json>;
  sendTemplate(openid: string, templateId: string, url: string | undefined, topColor: string, data: Json, miniprogram?: Json): Promise<Json>;
  delPrivateTemplate(templateId: string): Promise<Json>;
}
const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as new (appid: string, secret: string) => CoApi;

describeEachDb('co-wechat-api template messages against Herald', (kind) => {
  let herald: TestHerald;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
    await herald?.close();
  });

  const sim = async (method: 'POST' | 'PUT', url: string, body: object) => {
    const r = await herald.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json() as Json;
  };

  it('industry → add → list → send (exact 64-bit msgid) → TEMPLATESENDJOBFINISH at a `wechat` server → delete', async () => {
    const created = (await sim('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Template SDK' })) as { appid: string; secret: string };
    const account = (await findAccountByAppid(herald.services.db, created.appid))!;
    const openids: string[] = [];
    const userIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const user = (await sim('POST', '/sim/v1/users', { nickname: `Buyer ${i}` })) as { id: string };
      userIds.push(user.id);
      openids.push(((await sim('POST', `/sim/v1/users/${user.id}/follow`, { account: created.appid })) as { openid: string }).openid);
    }
    const token = 'tpltoken';
    const aesKey = newAesKey();
    const server = await webotServer({ token, appid: created.appid, encodingAESKey: aesKey });
    closers.push(server.close);
    await sim('PUT', `/sim/v1/accounts/${created.appid}/server`, { url: server.url, token, encoding_aes_key: aesKey, mode: 'safe' });

    const api = new CoWechatAPI(created.appid, created.secret);
    api.prefix = `${herald.url}/cgi-bin/`;
    expect(await api.setIndustry({ industry_id1: '1', industry_id2: '13' })).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(await api.getIndustry()).toEqual({
      primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
      secondary_industry: { first_class: '运输与仓储', second_class: '快递' },
    });
    const added = await api.addTemplate('TM00015');
    expect(added).toMatchObject({ errcode: 0, errmsg: 'ok', template_id: expect.any(String) });
    const templateId = String(added.template_id);
    const category = String((await api.addTemplate('43216')).template_id);
    const list = (await api.getAllPrivateTemplate()).template_list as Json[];
    expect(list.map((t) => t.template_id)).toEqual([templateId, category]);
    expect(list[1]).toMatchObject({ title: '订单发货通知', primary_industry: 'IT科技', deputy_industry: '互联网|电子商务' });

    const sent = await api.sendTemplate(openids[0], category, 'https://shop.example.com/o/1', '#FF0000', {
      first: { value: '您的订单已发货' },
      thing1: { value: '夏季纯棉T恤' },
      character_string2: { value: 'SO20230518001' },
      thing3: { value: '顺丰速运' },
      character_string4: { value: 'SF1234567890' },
      time5: { value: '2023-05-18 16:00' },
      remark: { value: '感谢您的购买' },
    });
    expect(sent).toMatchObject({ errcode: 0, errmsg: 'ok' });
    // json-bigint hands back a BigNumber: its text is the exact id Herald stored.
    const msgid = String(sent.msgid);
    expect(typeof sent.msgid).toBe('object');
    expect(BigInt(msgid) > 2n ** 53n).toBe(true);
    const [row] = await herald.services.db.select().from(templateMessages).where(eq(templateMessages.msgid, BigInt(msgid)));
    expect(row).toMatchObject({ openid: openids[0], status: 'success' });

    // A follower who turned the account's template messages off.
    await setBlocked(herald.services.db, account.id, userIds[1], true, new Date());
    const blocked = await api.sendTemplate(openids[1], templateId, '', '', { orderMoneySum: { value: '30元' } });
    expect(blocked).toMatchObject({ errcode: 0, errmsg: 'ok' });

    const finish = await until('TEMPLATESENDJOBFINISH', () => server.received.find((m) => m.Event === 'TEMPLATESENDJOBFINISH' && m.MsgID === msgid));
    expect(finish).toMatchObject({ ToUserName: account.originalId, FromUserName: openids[0], MsgType: 'event', MsgID: msgid, Status: 'success' });
    const refused = await until('the second finish event', () => server.received.find((m) => m.Event === 'TEMPLATESENDJOBFINISH' && m.MsgID === String(blocked.msgid)));
    expect(refused).toMatchObject({ FromUserName: openids[1], Status: 'failed:user block' });

    // A typed value that does not fit reaches the SDK as WeChat's error.
    await expect(api.sendTemplate(openids[2], category, '', '', { thing1: { value: '一'.repeat(21) } })).rejects.toMatchObject({ code: 47003, message: expect.stringMatching(/^argument invalid! data\.thing1\.value invalid rid: /) });

    expect(await api.delPrivateTemplate(templateId)).toEqual({ errcode: 0, errmsg: 'ok' });
    await expect(api.delPrivateTemplate(templateId)).rejects.toMatchObject({ code: 40037 });
    await expectSdkCovered(herald, account.id, 'co-wechat-api', [
      '/cgi-bin/template/api_set_industry',
      '/cgi-bin/template/get_industry',
      '/cgi-bin/template/api_add_template',
      '/cgi-bin/template/get_all_private_template',
      '/cgi-bin/message/template/send',
      '/cgi-bin/template/del_private_template',
    ]);
  });
});
