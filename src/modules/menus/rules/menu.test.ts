import { describe, expect, it } from 'vitest';
import { outboundDomains, validateMenuButtons, type MenuCheck } from './menu.js';

const click = (name = 'Click', key = 'K1') => ({ type: 'click', name, key });
const view = (url = 'https://example.com/a', name = 'View') => ({ type: 'view', name, url });
const parent = (subs: unknown[], name = 'More') => ({ name, sub_button: subs });

function fails(input: unknown): { errcode: number; at: string } {
  const r: MenuCheck = validateMenuButtons(input);
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.buttons)}`);
  return { errcode: r.errcode, at: r.at };
}

function passes(input: unknown) {
  const r = validateMenuButtons(input);
  if (!r.ok) throw new Error(`expected success, got ${r.errcode} at ${r.at}`);
  return r.buttons;
}

describe('validateMenuButtons', () => {
  it('accepts the documented example and normalises every button with sub_button', () => {
    const buttons = passes([
      click('今日歌曲', 'V1001_TODAY_MUSIC'),
      parent([
        view('http://www.soso.com/', '搜索'),
        { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
        click('赞一下我们', 'V1001_GOOD'),
      ], '菜单'),
    ]);
    expect(buttons).toEqual([
      { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] },
      {
        name: '菜单',
        sub_button: [
          { type: 'view', name: '搜索', url: 'http://www.soso.com/', sub_button: [] },
          { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index', sub_button: [] },
          { type: 'click', name: '赞一下我们', key: 'V1001_GOOD', sub_button: [] },
        ],
      },
    ]);
  });

  it('accepts every button type with its required field and drops fields the type does not use', () => {
    const buttons = passes([
      parent([
        { type: 'scancode_push', name: 'a', key: 'k' },
        { type: 'scancode_waitmsg', name: 'b', key: 'k' },
        { type: 'pic_sysphoto', name: 'c', key: 'k' },
        { type: 'pic_photo_or_album', name: 'd', key: 'k' },
        { type: 'pic_weixin', name: 'e', key: 'k' },
      ]),
      parent([
        { type: 'location_select', name: 'f', key: 'k' },
        { type: 'media_id', name: 'g', media_id: 'MEDIA' },
        { type: 'view_limited', name: 'h', media_id: 'MEDIA' },
        { type: 'article_id', name: 'i', article_id: 'ART' },
        { type: 'article_view_limited', name: 'j', article_id: 'ART' },
      ]),
      { type: 'click', name: 'k', key: 'k', url: 'https://ignored.example', media_id: 'ignored', extra: { deep: true } },
    ]);
    expect(buttons[2]).toEqual({ type: 'click', name: 'k', key: 'k', sub_button: [] });
    expect(buttons[1].sub_button[1]).toEqual({ type: 'media_id', name: 'g', media_id: 'MEDIA', sub_button: [] });
  });

  it('round-trips what menu/get shows (sub_button: [] on leaves)', () => {
    const once = passes([click(), parent([view()])]);
    expect(passes(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });

  it('40016: top level must be 1–3 buttons', () => {
    expect(fails([]).errcode).toBe(40016);
    expect(fails([click(), click(), click(), click()]).errcode).toBe(40016);
    expect(fails(undefined).errcode).toBe(40016);
    expect(fails({ button: [] }).errcode).toBe(40016);
    expect(fails('button').errcode).toBe(40016);
    expect(fails(Array.from({ length: 100_000 }, () => click())).errcode).toBe(40016);
  });

  it('40023: a sub-menu holds at most 5 buttons', () => {
    expect(fails([parent(Array.from({ length: 6 }, () => click()))])).toEqual({ errcode: 40023, at: 'button.0.sub_button' });
    passes([parent(Array.from({ length: 5 }, () => click()))]);
  });

  it('40022: no third level', () => {
    expect(fails([parent([{ ...click(), sub_button: [click()] }])])).toEqual({ errcode: 40022, at: 'button.0.sub_button.0.sub_button' });
  });

  it('40017 / 40024: unknown or missing type', () => {
    expect(fails([{ type: 'unknown', name: 'a', key: 'k' }])).toEqual({ errcode: 40017, at: 'button.0.type' });
    expect(fails([{ name: 'a', key: 'k' }])).toEqual({ errcode: 40017, at: 'button.0.type' });
    expect(fails([{ type: '', name: 'a' }]).errcode).toBe(40017);
    expect(fails([parent([{ type: 'bogus', name: 'a' }])])).toEqual({ errcode: 40024, at: 'button.0.sub_button.0.type' });
    expect(fails([parent([{ name: 'a', key: 'k' }])]).errcode).toBe(40024);
    // A button that opens a sub-menu takes no type.
    expect(fails([{ type: 'click', name: 'a', key: 'k', sub_button: [click()] }])).toEqual({ errcode: 40017, at: 'button.0.type' });
  });

  it('40018 / 40025: name length in UTF-8 bytes (16 top, 60 sub)', () => {
    passes([click('a'.repeat(16))]);
    passes([click('菜单菜单菜')]); // 5 CJK characters = 15 bytes
    expect(fails([click('a'.repeat(17))])).toEqual({ errcode: 40018, at: 'button.0.name' });
    expect(fails([click('菜单菜单菜单')]).errcode).toBe(40018); // 18 bytes
    expect(fails([click('')]).errcode).toBe(40018);
    expect(fails([{ type: 'click', key: 'k' }]).errcode).toBe(40018);
    expect(fails([parent([click('a')], 'x'.repeat(17))]).errcode).toBe(40018);
    passes([parent([click('字'.repeat(20))])]); // 60 bytes
    expect(fails([parent([click('字'.repeat(20) + 'a')])])).toEqual({ errcode: 40025, at: 'button.0.sub_button.0.name' });
    expect(fails([parent([click('')])]).errcode).toBe(40025);
  });

  it('40019 / 40026: key required for key types, at most 128 bytes', () => {
    passes([click('a', 'k'.repeat(128))]);
    expect(fails([click('a', 'k'.repeat(129))])).toEqual({ errcode: 40019, at: 'button.0.key' });
    expect(fails([{ type: 'click', name: 'a' }]).errcode).toBe(40019);
    expect(fails([{ type: 'location_select', name: 'a', key: '' }]).errcode).toBe(40019);
    expect(fails([parent([{ type: 'pic_weixin', name: 'a' }])]).errcode).toBe(40026);
    expect(fails([parent([click('a', '键'.repeat(43))])]).errcode).toBe(40026); // 129 bytes
  });

  it('40020 / 40027: url required for view and miniprogram, at most 1024 bytes', () => {
    const long = `https://example.com/${'a'.repeat(1024 - 20)}`;
    expect(Buffer.byteLength(long)).toBe(1024);
    passes([view(long)]);
    expect(fails([view(`${long}a`)])).toEqual({ errcode: 40020, at: 'button.0.url' });
    expect(fails([{ type: 'view', name: 'a' }]).errcode).toBe(40020);
    expect(fails([parent([{ type: 'view', name: 'a', url: '' }])]).errcode).toBe(40027);
    expect(fails([parent([view(`${long}a`)])]).errcode).toBe(40027);
    expect(fails([{ type: 'miniprogram', name: 'a', appid: 'wx286b93c14bbf93aa', pagepath: 'p' }]).errcode).toBe(40020);
  });

  it('40055 / 40054: a link must be an absolute http(s) URL with a host', () => {
    for (const url of ['ftp://example.com/', 'javascript:alert(1)', 'example.com', '//example.com/x', 'http://', 'https:///path', 'http://user:pw@example.com/', 'http://exa mple.com/', 'http://example.com/\u0000', 'data:text/html,hi']) {
      expect(fails([view(url)]).errcode, url).toBe(40055);
      expect(fails([parent([view(url)])]).errcode, url).toBe(40054);
    }
    passes([view('http://localhost:3000/path?q=1#x')]);
    passes([view('HTTPS://Example.COM')]);
  });

  it('65316: at most 3 outbound domains across the menu', () => {
    passes([view('https://a.example/'), parent([view('https://b.example/'), view('https://c.example/x'), view('https://a.example/y')])]);
    expect(fails([view('https://a.example/'), parent([view('https://b.example/'), view('https://c.example/')]), view('https://d.example/')])).toEqual({
      errcode: 65316,
      at: 'button',
    });
  });

  it('miniprogram needs a wx appid (40166) and a pagepath (41030)', () => {
    const mp = { type: 'miniprogram', name: 'a', url: 'https://example.com/' };
    expect(fails([{ ...mp, pagepath: 'p' }])).toEqual({ errcode: 40166, at: 'button.0.appid' });
    expect(fails([{ ...mp, appid: 'not-an-appid', pagepath: 'p' }]).errcode).toBe(40166);
    expect(fails([{ ...mp, appid: 'wx286b93c14bbf93aa' }])).toEqual({ errcode: 41030, at: 'button.0.pagepath' });
    expect(fails([{ ...mp, appid: 'wx286b93c14bbf93aa', pagepath: 'p'.repeat(1025) }]).errcode).toBe(41030);
  });

  it('media_id / view_limited need media_id (40007); article types need article_id (53600)', () => {
    expect(fails([{ type: 'media_id', name: 'a' }])).toEqual({ errcode: 40007, at: 'button.0.media_id' });
    expect(fails([{ type: 'view_limited', name: 'a', media_id: 'm'.repeat(257) }]).errcode).toBe(40007);
    expect(fails([{ type: 'article_id', name: 'a' }])).toEqual({ errcode: 53600, at: 'button.0.article_id' });
    expect(fails([parent([{ type: 'article_view_limited', name: 'a', article_id: '' }])]).errcode).toBe(53600);
  });

  it('47001 for values of the wrong JSON type, never a throw', () => {
    const hostile: unknown[] = [
      [null], [1], ['button'], [[click()]],
      [{ type: 'click', name: 1, key: 'k' }],
      [{ type: 'click', name: 'a', key: { k: 1 } }],
      [{ type: ['click'], name: 'a', key: 'k' }],
      [{ name: 'a', sub_button: { list: [click()] } }],
      [{ name: 'a', sub_button: 'x' }],
      [parent([null])],
      [parent([42])],
    ];
    for (const input of hostile) expect(fails(input).errcode, JSON.stringify(input)).toBe(47001);
  });

  it('does not trip over prototype keys or odd characters', () => {
    const proto = JSON.parse('[{"type":"click","name":"a","key":"k","__proto__":{"sub_button":[1,2,3]}}]');
    expect(passes(proto)).toEqual([{ type: 'click', name: 'a', key: 'k', sub_button: [] }]);
    passes([click('🙂🙂🙂🙂', 'key:;/?#')]); // 16 bytes of emoji; keys are opaque
    expect(fails([click('🙂🙂🙂🙂🙂')]).errcode).toBe(40018);
  });
});

describe('outboundDomains', () => {
  it('collects hostnames of view and miniprogram links, case-insensitively', () => {
    const check = validateMenuButtons([
      view('https://A.example/x'),
      parent([view('https://a.example/y'), { type: 'miniprogram', name: 'm', url: 'http://b.example', appid: 'wx286b93c14bbf93aa', pagepath: 'p' }]),
    ]);
    if (!check.ok) throw new Error('menu should be valid');
    expect([...outboundDomains(check.buttons)].sort()).toEqual(['a.example', 'b.example']);
  });
});

describe('menu text charset', () => {
  it('refuses control characters and lone surrogates with 40033, naming the field', () => {
    expect(validateMenuButtons([{ type: 'click', name: 'a\u0000', key: 'k' }])).toEqual({ ok: false, errcode: 40033, at: 'button.0.name' });
    expect(validateMenuButtons([{ name: 'Menu', sub_button: [{ type: 'click', name: 'ok', key: 'k\ud800' }] }])).toEqual({ ok: false, errcode: 40033, at: 'button.0.sub_button.0.key' });
    expect(validateMenuButtons([{ type: 'click', name: '菜单 🙂', key: 'k' }]).ok).toBe(true);
  });
});
