import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../../test/consoleFixtures.js';
import { consoleUpload, multipart } from '../../../../test/consoleUpload.js';
import { addFollowers } from '../../../../test/factories/audience.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { decodeQrPng } from '../../../../test/qrDecode.js';
import { PLACEHOLDER_JPEG, PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { insertViolation } from '../../moderation/store/moderation.js';
import { QR_DOWNLOAD_SIZES } from '../rules/profile.js';

const DAY = 86_400_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
/** The console client with answers read as loose JSON (these tests look into nested fields). */
const loose = (client: ConsoleClient) => ({
  cookie: client.cookie,
  csrf: client.csrf,
  get: async (url: string) => (await client.get(url)) as { status: number; json: Json },
  put: async (url: string, body?: unknown) => (await client.put(url, body)) as { status: number; json: Json },
  request: async (method: 'PUT', url: string, body: string, headers?: Record<string, string>) => (await client.request(method, url, body, headers)) as { status: number; json: Json },
});
const signedIn = async (h: TestHerald) => {
  const { op, client } = await signedInOperator(h.app, h.services);
  return { op, client: loose(client), raw: client };
};

describeEachDb('console account home and settings API', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const api = (appid: string, path: string) => `/console/api/accounts/${appid}/${path}`;

  it('requires a session on every new route (401) and keeps other organizations out (404)', async () => {
    const { appid } = await makeAccount(h.services);
    for (const [method, path] of [['GET', 'home'], ['PUT', 'profile'], ['GET', 'qrcode?size=258'], ['POST', 'avatar']] as const) {
      const r = await h.app.inject({ method, url: api(appid, path), headers: { 'content-type': 'application/json' }, payload: method === 'GET' ? undefined : '{}' });
      expect(r.statusCode, `${method} ${path}`).toBe(401);
    }
    const { client, raw } = await signedIn(h);
    expect((await client.get(api(appid, 'home'))).status).toBe(404);
    expect((await client.put(api(appid, 'profile'), { name: 'Taken over' })).status).toBe(404);
    expect((await client.get(api(appid, 'qrcode?size=258'))).status).toBe(404);
    const { body, contentType } = multipart({ bytes: PLACEHOLDER_PNG, filename: 'a.png', type: 'image/png' });
    expect((await consoleUpload(h, raw, api(appid, 'avatar'), body, contentType)).status).toBe(404);
  });

  it('warns on the home within 30 days of verification running out, says when it has, and shows the date in the details', async () => {
    const { op, client } = await signedIn(h);
    const { account, appid } = await makeAccount(h.services, { orgId: op.orgId, type: 'service', verified: true });
    const kinds = async () => {
      const r = await client.get(api(appid, 'home'));
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return (r.json.home.notices as Array<{ kind: string }>).filter((n) => n.kind.startsWith('verification'));
    };
    expect(await kinds()).toEqual([]);
    const setUntil = (ms: number) => h.database.rows(sql`update accounts set verified_until = ${new Date(ms).toISOString()}::timestamptz where id = ${account.id}::uuid`);

    const now = h.services.clock.nowMs();
    await setUntil(now + 40 * DAY);
    expect(await kinds()).toEqual([]);
    await setUntil(now + 12 * DAY);
    expect(await kinds()).toEqual([{ kind: 'verification_expiring', until: new Date(now + 12 * DAY).toISOString(), days_left: 12 }]);
    expect((await client.get(`/console/api/accounts/${appid}`)).json.account.verified_until).toBe(new Date(now + 12 * DAY).toISOString());
    await setUntil(now - DAY);
    expect(await kinds()).toEqual([{ kind: 'verification_expired', until: new Date(now - DAY).toISOString() }]);
  });

  it('assembles the home: today and yesterday in China days, quota, notices, recent posts', async () => {
    const { op, client } = await signedIn(h);
    const { account, appid } = await makeAccount(h.services, { orgId: op.orgId, type: 'subscription', verified: false });
    const now = h.services.clock.nowMs();
    const todayStart = Math.floor((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000;
    const earlierToday = new Date(Math.max(todayStart, now - 60_000));
    const yesterday = new Date(todayStart - 3600_000);
    await addFollowers(h.database, account.id, 3, { subscribedAt: earlierToday });
    await addFollowers(h.database, account.id, 1, { subscribed: false, subscribedAt: earlierToday });
    const old = await addFollowers(h.database, account.id, 2, { subscribedAt: yesterday });
    await h.database.rows(sql`
      insert into conversation_messages (account_id, user_id, openid, direction, source, msg_type, content, created_at)
      values (${account.id}::uuid, ${old[0].userId}::uuid, ${old[0].openid}, 'in', 'user', 'text', '{"content":"hi"}'::jsonb, ${earlierToday.toISOString()}::timestamptz),
             (${account.id}::uuid, ${old[0].userId}::uuid, ${old[0].openid}, 'in', 'user', 'text', '{"content":"hi"}'::jsonb, ${yesterday.toISOString()}::timestamptz),
             (${account.id}::uuid, ${old[0].userId}::uuid, ${old[0].openid}, 'out', 'custom', 'text', '{"content":"hello"}'::jsonb, ${earlierToday.toISOString()}::timestamptz)
    `);
    await makePublishedArticle(h.services.db, { accountId: account.id, title: '第一篇', readCount: 7, publishedAt: new Date(now - 2 * DAY) });
    await makePublishedArticle(h.services.db, { accountId: account.id, title: '第二篇', readCount: 5, publishedAt: new Date(now - DAY) });
    await makePublishedArticle(h.services.db, { accountId: account.id, title: 'draft', published: false });
    await insertViolation(h.services.db, { accountId: account.id, category: 'gambling', term: 'x', passage: 'x', action: 'broadcast', createdAt: new Date(now - DAY) });

    const r = await client.get(api(appid, 'home'));
    expect(r.status).toBe(200);
    const home = r.json.home;
    expect(home.figures.today).toEqual({ new_followers: 4, unfollows: 1, net_followers: 3, total_followers: 5, messages: 1 });
    expect(home.figures.yesterday).toEqual({ new_followers: 2, unfollows: 0, net_followers: 2, total_followers: 2, messages: 1 });
    expect(home.figures.total_reads).toBe(12);
    expect(home.quota).toMatchObject({ account_type: 'subscription', period: 'day', used: 0, limit: 1, remaining: 1 });
    expect(Date.parse(home.quota.next_allowed_at)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(home.recent_posts.map((p: { title: string }) => p.title)).toEqual(['第二篇', '第一篇']);
    expect(home.recent_posts[0]).toMatchObject({ reads: 5, url: expect.stringMatching(/^\/s\//) });
    const kinds = home.notices.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(['violations', 'unverified', 'server_not_configured']);
    expect(home.notices[0]).toMatchObject({ count: 1, latest_category: 'gambling' });
  });

  it('changes the name, description and WeChat ID, refusing per field', async () => {
    const { op, client } = await signedIn(h);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    const ok = await client.put(api(appid, 'profile'), { name: '  新名字  ', description: '一个测试用的公众号', wechat_id: 'herald_test1' });
    expect(ok.status).toBe(200);
    expect(ok.json.account).toMatchObject({ name: '新名字', description: '一个测试用的公众号', wechat_id: 'herald_test1' });
    expect((await client.get(`/console/api/accounts/${appid}`)).json.account.name).toBe('新名字');

    const bad = await client.put(api(appid, 'profile'), { name: 'x', description: 'abc', wechat_id: '1abcdef' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_profile');
    expect(bad.json.error.details.fields).toEqual([
      { path: 'name', code: 'name_length', message: 'name_length' },
      { path: 'description', code: 'description_length', message: 'description_length' },
      { path: 'wechat_id', code: 'wechat_id_format', message: 'wechat_id_format' },
    ]);
    for (const wechatId of ['abc', 'a'.repeat(21), 'ab cdef', 'abc$def', '微信号abcdef', '_abcdef']) {
      const r = await client.put(api(appid, 'profile'), { wechat_id: wechatId });
      expect(r.status, wechatId).toBe(400);
    }
    // Nothing changed by the refusals.
    expect((await client.get(`/console/api/accounts/${appid}`)).json.account).toMatchObject({ name: '新名字', wechat_id: 'herald_test1' });

    // Another account may not take the ID, in any case; clearing it is allowed.
    const other = await makeAccount(h.services, { orgId: op.orgId });
    const taken = await client.put(api(other.appid, 'profile'), { wechat_id: 'HERALD_TEST1' });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('wechat_id_taken');
    const cleared = await client.put(api(appid, 'profile'), { wechat_id: null });
    expect(cleared.json.account.wechat_id).toBeNull();
  });

  it('refuses hostile profile bodies', async () => {
    const { op, client } = await signedIn(h);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    for (const body of ['not json', '[]', '{"name": 5}', '{"name": "a\\u0000b"}', '{"name": "\\ud800ab"}', '{"admin": true}', `{"description": "${'x'.repeat(3000)}"}`, '{"wechat_id": {"$ne": 1}}']) {
      const r = await client.request('PUT', api(appid, 'profile'), body);
      expect(r.status, body).toBe(400);
    }
    const text = await client.request('PUT', api(appid, 'profile'), '{"name":"ok name"}', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('uploads an avatar through the media storage and shows it on the account', async () => {
    const { op, client, raw } = await signedIn(h);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    const up = (bytes: Buffer, filename: string) => {
      const { body, contentType } = multipart({ bytes, filename, type: 'image/png' });
      return consoleUpload(h, raw, api(appid, 'avatar'), body, contentType);
    };
    const r = await up(PLACEHOLDER_PNG, 'logo.png');
    expect(r.status).toBe(200);
    const url = r.json.account.avatar_url as string;
    expect(url).toMatch(/^\/media\/[A-Za-z0-9_-]+$/);
    const served = await h.app.inject({ method: 'GET', url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(served.rawPayload, PLACEHOLDER_PNG)).toBe(0);
    const list = await client.get('/console/api/accounts');
    expect(list.json.accounts.find((a: { appid: string }) => a.appid === appid).avatar_url).toBe(url);
    // A JPEG replaces it; the avatar is not a material.
    const jpeg = await up(PLACEHOLDER_JPEG, 'a.jpg');
    expect(jpeg.json.account.avatar_url).not.toBe(url);
    const materials = await client.get(api(appid, 'materials?type=image'));
    expect(materials.json.total).toBe(0);

    // Wrong type (judged by the bytes), empty, too large, not multipart.
    expect((await up(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'evil.png')).json.error.code).toBe('avatar_type');
    expect((await up(Buffer.alloc(0), 'empty.png')).json.error.code).toBe('avatar_empty');
    const big = Buffer.concat([PLACEHOLDER_PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await up(big, 'big.png');
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.error.code).toBe('avatar_too_large');
    const huge = await up(Buffer.concat([PLACEHOLDER_PNG, Buffer.alloc(3 * 1024 * 1024)]), 'huge.png');
    expect(huge.status).toBe(413);
    const notMultipart = await consoleUpload(h, raw, api(appid, 'avatar'), PLACEHOLDER_PNG, 'multipart/form-data; boundary=nothere');
    expect(notMultipart.status).toBe(415);
    expect((await consoleUpload(h, raw, api(appid, 'avatar'), Buffer.from('x'), 'multipart/form-data')).status).toBe(415);
    expect((await client.get(`/console/api/accounts/${appid}`)).json.account.avatar_url).toBe(jpeg.json.account.avatar_url);
  });

  it('downloads the account QR code in the MP backend sizes, encoding the account profile', async () => {
    const { op, client } = await signedIn(h);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    for (const { px } of QR_DOWNLOAD_SIZES) {
      const r = await h.app.inject({ method: 'GET', url: api(appid, `qrcode?size=${px}`), headers: { cookie: `herald_session=${client.cookie}` } });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('image/png');
      expect(r.headers['content-disposition']).toBe(`attachment; filename="qrcode_${appid}_${px}.png"`);
      expect(r.rawPayload.readUInt32BE(16)).toBe(px);
      if (px <= 430) expect(decodeQrPng(r.rawPayload)).toMatch(new RegExp(`/phone/accounts/${appid}$`));
    }
    for (const size of ['100', 'abc', '', '258.5', '-258', '99999999999']) {
      expect((await client.get(api(appid, `qrcode?size=${size}`))).status, size).toBe(400);
    }
  });

  it('marks API groups Herald does not serve yet', async () => {
    const { op, client } = await signedIn(h);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId, type: 'service', verified: true });
    const caps = (await client.get(`/console/api/accounts/${appid}`)).json.account.capabilities as Array<{ capability: string; allowed: boolean; served: boolean }>;
    const served = Object.fromEntries(caps.map((c) => [c.capability, c.served]));
    expect(served).toMatchObject({ basic: true, menu: true, kf: true, user: true, material: true, publish: true, qrcode: true, location: true, datacube: true, template: true, oauth: true, jssdk_share: false });
  });
});
