import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkMiniProgram } from '../../../../test/factories/miniprograms.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator } from '../../../../test/consoleFixtures.js';
import { startDevServer, type DevServer } from '../../../../test/devServer.js';
import { expectHostileBodiesRefused } from '../../../../test/hostileBodies.js';
import { configureServer } from '../../callbacks/commands/serverConfigurator.js';
import { addConditionalMenu } from '../commands/conditionalMenuAdder.js';
import { publishMenu } from '../commands/menuPublisher.js';
import { createTag } from '../../followers/commands/tagCreator.js';
import { getCurrentMenu, matchMenuFor } from '../store.js';

const MENU = [
  { type: 'click', name: 'Today', key: 'TODAY' },
  {
    name: 'More',
    sub_button: [
      { type: 'view', name: 'Website', url: 'https://example.com/' },
      { type: 'miniprogram', name: 'Shop', url: 'https://example.com/shop', appid: 'wx0123456789abcdef', pagepath: 'pages/index' },
      { type: 'scancode_push', name: 'Scan', key: 'SCAN' },
      { type: 'location_select', name: 'Where', key: 'LOC' },
      { type: 'article_id', name: 'Story', article_id: 'ART_1' },
    ],
  },
  { type: 'media_id', name: 'Picture', media_id: 'MEDIA_1' },
];

describeEachDb('console custom menu API', (kind) => {
  let h: TestHerald;
  const servers: DevServer[] = [];
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await h?.close();
  });

  async function mine(opts: Parameters<typeof makeAccount>[1] = {}) {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId, ...opts });
    await linkMiniProgram(h.services.db, acc.account.id, { appid: 'wx0123456789abcdef' });
    return { op, client, ...acc, url: `/console/api/accounts/${acc.appid}/menu` };
  }

  it('starts without a menu, publishes one as menu/create would, and shows it back', async () => {
    const { client, url, account } = await mine();
    const empty = await client.get(url);
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ available: true, unavailable_reason: null, read_only: false, read_only_reason: null, menu: null, conditional_menus: [] });

    const saved = await client.put(url, { button: MENU });
    expect(saved.status).toBe(200);
    const menu = saved.json.menu as { menuid: string; button: Array<Record<string, unknown>>; source: string; updated_at: string };
    expect(menu.source).toBe('console');
    expect(menu.menuid).toMatch(/^\d+$/);
    expect(menu.button[0]).toEqual({ type: 'click', name: 'Today', key: 'TODAY', sub_button: [] });
    expect((menu.button[1].sub_button as unknown[]).length).toBe(5);
    expect(new Date(menu.updated_at).getTime()).toBeLessThanOrEqual(h.services.clock.nowMs());

    // The WeChat API and the phone see the same menu.
    const stored = await getCurrentMenu(h.services.db, account.id);
    expect(stored?.default.source).toBe('console');
    expect(stored?.default.buttons.map((b) => b.name)).toEqual(['Today', 'More', 'Picture']);
    const again = await client.get(url);
    expect(again.json.menu).toEqual(saved.json.menu);
  });

  it('answers an invalid menu with 400, the errcode and a sentence naming the button; nothing changes', async () => {
    const { client, url, account } = await mine();
    await client.put(url, { button: MENU });
    const before = await getCurrentMenu(h.services.db, account.id);

    const long = structuredClone(MENU);
    (long[1].sub_button as Array<Record<string, unknown>>)[2].name = 'x'.repeat(61);
    const r = await client.put(url, { button: long });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({
      code: 'invalid_menu',
      message: 'Button 2 › Sub-button 3: name is longer than 60 bytes (40025)',
      details: { errcode: 40025, at: 'button.1.sub_button.2.name' },
    });

    const cases: Array<[unknown, number, string]> = [
      [[], 40016, 'Menu: a menu has 1 to 3 buttons (40016)'],
      [[{ type: 'click', name: '四个汉字多' + '一', key: 'k' }], 40018, 'Button 1: name is longer than 16 bytes (40018)'],
      [[{ type: 'view', name: 'A', url: 'not a url' }], 40055, 'Button 1: URL must be a full http:// or https:// link without spaces or credentials (40055)'],
      [[{ type: 'click', name: 'A' }], 40019, 'Button 1: key is required (40019)'],
      ['menu', 40016, 'Menu: a menu has 1 to 3 buttons (40016)'],
      [null, 40016, 'Menu: a menu has 1 to 3 buttons (40016)'],
      [[{ type: 'click', name: 'A\u0000', key: 'k' }], 40033, 'Button 1: name must be plain text without control characters (40033)'],
      [[{ name: 'M', sub_button: [{ type: 'click', name: 'ok', key: 'k\ud800' }] }], 40033, 'Button 1 › Sub-button 1: key must be plain text without control characters (40033)'],
    ];
    for (const [button, errcode, message] of cases) {
      const bad = await client.put(url, { button });
      expect(bad.status, message).toBe(400);
      expect(bad.json.error?.message).toBe(message);
      expect(bad.json.error?.details?.errcode).toBe(errcode);
    }
    expect(await getCurrentMenu(h.services.db, account.id)).toEqual(before);
  });

  it('shows personalized menus and deletes every menu', async () => {
    const { client, url, account } = await mine();
    await publishMenu(h.services, account.id, MENU.slice(0, 1));
    const tag = await createTag(h.services, account.id, 'VIP');
    await addConditionalMenu(h.services, account.id, { button: [{ type: 'click', name: 'VIP', key: 'VIP' }], matchrule: { tag_id: String(tag.id) } });
    const got = await client.get(url);
    expect(got.json.menu).toMatchObject({ source: 'api' });
    expect(got.json.conditional_menus).toEqual([
      expect.objectContaining({ matchrule: { tag_id: String(tag.id) }, tag_name: 'VIP', button: [{ type: 'click', name: 'VIP', key: 'VIP', sub_button: [] }] }),
    ]);

    const del = await client.request('DELETE', url);
    expect(del.status).toBe(200);
    expect(del.json).toMatchObject({ menu: null, conditional_menus: [] });
    expect(await getCurrentMenu(h.services.db, account.id)).toBeNull();
    // Deleting again is fine, as menu/delete.
    expect((await client.request('DELETE', url)).status).toBe(200);
  });

  it('is read-only while the developer server is enabled: writes answer 409 api_owned', async () => {
    const { client, url, account } = await mine();
    await client.put(url, { button: MENU });
    const server = await startDevServer({ token: 'menutoken' });
    servers.push(server);
    await configureServer(h.services, account.id, { url: server.url, token: 'menutoken', mode: 'plaintext' });

    const got = await client.get(url);
    expect(got.json.read_only).toBe(true);
    expect(got.json.read_only_reason).toContain('/cgi-bin/menu/create');
    expect((got.json.menu as { button: unknown[] }).button).toHaveLength(3);

    const put = await client.put(url, { button: [{ type: 'click', name: 'New', key: 'N' }] });
    expect(put.status).toBe(409);
    expect(put.json.error?.code).toBe('api_owned');
    expect(put.json.error?.message).toContain('Developer settings');
    const del = await client.request('DELETE', url);
    expect(del.status).toBe(409);
    expect(del.json.error?.code).toBe('api_owned');
    expect((await matchMenuFor(h.services.db, account.id, 'oNobody'))?.buttons).toHaveLength(3);

    // The API still owns it: menu/create works as before.
    await publishMenu(h.services, account.id, [{ type: 'click', name: 'API', key: 'A' }]);
    expect(((await client.get(url)).json.menu as { source: string }).source).toBe('api');
  });

  it('explains that unverified subscription accounts cannot have a menu, and refuses writes', async () => {
    const { client, url } = await mine({ type: 'subscription', verified: false });
    const got = await client.get(url);
    expect(got.status).toBe(200);
    expect(got.json.available).toBe(false);
    expect(got.json.unavailable_reason).toContain('Unverified subscription accounts');
    const put = await client.put(url, { button: MENU });
    expect(put.status).toBe(403);
    expect(put.json.error?.code).toBe('forbidden');
    expect((await client.request('DELETE', url)).status).toBe(403);
    // A verified subscription account can.
    const verified = await mine({ type: 'subscription', verified: true });
    expect((await verified.client.put(verified.url, { button: MENU })).status).toBe(200);
  });

  it('needs a session, the CSRF header on writes, and an account of the operator’s organization', async () => {
    const { client, url, appid } = await mine();
    const anon = await h.app.inject({ method: 'GET', url });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await h.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: `herald_session=${client.cookie}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ button: MENU }),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    const delNoCsrf = await h.app.inject({ method: 'DELETE', url, headers: { cookie: `herald_session=${client.cookie}` } });
    expect(delNoCsrf.statusCode).toBe(403);

    const other = await signedInOperator(h.app, h.services);
    for (const [method, body] of [['GET', undefined], ['PUT', { button: MENU }], ['DELETE', undefined]] as const) {
      const r = await other.client.request(method, url, body);
      expect(r.status, method).toBe(404);
      expect(r.json.error?.code).toBe('not_found');
    }
    for (const bad of ['wxnothex', 'WX0123456789ABCDEF', '%00', 'x'.repeat(300), `${appid}%20`]) {
      expect((await client.get(`/console/api/accounts/${bad}/menu`)).status).toBe(404);
    }
  });

  it('answers malformed and hostile bodies with 4xx, never 500', async () => {
    const { client, url, account } = await mine();
    await expectHostileBodiesRefused(client, 'PUT', url);
    expect(await getCurrentMenu(h.services.db, account.id)).toBeNull();
    const big = await client.put(url, JSON.stringify({ button: [{ type: 'click', name: 'a', key: 'k'.repeat(70_000) }] }));
    expect(big.status).toBe(413);
  });
});
