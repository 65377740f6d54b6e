import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { HOSTILE_BODIES } from '../../../test/hostileBodies.js';
import { fetchToken, wxCall } from '../../../test/wxClient.js';
import { verifyPhoneToken } from '../../surfaces/phone/token.js';
import { PLACEHOLDER_PNG } from '../../surfaces/sim/placeholders.js';

describeEachDb('simulator: messages, media, menu taps, scans, locations and inboxes', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald.close();
  });

  const call = (method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    herald.app.inject({
      method,
      url,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      payload: body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
  const json = (r: LightMyRequestResponse) => r.json() as Record<string, any>;

  async function followerOf(type: 'service' | 'subscription' = 'service', verified = true) {
    const account = json(await call('POST', '/sim/v1/accounts', { type, verified, name: 'Sim Cafe' }));
    const user = json(await call('POST', '/sim/v1/users', { nickname: 'Lin' }));
    const { openid } = json(await call('POST', `/sim/v1/users/${user.id}/follow`, { account: account.appid }));
    return { account, user, openid };
  }

  it('sends media messages with placeholder files, and uploads real ones (raw or multipart)', async () => {
    const { account, user } = await followerOf();
    for (const msgtype of ['image', 'voice', 'video', 'shortvideo']) {
      const r = await call('POST', `/sim/v1/users/${user.id}/messages`, { account: account.appid, msgtype });
      expect(r.statusCode, r.body).toBe(200);
      expect(json(r)).toMatchObject({ route: 'autoreply', delivery: { status: 'skipped' }, message: { msg_type: msgtype, direction: 'in' } });
      const media = json(r).message.content.media_id as string;
      expect((await call('GET', `/media/${media}`)).statusCode).toBe(200);
    }
    const raw = await call('POST', `/sim/v1/users/${user.id}/media`, PLACEHOLDER_PNG, { 'content-type': 'image/png' });
    expect(raw.statusCode).toBe(201);
    expect(json(raw)).toMatchObject({ kind: 'image', content_type: 'image/png', size: PLACEHOLDER_PNG.length });
    const boundary = 'simB0undary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n`),
      PLACEHOLDER_PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const multi = await call('POST', `/sim/v1/users/${user.id}/media`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(multi.statusCode, multi.body).toBe(201);
    const sent = json(await call('POST', `/sim/v1/users/${user.id}/messages`, { account: account.appid, msgtype: 'image', media_id: json(multi).media_id }));
    expect(sent.message.content.media_id).toBe(json(multi).media_id);

    // Refused uploads.
    const refuse = async (payload: Buffer | string, headers: Record<string, string>, status: number, code: string, url = `/sim/v1/users/${user.id}/media`) => {
      const r = await call('POST', url, payload, headers);
      expect(r.statusCode, r.body).toBe(status);
      expect(json(r).error.code).toBe(code);
    };
    await refuse(Buffer.alloc(0), { 'content-type': 'application/octet-stream' }, 400, 'invalid_media');
    await refuse(Buffer.from('<script>alert(1)</script>'), { 'content-type': 'image/png' }, 400, 'invalid_media');
    await refuse(body, { 'content-type': 'multipart/form-data' }, 400, 'invalid_request');
    await refuse(Buffer.from(`--b\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--b--\r\n`), { 'content-type': 'multipart/form-data; boundary=b' }, 400, 'invalid_request');
    await refuse(Buffer.from(`--b\r\n${'X: y\r\n'.repeat(5000)}\r\n`), { 'content-type': 'multipart/form-data; boundary=b' }, 400, 'invalid_request');
    await refuse(PLACEHOLDER_PNG, { 'content-type': 'image/png' }, 404, 'not_found', '/sim/v1/users/00000000-0000-0000-0000-000000000000/media');
    await refuse(PLACEHOLDER_PNG, { 'content-type': 'image/png' }, 404, 'not_found', '/sim/v1/users/%27--/media');
    const huge = await call('POST', `/sim/v1/users/${user.id}/media`, Buffer.alloc(11 * 1024 * 1024), { 'content-type': 'application/octet-stream' });
    expect(huge.statusCode).toBe(413);
  });

  it('reads a user’s inbox newest last, by account and after an id', async () => {
    const { account, user } = await followerOf();
    const other = await followerOf();
    await call('POST', `/sim/v1/users/${user.id}/follow`, { account: other.account.appid });
    for (const content of ['one', 'two', 'three']) await call('POST', `/sim/v1/users/${user.id}/messages`, { account: account.appid, msgtype: 'text', content });
    await call('POST', `/sim/v1/users/${user.id}/messages`, { account: other.account.appid, msgtype: 'text', content: 'elsewhere' });
    const all = json(await call('GET', `/sim/v1/users/${user.id}/inbox`));
    expect(all.messages.map((m: { content: { content: string } }) => m.content.content)).toEqual(['one', 'two', 'three', 'elsewhere']);
    const mine = json(await call('GET', `/sim/v1/users/${user.id}/inbox?account=${account.appid}&after=${all.messages[0].id}&limit=1`));
    expect(mine.messages.map((m: { content: { content: string } }) => m.content.content)).toEqual(['two']);
    expect(mine.last_id).toBe(all.messages[1].id);
    for (const q of ['after=-1', 'after=abc', 'limit=0', 'limit=100000', `after=${'9'.repeat(30)}`]) {
      const r = await call('GET', `/sim/v1/users/${user.id}/inbox?${q}`);
      expect(r.statusCode, q).toBe(400);
    }
    expect((await call('GET', `/sim/v1/users/${user.id}/inbox?account=wxnothere`)).statusCode).toBe(404);
    expect((await call('GET', '/sim/v1/users/00000000-0000-0000-0000-000000000000/inbox')).statusCode).toBe(404);
  });

  it('lists users with paging and issues phone tokens', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(json(await call('POST', '/sim/v1/users', { nickname: `List ${i}` })));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = json(await call('GET', `/sim/v1/users?limit=2${after ? `&after=${after}` : ''}`));
      seen.push(...page.users.map((u: { id: string }) => u.id));
      after = page.next_after;
    } while (after);
    for (const u of made) expect(seen).toContain(u.id);
    expect(new Set(seen).size).toBe(seen.length);
    const { token } = json(await call('POST', `/sim/v1/users/${made[0].id}/phone-token`));
    expect(await verifyPhoneToken(herald.services, token)).toBe(made[0].id);
    expect((await call('POST', '/sim/v1/users/00000000-0000-0000-0000-000000000000/phone-token')).statusCode).toBe(404);
    expect((await call('GET', '/sim/v1/users?limit=0')).statusCode).toBe(400);
  });

  it('scans codes, reports locations and taps menus', async () => {
    const { account, user } = await followerOf();
    const token = await fetchToken(herald, account.appid, account.secret);
    const qr = await wxCall(herald, 'POST', `/cgi-bin/qrcode/create?access_token=${token}`, { body: { action_name: 'QR_SCENE', expire_seconds: 60, action_info: { scene: { scene_id: 7 } } } });
    const newcomer = json(await call('POST', '/sim/v1/users', {}));
    expect(json(await call('POST', `/sim/v1/users/${newcomer.id}/scan`, { url: qr.url }))).toMatchObject({ event: 'subscribe', scene: '7', appid: account.appid });
    expect(json(await call('POST', `/sim/v1/users/${newcomer.id}/scan`, { ticket: qr.ticket }))).toMatchObject({ event: 'SCAN' });
    const bad = await call('POST', `/sim/v1/users/${newcomer.id}/scan`, {});
    expect([bad.statusCode, json(bad).error.code]).toEqual([400, 'invalid_request']);
    const unknown = await call('POST', `/sim/v1/users/${newcomer.id}/scan`, { url: 'https://example.com/' });
    expect([unknown.statusCode, json(unknown).error.code]).toEqual([400, 'qr_unknown']);
    await call('POST', '/sim/v1/clock/advance', { seconds: 61 });
    const expired = await call('POST', `/sim/v1/users/${newcomer.id}/scan`, { ticket: qr.ticket });
    expect([expired.statusCode, json(expired).error.code]).toEqual([400, 'qr_expired']);

    expect(json(await call('POST', `/sim/v1/users/${user.id}/location`, { account: account.appid, latitude: 22.5, longitude: 114.05, precision: 20 }))).toMatchObject({ delivery_id: expect.any(Number) });
    const sub = await followerOf('subscription', true);
    const refused = await call('POST', `/sim/v1/users/${sub.user.id}/location`, { account: sub.account.appid, latitude: 1, longitude: 1 });
    expect([refused.statusCode, json(refused).error.code]).toEqual([400, 'location_not_allowed']);

    const token2 = await fetchToken(herald, account.appid, account.secret);
    await wxCall(herald, 'POST', `/cgi-bin/menu/create?access_token=${token2}`, { body: { button: [{ type: 'click', name: 'Hi', key: 'HI' }] } });
    const tap = json(await call('POST', `/sim/v1/users/${user.id}/menu-click`, { account: account.appid, path: [0] }));
    expect(tap).toMatchObject({ type: 'click', delivery: { status: 'skipped' }, messages: [], replies: [] });
    for (const body of [{ account: account.appid, path: [] }, { account: account.appid, path: [9] }, { account: account.appid, path: [0, 0, 0] }, { account: account.appid, path: '0' }]) {
      const r = await call('POST', `/sim/v1/users/${user.id}/menu-click`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('answers hostile bodies on every new route with a 4xx, never a 500', async () => {
    const { account, user } = await followerOf();
    const routes = ['messages', 'menu-click', 'scan', 'location'].map((r) => `/sim/v1/users/${user.id}/${r}`);
    for (const url of routes) {
      for (const [label, payload] of HOSTILE_BODIES) {
        const r = await call('POST', url, payload);
        expect(r.statusCode, `${url} ${label}: ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode, `${url} ${label}`).toBeLessThan(500);
        expect(typeof json(r).error?.code, label).toBe('string');
      }
    }
    const weird: unknown[] = [
      { account: account.appid, msgtype: 'text', content: 'x', bizmsgmenuid: { $ne: 1 } },
      { account: account.appid, msgtype: 'image', media_id: { toString: 1 } },
      { account: account.appid, msgtype: 'location', location_x: 1e309, location_y: 0 },
      { account: account.appid, msgtype: 'link', title: 't', url: 'https://x.y', description: 'd'.repeat(50_000) },
      { account: account.appid, msgtype: 'voice', media_id: 'x'.repeat(200) },
    ];
    for (const body of weird) {
      const r = await call('POST', `/sim/v1/users/${user.id}/messages`, body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
  });

  it('sends many users’ messages in one batch request, each answered in its own slot', async () => {
    const { account, user } = await followerOf();
    const other = json(await call('POST', '/sim/v1/users', { nickname: 'Mo' }));
    await call('POST', `/sim/v1/users/${other.id}/follow`, { account: account.appid });
    const stranger = json(await call('POST', '/sim/v1/users', { nickname: 'Xi' }));
    const r = await call('POST', '/sim/v1/messages/batch', {
      messages: [
        { user: user.id, account: account.appid, msgtype: 'text', content: 'one' },
        { user: other.id, account: account.appid, msgtype: 'location', location_x: 1, location_y: 2 },
        { user: user.id, account: account.appid, msgtype: 'text', content: 'two', wait: true },
        { user: stranger.id, account: account.appid, msgtype: 'text', content: 'not a follower' },
        { user: user.id, account: account.appid, msgtype: 'text', content: '' },
        { user: 'nobody', account: account.appid, msgtype: 'image' },
        { user: user.id, account: 'wx_unknown', msgtype: 'text', content: 'x' },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    const results = json(r).results as Array<Record<string, any>>;
    expect(results.slice(0, 3).map((x) => x.route)).toEqual(['autoreply', 'autoreply', 'autoreply']);
    expect(results.slice(0, 3).every((x) => /^\d+$/.test(x.msg_id) && typeof x.delivery_id === 'number')).toBe(true);
    expect(results.slice(3).map((x) => x.error?.code)).toEqual(['not_following', 'invalid_request', 'not_found', 'not_found']);
    // One user's messages are recorded in the order sent.
    const inbox = json(await call('GET', `/sim/v1/users/${user.id}/inbox?account=${account.appid}`));
    expect(inbox.messages.filter((m: any) => m.direction === 'in').map((m: any) => m.content.content)).toEqual(['one', 'two']);

    const tooMany = Array.from({ length: 101 }, () => ({ user: user.id, account: account.appid, msgtype: 'text', content: 'x' }));
    for (const body of [{ messages: [] }, { messages: tooMany }, { messages: [{ user: user.id, msgtype: 'text' }] }, { messages: 'x' }, [], null]) {
      const bad = await call('POST', '/sim/v1/messages/batch', body);
      expect(bad.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(json(bad).error.code).toBe('invalid_request');
    }
    const huge = await call('POST', '/sim/v1/messages/batch', { messages: [{ user: user.id, account: account.appid, msgtype: 'text', content: 'x'.repeat(70_000) }] });
    expect(huge.statusCode).toBe(413);
    for (const [label, payload] of HOSTILE_BODIES) {
      const h = await call('POST', '/sim/v1/messages/batch', payload);
      expect(h.statusCode, `${label}: ${h.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(h.statusCode, label).toBeLessThan(500);
    }
  });
});
