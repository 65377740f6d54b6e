import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkMiniProgram } from '../../../../test/factories/miniprograms.js';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { accountWithToken, expectWxError, type WxBody } from '../../../../test/wxClient.js';
import { addFollower } from '../../../../test/factories/audience.js';
import { getCurrentMenu, matchMenuFor } from '../store.js';
import type { AccountType } from '../../accounts/rules/capabilities.js';

const DEFAULT_MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
        { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
      ],
    },
  ],
};

const STAR_MENU = { button: [{ type: 'click', name: 'Star', key: 'STAR' }], matchrule: { tag_id: '2' } };

describeEachDb('custom menu APIs', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  const account = async (opts: { type?: AccountType; verified?: boolean } = {}) => {
    const a = await accountWithToken(herald, opts);
    await linkMiniProgram(herald.services.db, a.account.id, { appid: 'wx286b93c14bbf93aa' });
    return a;
  };

  it('menu/create then menu/get shows every button with sub_button and a numeric menuid', async () => {
    const a = await account();
    expect(await a.call('POST', 'menu/create', DEFAULT_MENU)).toEqual({ errcode: 0, errmsg: 'ok' });
    const got = await a.call('GET', 'menu/get');
    expect(got).toEqual({
      menu: {
        button: [
          { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] },
          {
            name: '菜单',
            sub_button: [
              { type: 'view', name: '搜索', url: 'http://www.soso.com/', sub_button: [] },
              { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index', sub_button: [] },
              { type: 'click', name: '赞一下我们', key: 'V1001_GOOD', sub_button: [] },
            ],
          },
        ],
        menuid: expect.any(Number),
      },
    });
    const stored = await getCurrentMenu(herald.services.db, a.account.id);
    expect(stored?.default.source).toBe('api');
    expect(String((got.menu as { menuid: number }).menuid)).toBe(stored?.default.menuid);
  });

  it('menu/create replaces the menu with a new menuid; menu/get round-trips into menu/create', async () => {
    const a = await account();
    await a.call('POST', 'menu/create', DEFAULT_MENU);
    const first = (await a.call('GET', 'menu/get')).menu as { button: unknown[]; menuid: number };
    expect(await a.call('POST', 'menu/create', { button: first.button })).toMatchObject({ errcode: 0 });
    const second = (await a.call('GET', 'menu/get')).menu as { button: unknown[]; menuid: number };
    expect(second.button).toEqual(first.button);
    expect(second.menuid).not.toBe(first.menuid);
  });

  it('46003 menu no exist before any menu and after menu/delete (GET and POST)', async () => {
    const a = await account();
    expectWxError(await a.call('GET', 'menu/get'), 46003, 'menu no exist');
    await a.call('POST', 'menu/create', DEFAULT_MENU);
    await a.call('POST', 'menu/addconditional', STAR_MENU);
    expect(await a.call('GET', 'menu/delete')).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await a.call('GET', 'menu/get'), 46003);
    expect(await getCurrentMenu(herald.services.db, a.account.id)).toBeNull();
    // Deleting again, by POST, still succeeds.
    expect(await a.call('POST', 'menu/delete')).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it('get_current_selfmenu_info nests sub-menus as {list} (GET and POST)', async () => {
    const a = await account();
    expect(await a.call('GET', 'get_current_selfmenu_info')).toEqual({ is_menu_open: 0, selfmenu_info: { button: [] } });
    await a.call('POST', 'menu/create', DEFAULT_MENU);
    const info = await a.call('POST', 'get_current_selfmenu_info');
    expect(info).toEqual({
      is_menu_open: 1,
      selfmenu_info: {
        button: [
          { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
          {
            name: '菜单',
            sub_button: {
              list: [
                { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
                { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
                { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
              ],
            },
          },
        ],
      },
    });
  });

  it('menu/create errors: every validation errcode reaches the caller with a hint', async () => {
    const a = await account();
    const cases: Array<[unknown, number, RegExp]> = [
      [{ button: [] }, 40016, /^invalid button size hint: \[data\.button\]$/],
      [{}, 40016, /^invalid button size/],
      [{ button: [{ type: 'nope', name: 'a' }] }, 40017, /^invalid button type hint: \[data\.button\.0\.type\]$/],
      [{ button: [{ type: 'click', name: 'x'.repeat(17), key: 'k' }] }, 40018, /^invalid button name size/],
      [{ button: [{ type: 'click', name: 'a', key: 'k'.repeat(129) }] }, 40019, /^invalid button key size/],
      [{ button: [{ type: 'view', name: 'a', url: `https://e.com/${'a'.repeat(1024)}` }] }, 40020, /^invalid button url size/],
      [{ button: [{ type: 'view', name: 'a', url: 'ftp://e.com/' }] }, 40055, /^invalid button url domain/],
      [{ button: [{ name: 'm', sub_button: [{ type: 'view', name: 'a', url: 'e.com' }] }] }, 40054, /^invalid sub button url domain hint: \[data\.button\.0\.sub_button\.0\.url\]$/],
      [{ button: [{ name: 'm', sub_button: Array.from({ length: 6 }, () => ({ type: 'click', name: 'a', key: 'k' })) }] }, 40023, /^invalid sub button size/],
      [{ button: [{ name: 'm', sub_button: [{ type: 'x', name: 'a' }] }] }, 40024, /^invalid sub button type/],
      [{ button: [{ name: 'm', sub_button: [{ type: 'click', name: '', key: 'k' }] }] }, 40025, /^invalid sub button name size/],
      [{ button: [{ name: 'm', sub_button: [{ type: 'click', name: 'a' }] }] }, 40026, /^invalid sub button key size/],
      [{ button: [{ name: 'm', sub_button: [{ type: 'view', name: 'a' }] }] }, 40027, /^invalid sub button url size/],
      [{ button: [{ name: 'm', sub_button: [{ type: 'click', name: 'a', key: 'k', sub_button: [{ type: 'click', name: 'b', key: 'k' }] }] }] }, 40022, /^invalid sub_menu level/],
      [
        {
          button: [
            { type: 'view', name: 'a', url: 'https://a.example/' },
            { type: 'view', name: 'b', url: 'https://b.example/' },
            { name: 'm', sub_button: [{ type: 'view', name: 'c', url: 'https://c.example/' }, { type: 'view', name: 'd', url: 'https://d.example/' }] },
          ],
        },
        65316,
        /^domain count reach limit/,
      ],
      [{ button: [{ type: 'miniprogram', name: 'a', url: 'https://e.com/', pagepath: 'p' }] }, 40166, /^invalid weapp appid/],
      [{ button: [{ type: 'miniprogram', name: 'a', url: 'https://e.com/', appid: 'wx286b93c14bbf93aa' }] }, 41030, /^invalid page/],
      [{ button: [{ type: 'media_id', name: 'a' }] }, 40007, /^invalid media_id/],
      [{ button: [{ type: 'article_id', name: 'a' }] }, 53600, /^invalid article_id/],
      [{ button: [{ type: 'click', name: 7, key: 'k' }] }, 47001, /^data format error/],
      [{ button: 'x' }, 40016, /^invalid button size/],
    ];
    for (const [body, code, msg] of cases) expectWxError(await a.call('POST', 'menu/create', body), code, msg);
    // Nothing was stored by any of them.
    expectWxError(await a.call('GET', 'menu/get'), 46003);
  });

  it('hostile bodies on every menu API answer WeChat errors, never a 500', async () => {
    const a = await account();
    await a.call('POST', 'menu/create', DEFAULT_MENU);
    const bodies: Array<string | Buffer> = [
      '',
      'not json',
      '[]',
      'null',
      '"button"',
      '{"button":',
      '['.repeat(100_000),
      JSON.stringify({ button: Array.from({ length: 50_000 }, () => ({ type: 'click', name: 'a', key: 'k' })) }),
      JSON.stringify({ button: [{ type: 'click', name: 'a', key: 'k', sub_button: Array.from({ length: 10_000 }, () => ({})) }] }),
      '{"__proto__":{"button":[{"type":"click","name":"a","key":"k"}]}}',
      Buffer.from([0x7b, 0x22, 0x62, 0x22, 0x3a, 0xff, 0xfe, 0x7d]),
      JSON.stringify({ button: [{ type: 'click', name: 'a', key: 'k' }], pad: 'x'.repeat(2 * 1024 * 1024) }),
      JSON.stringify({ menuid: { $gt: 0 }, user_id: ['x'], matchrule: 'x', button: null }),
    ];
    for (const api of ['menu/create', 'menu/addconditional', 'menu/delconditional', 'menu/trymatch']) {
      for (const body of bodies) {
        const res = await herald.app.inject({
          method: 'POST',
          url: `/cgi-bin/${api}?access_token=${encodeURIComponent(a.token)}`,
          payload: body,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode, `${api} ${String(body).slice(0, 30)}`).toBe(200);
        const json = res.json() as WxBody;
        expect(json.errcode, `${api} ${String(body).slice(0, 30)} → ${res.body.slice(0, 120)}`).toBeGreaterThan(0);
      }
    }
    // The menu is still the one created first.
    expect(((await a.call('GET', 'menu/get')).menu as { button: unknown[] }).button).toHaveLength(2);
  });

  it('methods: 43002 for GET on POST-only APIs, 43001 for POST on menu/get', async () => {
    const a = await account();
    expectWxError(await a.call('GET', 'menu/create'), 43002, 'require POST method');
    expectWxError(await a.call('GET', 'menu/addconditional'), 43002);
    expectWxError(await a.call('GET', 'menu/delconditional'), 43002);
    expectWxError(await a.call('GET', 'menu/trymatch'), 43002);
    expectWxError(await a.call('POST', 'menu/get', {}), 43001, 'require GET method');
  });

  it('48001 by account type: unverified subscription accounts have no menu; only verified accounts personalize', async () => {
    const sub = await account({ type: 'subscription', verified: false });
    for (const [method, api] of [['POST', 'menu/create'], ['GET', 'menu/get'], ['GET', 'menu/delete'], ['GET', 'get_current_selfmenu_info']] as const) {
      expectWxError(await sub.call(method, api, method === 'POST' ? DEFAULT_MENU : undefined), 48001, 'api unauthorized');
    }
    const svc = await account({ type: 'service', verified: false });
    expect(await svc.call('POST', 'menu/create', DEFAULT_MENU)).toMatchObject({ errcode: 0 });
    expectWxError(await svc.call('POST', 'menu/addconditional', STAR_MENU), 48001);
    expectWxError(await svc.call('POST', 'menu/trymatch', { user_id: 'o' }), 48001);
    expectWxError(await svc.call('POST', 'menu/delconditional', { menuid: '1' }), 48001);
    const verifiedSub = await account({ type: 'subscription', verified: true });
    expect(await verifiedSub.call('POST', 'menu/create', DEFAULT_MENU)).toMatchObject({ errcode: 0 });
    expect(await verifiedSub.call('POST', 'menu/addconditional', STAR_MENU)).toMatchObject({ menuid: expect.any(String) });
  });

  it('menu/addconditional: 65303 without a default menu, then menuid; shown in menu/get in creation order', async () => {
    const a = await account();
    expectWxError(await a.call('POST', 'menu/addconditional', STAR_MENU), 65303, 'there is no selfmenu, please create selfmenu first');
    await a.call('POST', 'menu/create', DEFAULT_MENU);
    const tag = (await a.call('POST', 'tags/create', { tag: { name: 'VIP' } })).tag as { id: number };
    const one = await a.call('POST', 'menu/addconditional', STAR_MENU);
    expect(one).toEqual({ menuid: expect.stringMatching(/^\d{9,}$/) });
    const two = await a.call('POST', 'menu/addconditional', {
      button: [{ type: 'view', name: 'VIP', url: 'https://vip.example/' }],
      matchrule: { tag_id: tag.id, client_platform_type: '2', sex: '', country: '' },
    });
    const got = await a.call('GET', 'menu/get');
    expect(got.conditionalmenu).toEqual([
      { button: [{ type: 'click', name: 'Star', key: 'STAR', sub_button: [] }], matchrule: { tag_id: '2' }, menuid: Number(one.menuid) },
      {
        button: [{ type: 'view', name: 'VIP', url: 'https://vip.example/', sub_button: [] }],
        matchrule: { tag_id: String(tag.id), client_platform_type: '2' },
        menuid: Number(two.menuid),
      },
    ]);
  });

  it('menu/addconditional errors: 65304, 65320, 45159, 40035, 65307, button rules', async () => {
    const a = await account();
    await a.call('POST', 'menu/create', DEFAULT_MENU);
    const b = STAR_MENU.button;
    expectWxError(await a.call('POST', 'menu/addconditional', { button: b }), 65304, 'match rule empty hint: [data.matchrule]');
    expectWxError(await a.call('POST', 'menu/addconditional', { button: b, matchrule: {} }), 65304);
    expectWxError(await a.call('POST', 'menu/addconditional', { button: b, matchrule: { tag_id: '', sex: '' } }), 65304);
    for (const field of ['sex', 'country', 'province', 'city', 'language']) {
      expectWxError(await a.call('POST', 'menu/addconditional', { button: b, matchrule: { tag_id: '2', [field]: '1' } }), 65320);
    }
    expectWxError(await a.call('POST', 'menu/addconditional', { button: b, matchrule: { tag_id: '999' } }), 45159, /^invalid tag id/);
    expectWxError(await a.call('POST', 'menu/addconditional', { button: b, matchrule: { tag_id: 'abc' } }), 45159);
    expectWxError(await a.call('POST', 'menu/addconditional', { button: b, matchrule: { tag_id: '1' } }), 45159);
    expectWxError(await a.call('POST', 'menu/addconditional', { button: b, matchrule: { client_platform_type: '9' } }), 40035);
    expectWxError(await a.call('POST', 'menu/addconditional', { matchrule: { tag_id: '2' } }), 65307, /^conditional menu is empty/);
    expectWxError(await a.call('POST', 'menu/addconditional', { button: [], matchrule: { tag_id: '2' } }), 65307);
    expectWxError(await a.call('POST', 'menu/addconditional', { button: [{ type: 'click', name: 'a' }], matchrule: { tag_id: '2' } }), 40019);
    expectWxError(await a.call('POST', 'menu/addconditional', { button: b, matchrule: 'tag 2' }), 47001);
    expect((await a.call('GET', 'menu/get')).conditionalmenu).toBeUndefined();
  });

  it('menu/delconditional removes one personalized menu; 65301 for unknown, malformed or the default menuid', async () => {
    const a = await account();
    await a.call('POST', 'menu/create', DEFAULT_MENU);
    const { menuid } = await a.call('POST', 'menu/addconditional', STAR_MENU);
    const defaultId = ((await a.call('GET', 'menu/get')).menu as { menuid: number }).menuid;
    expectWxError(await a.call('POST', 'menu/delconditional', { menuid: defaultId }), 65301, 'this menu is not conditionalmenu');
    for (const bad of ['123', '', 'abc', null, { id: 1 }, ['1'], 1.5, '9'.repeat(40)]) {
      expectWxError(await a.call('POST', 'menu/delconditional', { menuid: bad }), 65301);
    }
    expectWxError(await a.call('POST', 'menu/delconditional', {}), 65301);
    // Another account cannot delete it.
    const other = await account();
    expectWxError(await other.call('POST', 'menu/delconditional', { menuid }), 65301);
    expect(await a.call('POST', 'menu/delconditional', { menuid: Number(menuid) })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await a.call('GET', 'menu/get')).conditionalmenu).toBeUndefined();
    expectWxError(await a.call('POST', 'menu/delconditional', { menuid }), 65301);
  });

  it('menu/trymatch: newest matching personalized menu by tag, else the default; 65302 for unknown users', async () => {
    const a = await account();
    const plain = await addFollower(herald.database, a.account.id);
    const starred = await addFollower(herald.database, a.account.id);
    const vip = await addFollower(herald.database, a.account.id);
    expectWxError(await a.call('POST', 'menu/trymatch', { user_id: plain.openid }), 46003);
    await a.call('POST', 'menu/create', DEFAULT_MENU);
    const tag = (await a.call('POST', 'tags/create', { tag: { name: 'VIP' } })).tag as { id: number };
    await a.call('POST', 'tags/members/batchtagging', { openid_list: [starred.openid, vip.openid], tagid: 2 });
    await a.call('POST', 'tags/members/batchtagging', { openid_list: [vip.openid], tagid: tag.id });
    await a.call('POST', 'menu/addconditional', STAR_MENU);
    const vipMenu = await a.call('POST', 'menu/addconditional', { button: [{ type: 'click', name: 'VIP', key: 'VIP' }], matchrule: { tag_id: String(tag.id) } });
    // iOS-only menus never match trymatch: Herald knows no platform for a follower here.
    await a.call('POST', 'menu/addconditional', { button: [{ type: 'click', name: 'iOS', key: 'IOS' }], matchrule: { client_platform_type: '1' } });

    expect(await a.call('POST', 'menu/trymatch', { user_id: plain.openid })).toEqual({
      button: (((await a.call('GET', 'menu/get')).menu as { button: unknown[] }).button),
    });
    expect(await a.call('POST', 'menu/trymatch', { user_id: starred.openid })).toEqual({
      button: [{ type: 'click', name: 'Star', key: 'STAR', sub_button: [] }],
    });
    // vip carries both tags; the VIP menu is newer.
    expect(await a.call('POST', 'menu/trymatch', { user_id: vip.openid })).toEqual({
      button: [{ type: 'click', name: 'VIP', key: 'VIP', sub_button: [] }],
    });
    // The phone asks with its platform.
    expect((await matchMenuFor(herald.services.db, a.account.id, plain.openid, { clientPlatformType: 1 }))?.buttons[0].name).toBe('iOS');
    expect(await matchMenuFor(herald.services.db, a.account.id, vip.openid)).toMatchObject({ kind: 'conditional', menuid: vipMenu.menuid });
    expect(await matchMenuFor(herald.services.db, a.account.id, plain.openid)).toMatchObject({ kind: 'default' });

    const other = await account();
    const stranger = await addFollower(herald.database, other.account.id);
    const gone = await addFollower(herald.database, a.account.id, { subscribed: false });
    for (const user_id of [stranger.openid, gone.openid, 'oUnknownOpenid0000000000000', 'wechat_id_123', '', 42, null, ['x'], 'x'.repeat(5000)]) {
      expectWxError(await a.call('POST', 'menu/trymatch', { user_id }), 65302, 'no such user');
    }
    expectWxError(await a.call('POST', 'menu/trymatch', {}), 65302);
  });

  it('matchMenuFor is null without a menu; deleting the default menu hides personalized ones', async () => {
    const a = await account();
    const f = await addFollower(herald.database, a.account.id);
    expect(await matchMenuFor(herald.services.db, a.account.id, f.openid)).toBeNull();
    await a.call('POST', 'menu/create', DEFAULT_MENU);
    expect(await matchMenuFor(herald.services.db, a.account.id, f.openid)).toMatchObject({ kind: 'default' });
  });
});
