import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { phoneUser } from '../../../test/phoneFixtures.js';
import { expectWxError, fetchToken, wxCall, type WxBody } from '../../../test/wxClient.js';
import { linkMiniProgram } from '../../../test/factories/miniprograms.js';
import { createFollowerUser, followAccount, unfollowAccount } from '../followers/index.js';

describeEachDb('mini programs: stubs, links confirmed by both admins, the six integrations', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const sim = async (url: string, body: unknown) => {
    const r = await h.app.inject({ method: 'POST', url: `/sim/v1${url}`, headers: { 'content-type': 'application/json' }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: r.statusCode, json: r.json() as Record<string, any> };
  };

  /** An account of the signed-in operator's organization with a token, and a phone user who admins a new mini program. */
  async function setup(type: 'service' | 'subscription' = 'service') {
    const { op, client } = await signedInOperator(h.app, h.services);
    const made = await makeAccount(h.services, { orgId: op.orgId, type, verified: true });
    const token = await fetchToken(h, made.appid, made.secret);
    const call = (api: string, body?: unknown): Promise<WxBody> => wxCall(h, 'POST', `/cgi-bin/${api}?access_token=${encodeURIComponent(token)}`, { body: body ?? {} });
    const admin = await phoneUser(h.app, 'Shop admin');
    const created = await sim('/miniprograms', { owner_appid: made.appid, name: 'Tea Shop', icon_url: 'https://cdn.example.com/tea.png', admin_user_id: admin.user.id, pages: ['pages/index/index', '/pages/menu/index'] });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    return { ...made, op, client, call, admin, mp: created.json.miniprogram as { appid: string; username: string; pages: string[] } };
  }

  it('registers a mini program stub (simulator and console) and refuses malformed ones', async () => {
    const s = await setup();
    expect(s.mp).toMatchObject({ name: 'Tea Shop', pages: ['pages/index/index', 'pages/menu/index'], has_admin: true });
    expect(s.mp.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(s.mp.username).toMatch(/^gh_[0-9a-f]{12}$/);
    const made = await s.client.post('/console/api/miniprograms', { name: 'Rates', pages: ['pages/rates/index'], version: '2.1.0' });
    expect(made.status, made.body).toBe(201);
    const list = await s.client.get('/console/api/miniprograms');
    expect((list.json as { miniprograms: { name: string }[] }).miniprograms.map((m: { name: string }) => m.name)).toEqual(['Rates', 'Tea Shop']);
    // Another organization does not see them.
    const other = await signedInOperator(h.app, h.services);
    expect((await other.client.get('/console/api/miniprograms')).json.miniprograms).toEqual([]);
    // Hostile and malformed bodies: 400 with a code, never 500.
    for (const body of [
      { name: 'x', pages: [] },
      { name: '', pages: ['a'] },
      { name: 'x'.repeat(31), pages: ['a'] },
      { name: 'a\u0000b', pages: ['a'] },
      { name: 'x', pages: ['../../etc/passwd'] },
      { name: 'x', pages: ['a b'] },
      { name: 'x', pages: ['a'], appid: 'gh_123456789012' },
      { name: 'x', pages: ['a'], appid: s.mp.appid },
      { name: 'x', pages: ['a'], icon_url: 'javascript:alert(1)' },
      { name: 'x', pages: ['a'], admin_user_id: '00000000-0000-4000-8000-000000000000' },
      { name: 'x', pages: ['a'], extra: 1 },
      { name: 'x', pages: 'a' },
      { name: '\ud800', pages: ['a'] },
    ]) {
      const r = await s.client.post('/console/api/miniprograms', body);
      expect([400, 409], `${JSON.stringify(body)} ${r.body}`).toContain(r.status);
      expect((r.json as { error: { code: unknown } }).error.code).toBeTypeOf('string');
    }
    expect((await sim('/miniprograms', '{"owner_appid":')).status).toBe(400);
    expect((await sim('/miniprograms', { owner_appid: 'wx0000000000000000', name: 'x', pages: ['a'] })).status).toBe(404);
  });

  it('links through wxamplink: 12, the account admin agrees (2), the mini program admin accepts in the phone (1)', async () => {
    const s = await setup();
    expect(await s.call('wxopen/wxamplink', { appid: s.mp.appid, notify_users: '1', show_profile: 1 })).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const listed = await s.call('wxopen/wxamplinkget');
    const item = (listed.wxopens as { items: Record<string, unknown>[] }).items[0];
    expect(item).toMatchObject({ status: 12, appid: s.mp.appid, username: s.mp.username, nickname: 'Tea Shop', source: 'SOURCE_NORMAL', released: 1, selected: 0, headimg_url: 'https://cdn.example.com/tea.png' });
    expect(item.func_info).toEqual(item.func_infos);
    expect(item.func_infos).toEqual([{ status: 0, id: 1, name: '微信认证' }, { status: 0, id: 2, name: '微信支付' }]);
    // Not yet usable: the phone admin has nothing to answer, a menu button is refused.
    expect((await s.admin.client.get('/miniprogram-invitations')).json.invitations).toEqual([]);
    expectWxError(await s.call('menu/create', { button: [{ type: 'miniprogram', name: 'Shop', url: 'https://example.com/', appid: s.mp.appid, pagepath: 'pages/index/index' }] }), 85005, 'appid not bind weapp hint: [data.button.0.appid]');
    // The account's admin agrees in the console.
    const base = `/console/api/accounts/${s.appid}/miniprogram-links`;
    const confirmed = await s.client.post(`${base}/${s.mp.appid}/confirm`, {});
    expect(confirmed.status, confirmed.body).toBe(200);
    expect((confirmed.json as { links: unknown[] }).links[0]).toMatchObject({ appid: s.mp.appid, status: 2, show_profile: true, notify_users: true, source: 'api' });
    expect((await s.client.post(`${base}/${s.mp.appid}/confirm`, {})).status).toBe(409);
    // Someone else cannot answer; the admin sees the invitation and accepts.
    const stranger = await phoneUser(h.app, 'Stranger');
    expect((await stranger.client.get('/miniprogram-invitations')).json.invitations).toEqual([]);
    expect((await stranger.client.post('/miniprogram-invitations/answer', { appid: s.mp.appid, account_appid: s.appid, accept: true })).status).toBe(404);
    const inv = (await s.admin.client.get('/miniprogram-invitations')).json.invitations;
    expect(inv).toEqual([expect.objectContaining({ appid: s.mp.appid, account_appid: s.appid, name: 'Tea Shop' })]);
    const accepted = await s.admin.client.post('/miniprogram-invitations/answer', { appid: s.mp.appid, account_appid: s.appid, accept: true });
    expect([accepted.status, accepted.json]).toEqual([200, { status: 1 }]);
    expect(((await s.call('wxopen/wxamplinkget')).wxopens as { items: Record<string, unknown>[] }).items[0]).toMatchObject({ status: 1, selected: 1 });
    // Linked: the menu button is accepted, and the service account shows it on its profile.
    expect(await s.call('menu/create', { button: [{ type: 'miniprogram', name: 'Shop', url: 'https://example.com/', appid: s.mp.appid, pagepath: 'pages/index/index' }] })).toMatchObject({ errcode: 0 });
    const profile = await s.admin.client.get(`/accounts/${s.appid}/miniprograms`);
    expect(profile.json.miniprograms).toEqual([{ appid: s.mp.appid, name: 'Tea Shop', icon_url: 'https://cdn.example.com/tea.png', home: 'pages/index/index' }]);
    const opened = await s.admin.client.get(`/miniprograms/${s.mp.username}`);
    expect(opened.json.miniprogram).toMatchObject({ appid: s.mp.appid, name: 'Tea Shop' });

    // wxampunlink waits for the account's admin; the mini program stays linked until then.
    expect(await s.call('wxopen/wxampunlink', { appid: s.mp.appid })).toMatchObject({ errcode: 0 });
    const pending = await s.client.get(base);
    expect((pending.json as { links: unknown[] }).links[0]).toMatchObject({ status: 1, unlink_requested_at: expect.any(String) });
    expect((await s.client.request('DELETE', `${base}/${s.mp.appid}`)).json.links).toEqual([]);
    expectWxError(await s.call('wxopen/wxampunlink', { appid: s.mp.appid }), 85005);
    expect((await s.call('wxopen/wxamplinkget')).wxopens).toEqual({ items: [] });
  });

  it('a refusal in the phone is status 3; asking again starts over', async () => {
    const s = await setup();
    const base = `/console/api/accounts/${s.appid}/miniprogram-links`;
    const asked = await s.client.post(base, { appid: s.mp.appid, show_profile: false });
    expect((asked.json as { links: unknown[] }).links[0]).toMatchObject({ status: 2, source: 'console' });
    expect((await s.admin.client.post('/miniprogram-invitations/answer', { appid: s.mp.appid, account_appid: s.appid, accept: false })).json).toEqual({ status: 3 });
    expect(((await s.call('wxopen/wxamplinkget')).wxopens as { items: Record<string, unknown>[] }).items[0]).toMatchObject({ status: 3 });
    expect(await s.call('wxopen/wxamplink', { appid: s.mp.appid, notify_users: 0, show_profile: 0 })).toMatchObject({ errcode: 0 });
    expect(((await s.call('wxopen/wxamplinkget')).wxopens as { items: Record<string, unknown>[] }).items[0]).toMatchObject({ status: 12 });
  });

  it('notify_users: the followers get a notice in the chat when the link is accepted; nobody else does', async () => {
    const s = await setup();
    const reader = await phoneUser(h.app, 'Reader');
    const gone = await phoneUser(h.app, 'Gone');
    expect((await reader.client.post(`/accounts/${s.appid}/follow`)).status).toBe(200);
    expect((await gone.client.post(`/accounts/${s.appid}/follow`)).status).toBe(200);
    await unfollowAccount(h.services, gone.user.id, s.appid);
    const notices = async (who: typeof reader) =>
      ((await who.client.get(`/accounts/${s.appid}/messages`)).json.messages as Array<{ msg_type: string; content: Record<string, unknown> }>).filter((m) => m.msg_type === 'system');
    const base = `/console/api/accounts/${s.appid}/miniprogram-links`;
    // Refused: no notice.
    expect((await s.client.post(base, { appid: s.mp.appid, show_profile: true, notify_users: true })).status).toBe(200);
    expect((await s.admin.client.post('/miniprogram-invitations/answer', { appid: s.mp.appid, account_appid: s.appid, accept: false })).json).toEqual({ status: 3 });
    expect(await notices(reader)).toEqual([]);
    // Asked again and accepted: the follower is told, once; the one who unfollowed is not.
    expect((await s.client.post(base, { appid: s.mp.appid, show_profile: true, notify_users: true })).status).toBe(200);
    expect((await s.admin.client.post('/miniprogram-invitations/answer', { appid: s.mp.appid, account_appid: s.appid, accept: true })).json).toEqual({ status: 1 });
    expect(await notices(reader)).toEqual([
      expect.objectContaining({ content: { content: '该公众号已关联小程序「Tea Shop」', miniprogram: { appid: s.mp.appid, name: 'Tea Shop', pagepath: 'pages/index/index' } } }),
    ]);
    expect(await notices(gone)).toEqual([]);
    // Answering again changes nothing and tells nobody twice.
    expect((await s.admin.client.post('/miniprogram-invitations/answer', { appid: s.mp.appid, account_appid: s.appid, accept: true })).status).toBe(404);
    expect(await notices(reader)).toHaveLength(1);
    // Without notify_users nobody is told.
    const quiet = await sim('/miniprograms', { owner_appid: s.appid, name: 'Quiet', admin_user_id: s.admin.user.id, pages: ['pages/index'] });
    expect((await s.client.post(base, { appid: quiet.json.miniprogram.appid, show_profile: false, notify_users: false })).status).toBe(200);
    expect((await sim(`/miniprograms/${quiet.json.miniprogram.appid}/answer`, { account_appid: s.appid, accept: true })).json).toEqual({ status: 1 });
    expect(await notices(reader)).toHaveLength(1);
  });

  it('the phone answer refuses malformed and hostile bodies with a clear error and changes nothing', async () => {
    const s = await setup();
    const base = `/console/api/accounts/${s.appid}/miniprogram-links`;
    expect((await s.client.post(base, { appid: s.mp.appid, show_profile: false, notify_users: true })).status).toBe(200);
    for (const body of [
      '{"appid":',
      '[]',
      'null',
      { appid: s.mp.appid, account_appid: s.appid },
      { appid: s.mp.appid, account_appid: s.appid, accept: 'yes' },
      { appid: s.mp.appid, account_appid: s.appid, accept: true, extra: 1 },
      { appid: { $ne: 1 }, account_appid: s.appid, accept: true },
      { appid: 'wx' + 'a'.repeat(5000), account_appid: s.appid, accept: true },
      { appid: s.mp.appid, account_appid: 'x'.repeat(100_000), accept: true },
      { appid: s.mp.appid, account_appid: "' or 1=1 --", accept: true },
      { appid: s.mp.appid, account_appid: '\u0000', accept: true },
    ]) {
      const r = await s.admin.client.post('/miniprogram-invitations/answer', body);
      expect([400, 404, 413], `${JSON.stringify(body).slice(0, 80)} ${r.body.slice(0, 200)}`).toContain(r.status);
      expect(r.json.error?.code).toBeTypeOf('string');
    }
    expect((await s.admin.client.get('/miniprogram-invitations')).json.invitations).toEqual([expect.objectContaining({ appid: s.mp.appid, account_appid: s.appid })]);
    expect((await s.admin.client.post('/miniprogram-invitations/answer', {})).status).toBe(400);
    expect((await s.admin.client.request('POST', '/miniprogram-invitations/answer', undefined)).status).toBeLessThan(500);
  });

  it('wxamplink errors and hostile bodies; 13 requests a month; 3 mini programs of other owners', async () => {
    const s = await setup('subscription');
    expectWxError(await s.call('wxopen/wxamplink', { appid: 'gh_123456789012' }), 40166, 'invalid weapp appid hint: [data.appid]');
    expectWxError(await s.call('wxopen/wxamplink', { appid: 'wx0000000000000000' }), -1);
    // Subscription accounts show no mini programs on their profile: refused with the reason.
    expectWxError(await s.call('wxopen/wxamplink', { appid: s.mp.appid, show_profile: 1 }), 48001, 'api unauthorized hint: [data.show_profile]');
    expectWxError(await s.call('wxopen/wxamplink', { appid: s.mp.appid, show_profile: 'yes' }), 40035);
    for (const body of ['{"appid":', '[]', JSON.stringify({ appid: { $ne: 1 } }), JSON.stringify({ appid: 'wx' + 'a'.repeat(5000) })]) {
      const r = await wxCall(h, 'POST', `/cgi-bin/wxopen/wxamplink?access_token=${encodeURIComponent(await fetchToken(h, s.appid, s.secret))}`, { body });
      expect(r.errcode, JSON.stringify(r)).not.toBe(0);
      expect(r.errcode).toBeTypeOf('number');
    }
    expectWxError(await wxCall(h, 'GET', '/cgi-bin/wxopen/wxamplinkget?access_token=x'), 43002);
    // Other owners: at most 3 linked or pending.
    const stranger = await makeAccount(h.services);
    const others: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await sim('/miniprograms', { owner_appid: stranger.appid, name: `Other ${i}`, pages: ['pages/index'] });
      others.push(r.json.miniprogram.appid);
    }
    for (const appid of others.slice(0, 3)) expect(await s.call('wxopen/wxamplink', { appid })).toMatchObject({ errcode: 0 });
    expectWxError(await s.call('wxopen/wxamplink', { appid: others[3] }), 89407, 'reach different realname limit');
    // 13 requests in 30 days (refused requests are not counted).
    for (let i = 0; i < 10; i++) expect(await s.call('wxopen/wxamplink', { appid: s.mp.appid })).toMatchObject({ errcode: 0 });
    expectWxError(await s.call('wxopen/wxamplink', { appid: s.mp.appid }), -1);
  });

  it('the integrations by account type: menus, kf cards, auto-replies, template messages, subscribe notifications, profile', async () => {
    for (const type of ['service', 'subscription'] as const) {
      const s = await setup(type);
      const user = await createFollowerUser(h.services, { nickname: 'Reader' });
      const openid = await followAccount(h.services, user.id, s.appid);
      const card = { touser: openid, msgtype: 'miniprogrampage', miniprogrampage: { title: 'Shop', appid: s.mp.appid, pagepath: 'pages/index/index', thumb_media_id: 'x' } };
      expectWxError(await s.call('message/custom/send', card), 85005);
      const reply = { replies: [{ type: 'miniprogrampage', title: 'Shop', appid: s.mp.appid, pagepath: 'pages/index/index', thumb_media_id: 'x' }] };
      const refused = await s.client.request('PUT', `/console/api/accounts/${s.appid}/auto-replies/default`, reply);
      expect(refused.status, refused.body).toBe(400);
      await linkMiniProgram(h.services.db, s.account.id, { appid: s.mp.appid, showProfile: type === 'service' });
      expect(await s.call('menu/create', { button: [{ type: 'miniprogram', name: 'Shop', url: 'https://example.com/', appid: s.mp.appid, pagepath: 'pages/menu/index' }] })).toMatchObject({ errcode: 0 });
      // Past the link the card goes on to its media check (40007 for the unknown thumb).
      expectWxError(await s.call('message/custom/send', card), 40007);
      const tpl = { touser: openid, template_id: 'x', miniprogram: { appid: s.mp.appid, pagepath: 'pages/index/index' }, data: {} };
      const profile = (await s.admin.client.get(`/accounts/${s.appid}/miniprograms`)).json.miniprograms;
      if (type === 'subscription') {
        expectWxError(await s.call('message/template/send', tpl), 48001);
        expect(profile).toEqual([]);
      } else {
        expect(profile).toHaveLength(1);
      }
    }
  });

  it('template messages open a linked, released page only: 85005, 40165, then sent', async () => {
    const s = await setup('service');
    const user = await createFollowerUser(h.services, { nickname: 'Reader' });
    const openid = await followAccount(h.services, user.id, s.appid);
    expect(await s.call('template/api_set_industry', { industry_id1: '1', industry_id2: 13 })).toMatchObject({ errcode: 0 });
    const added = await s.call('template/api_add_template', { template_id_short: 'TM00015' });
    const templateId = added.template_id as string;
    expect(templateId, JSON.stringify(added)).toBeTypeOf('string');
    const send = (pagepath: string) => s.call('message/template/send', { touser: openid, template_id: templateId, miniprogram: { appid: s.mp.appid, pagepath }, data: {} });
    expectWxError(await send('pages/index/index'), 85005, 'appid not bind weapp hint: [data.miniprogram.appid]');
    await linkMiniProgram(h.services.db, s.account.id, { appid: s.mp.appid });
    expectWxError(await send('pages/secret/index'), 40165, 'invalid weapp pagepath hint: [data.miniprogram.pagepath]');
    const sent = await send('pages/menu/index?from=tm');
    expect(sent, JSON.stringify(sent)).toMatchObject({ errcode: 0, msgid: expect.any(Number) });
  });
});
