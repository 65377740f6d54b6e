import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkMiniProgram } from '../../../../test/factories/miniprograms.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { asDeveloper, phoneUser, TINY_PNG, uploadAs } from '../../../../test/phoneFixtures.js';
import { publishMenu } from '../commands/menuPublisher.js';
import { findFollow } from '../../followers/store/followers.js';
import { listDeliveries } from '../../callbacks/store/deliveries.js';

describeEachDb('phone API: menus, scanning and location', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const labels = async (accountId: string) => (await listDeliveries(h.services.db, accountId, { limit: 50 })).map((d) => d.label);

  it('does what each menu button type does', async () => {
    const { account, appid } = await makeAccount(h.services, { type: 'service', name: 'Menu Bank' });
    await linkMiniProgram(h.services.db, account.id, { appid: 'wx1234567890abcdef' });
    await publishMenu(h.services, account.id, [
      { type: 'click', name: 'Balance', key: 'BALANCE' },
      {
        name: 'More',
        sub_button: [
          { type: 'view', name: 'Site', url: 'https://example.com/site' },
          { type: 'miniprogram', name: 'App', url: 'https://example.com/mp', appid: 'wx1234567890abcdef', pagepath: 'pages/index?from=menu' },
          { type: 'scancode_push', name: 'Scan', key: 'SCAN_PUSH' },
          { type: 'pic_photo_or_album', name: 'Photo', key: 'PIC' },
          { type: 'location_select', name: 'Where', key: 'LOC' },
        ],
      },
      { name: 'Wait', sub_button: [{ type: 'scancode_waitmsg', name: 'Scan and wait', key: 'SCAN_WAIT' }] },
    ]);
    const { client } = await phoneUser(h.app);
    const notYet = await client.post(`/accounts/${appid}/menu`, { path: [0] });
    expect([notYet.status, notYet.json.error.code]).toEqual([400, 'not_following']);
    await client.post(`/accounts/${appid}/follow`);

    const click = await client.post(`/accounts/${appid}/menu`, { path: [0] });
    expect(click.status, click.body).toBe(200);
    expect(click.json).toEqual({ type: 'click', receiving: false, messages: [] });
    const view = await client.post(`/accounts/${appid}/menu`, { path: [1, 0] });
    expect(view.json).toMatchObject({ type: 'view', open_url: 'https://example.com/site' });
    const mini = await client.post(`/accounts/${appid}/menu`, { path: [1, 1] });
    expect(mini.json.open_miniprogram).toEqual({ appid: 'wx1234567890abcdef', pagepath: 'pages/index?from=menu', url: 'https://example.com/mp' });
    const scan = await client.post(`/accounts/${appid}/menu`, { path: [1, 2], scan_result: 'https://example.com/scanned' });
    expect(scan.json).toMatchObject({ type: 'scancode_push', open_url: 'https://example.com/scanned' });
    const wait = await client.post(`/accounts/${appid}/menu`, { path: [2, 0], scan_type: 'barcode', scan_result: '6901234567892' });
    expect(wait.json).toMatchObject({ type: 'scancode_waitmsg', receiving: true });
    const photo = await uploadAs(client, TINY_PNG);
    const pic = await client.post(`/accounts/${appid}/menu`, { path: [1, 3], media_ids: [photo.json.media_id] });
    expect(pic.json.messages).toHaveLength(1);
    expect(pic.json.messages[0]).toMatchObject({ msg_type: 'image', direction: 'in' });
    const loc = await client.post(`/accounts/${appid}/menu`, {
      path: [1, 4],
      location: { location_x: 39.9055, location_y: 116.3976, scale: 15, label: 'Beijing', poiname: 'Tiananmen Square' },
    });
    expect(loc.json.messages[0]).toMatchObject({ msg_type: 'location', content: { label: 'Beijing' } });

    expect(await labels(account.id)).toEqual(
      expect.arrayContaining(['event:CLICK', 'event:VIEW', 'event:view_miniprogram', 'event:scancode_push', 'event:scancode_waitmsg', 'event:pic_photo_or_album', 'event:location_select']),
    );

    // Taps that cannot be: wrong paths, sub-menu parents, missing scan results or photos.
    for (const body of [{ path: [] }, { path: [1] }, { path: [5] }, { path: [0, 0, 0] }, { path: [1, 7] }, { path: ['0'] }, { path: [1, 2] }, { path: [1, 3], media_ids: [] }, { path: [1, 3], media_ids: ['nope'] }, { path: [1, 4], location: { location_x: 200, location_y: 0 } }]) {
      const r = await client.post(`/accounts/${appid}/menu`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('shows what the account sends for material buttons', async () => {
    const { account, appid } = await makeAccount(h.services, { type: 'service', name: 'Material Bank' });
    await publishMenu(h.services, account.id, [
      { type: 'media_id', name: 'Brochure', media_id: 'MEDIA_NOT_STORED' },
      { type: 'article_id', name: 'Story', article_id: 'ARTICLE_1' },
    ]);
    const { client } = await phoneUser(h.app);
    await client.post(`/accounts/${appid}/follow`);
    for (const path of [[0], [1]]) {
      const r = await client.post(`/accounts/${appid}/menu`, { path });
      expect(r.status, r.body).toBe(200);
      expect(r.json.messages).toHaveLength(1);
      expect(r.json.messages[0]).toMatchObject({ direction: 'out', appid });
    }
    const shown = await client.get(`/accounts/${appid}/messages`);
    expect(shown.json.messages.filter((m: { direction: string }) => m.direction === 'out')).toHaveLength(2);
  });

  it('follows by scanning a parametric QR code, then reports SCAN', async () => {
    const { account, appid, secret } = await makeAccount(h.services, { type: 'service', name: 'QR Shop' });
    const dev = await asDeveloper(h, appid, secret);
    const qr = await dev.post('/cgi-bin/qrcode/create', { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'poster-7' } } });
    expect(typeof qr.url).toBe('string');
    const { client, user } = await phoneUser(h.app);

    const first = await client.post('/scan', { text: qr.url });
    expect(first.status, first.body).toBe(200);
    expect(first.json).toMatchObject({ kind: 'account', event: 'subscribe', scene: 'poster-7', account: { appid, followed: true } });
    expect(await findFollow(h.services.db, account.id, user.id)).toMatchObject({ subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: 'poster-7' });
    const again = await client.post('/scan', { text: `http://127.0.0.1/cgi-bin/showqrcode?ticket=${encodeURIComponent(String(qr.ticket))}` });
    expect(again.json).toMatchObject({ kind: 'account', event: 'SCAN' });
    expect(await labels(account.id)).toEqual(expect.arrayContaining(['event:subscribe', 'event:SCAN']));

    expect((await client.post('/scan', { text: 'https://example.com/not-a-code' })).json).toEqual({ kind: 'url', url: 'https://example.com/not-a-code' });
    expect((await client.post('/scan', { text: '6901234567892' })).json).toEqual({ kind: 'text', text: '6901234567892' });
    expect((await client.post('/scan', { text: '' })).status).toBe(400);
    expect((await client.post('/scan', { text: 'x'.repeat(4097) })).status).toBe(400);
  });

  it('reports a location to verified service accounts only', async () => {
    const svc = await makeAccount(h.services, { type: 'service', name: 'Loc Svc' });
    const sub = await makeAccount(h.services, { type: 'subscription', name: 'Loc Sub' });
    const { client } = await phoneUser(h.app);
    await client.post(`/accounts/${svc.appid}/follow`);
    await client.post(`/accounts/${sub.appid}/follow`);
    const ok = await client.post(`/accounts/${svc.appid}/location`, { latitude: 22.5, longitude: 113.9, precision: 20 });
    expect([ok.status, ok.json.reported]).toEqual([200, true]);
    expect(await labels(svc.account.id)).toContain('event:LOCATION');
    const no = await client.post(`/accounts/${sub.appid}/location`, { latitude: 22.5, longitude: 113.9 });
    expect([no.status, no.json.error.code]).toEqual([400, 'location_not_allowed']);
    expect((await client.post(`/accounts/${svc.appid}/location`, { latitude: 95, longitude: 0 })).status).toBe(400);
  });
});
