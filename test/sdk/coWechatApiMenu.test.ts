/**
 * co-wechat-api 3.x, unmodified, managing custom menus against a Herald listening on a real
 * loopback port: createMenu, getMenu, removeMenu, getMenuConfig, addConditionalMenu,
 * delConditionalMenu, tryConditionalMenu.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { addFollowers } from '../factories/audience.js';

type Json = Record<string, unknown>;
interface CoMenuApi {
  prefix: string;
  mpPrefix: string;
  createMenu(menu: unknown): Promise<Json>;
  getMenu(): Promise<Json>;
  removeMenu(): Promise<Json>;
  getMenuConfig(): Promise<Json>;
  addConditionalMenu(menu: unknown): Promise<Json>;
  delConditionalMenu(menuid: unknown): Promise<Json>;
  tryConditionalMenu(userId: string): Promise<Json>;
  createTags(name: string): Promise<{ tag: { id: number; name: string } }>;
  batchTagging(openids: string[], tagId: number): Promise<Json>;
}
type CoApiClass = new (appid: string, secret: string) => CoMenuApi;
interface CoError {
  name: string;
  code: number;
  message: string;
}

const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as CoApiClass;

function clientFor(herald: TestHerald, appid: string, secret: string): CoMenuApi {
  const api = new CoWechatAPI(appid, secret);
  api.prefix = `${herald.url}/cgi-bin/`;
  api.mpPrefix = `${herald.url}/cgi-bin/`;
  return api;
}

const fails = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a WeChat error')), (e: unknown) => e as CoError);

const MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        { type: 'scancode_push', name: '扫码', key: 'rselfmenu_0_1' },
        { type: 'location_select', name: '发送位置', key: 'rselfmenu_2_0' },
      ],
    },
  ],
};

describeEachDb('co-wechat-api: custom menus', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await herald?.close();
  });

  it('creates, reads, personalizes, matches and removes menus', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const api = clientFor(herald, appid, secret);
    const [plain, starred] = await addFollowers(herald.database, account.id, 2);

    const none = await fails(api.getMenu());
    expect(none).toMatchObject({ name: 'WeChatAPIError', code: 46003 });
    expect(none.message).toMatch(/^menu no exist rid: /);

    expect(await api.createMenu(MENU)).toEqual({ errcode: 0, errmsg: 'ok' });
    const got = await api.getMenu();
    expect(got.menu).toMatchObject({
      button: [
        { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] },
        { name: '菜单', sub_button: [{ type: 'view', name: '搜索', url: 'http://www.soso.com/', sub_button: [] }, { key: 'rselfmenu_0_1' }, { key: 'rselfmenu_2_0' }] },
      ],
    });
    expect(got.conditionalmenu).toBeUndefined();

    const config = await api.getMenuConfig();
    expect(config).toMatchObject({ is_menu_open: 1, selfmenu_info: { button: [{ name: '今日歌曲' }, { name: '菜单', sub_button: { list: [{ name: '搜索' }, { name: '扫码' }, { name: '发送位置' }] } }] } });

    const vip = await api.createTags('VIP');
    await api.batchTagging([starred.openid], vip.tag.id);
    const added = await api.addConditionalMenu({ button: [{ type: 'click', name: 'VIP', key: 'VIP' }], matchrule: { tag_id: String(vip.tag.id) } });
    expect(added.menuid).toMatch(/^\d+$/);
    expect(((await api.getMenu()).conditionalmenu as Json[])[0]).toMatchObject({ matchrule: { tag_id: String(vip.tag.id) }, menuid: Number(added.menuid) });

    expect(await api.tryConditionalMenu(starred.openid)).toEqual({ button: [{ type: 'click', name: 'VIP', key: 'VIP', sub_button: [] }] });
    expect(((await api.tryConditionalMenu(plain.openid)).button as Json[])[0]).toMatchObject({ name: '今日歌曲' });
    expect(await fails(api.tryConditionalMenu('oSomebodyElse00000000000000'))).toMatchObject({ code: 65302 });

    expect(await fails(api.addConditionalMenu({ button: MENU.button, matchrule: { sex: '1' } }))).toMatchObject({ code: 65320 });
    expect(await fails(api.addConditionalMenu({ button: MENU.button }))).toMatchObject({ code: 65304 });
    expect(await api.delConditionalMenu(added.menuid)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await fails(api.delConditionalMenu(added.menuid))).toMatchObject({ code: 65301 });

    expect(await fails(api.createMenu({ button: [{ type: 'click', name: 'x'.repeat(17), key: 'k' }] }))).toMatchObject({ code: 40018 });
    expect(await api.removeMenu()).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await fails(api.getMenu())).toMatchObject({ code: 46003 });
    expect(await api.getMenuConfig()).toEqual({ is_menu_open: 0, selfmenu_info: { button: [] } });

    await expectSdkCovered(herald, account.id, 'co-wechat-api', [
      '/cgi-bin/menu/create',
      '/cgi-bin/menu/get',
      '/cgi-bin/menu/delete',
      '/cgi-bin/get_current_selfmenu_info',
      '/cgi-bin/menu/addconditional',
      '/cgi-bin/menu/delconditional',
      '/cgi-bin/menu/trymatch',
    ]);
  });

  it('an unverified subscription account gets 48001 on menu/create', async () => {
    const { appid, secret } = await makeAccount(herald.services, { type: 'subscription', verified: false });
    const err = await fails(clientFor(herald, appid, secret).createMenu(MENU));
    expect(err).toMatchObject({ name: 'WeChatAPIError', code: 48001 });
    expect(err.message).toMatch(/^api unauthorized rid: /);
  });
});
