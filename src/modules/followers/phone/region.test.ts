import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { asDeveloper, phoneClient, phoneUser, type PhoneClient } from '../../../../test/phoneFixtures.js';
import { HOSTILE_BODIES } from '../../../../test/hostileBodies.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { accounts } from '../../accounts/schema.js';
import { findFollow } from '../store/followers.js';
import { findFollowerUser } from '../store/users.js';

/**
 * Mainland invisibility: an overseas entity's account hidden from mainland China cannot be
 * found, followed (search or QR) or read by phone users whose region is mainland China (the
 * default); users elsewhere see it as any other account.
 */
describeEachDb('phone API: accounts hidden from mainland China', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  }, 240_000);
  afterAll(async () => {
    await h?.close();
  });

  /** An account hidden from mainland China (an overseas entity's service account), with a published article. */
  async function hiddenAccount(name: string) {
    const made = await makeAccount(h.services, { type: 'service', name });
    await h.services.db.update(accounts).set({ mainlandVisible: false }).where(eq(accounts.id, made.account.id));
    const { article } = await makePublishedArticle(h.services.db, { accountId: made.account.id, title: `${name} news` });
    return { ...made, article };
  }

  async function userIn(region: string): Promise<{ client: PhoneClient; id: string }> {
    const { client, user } = await phoneUser(h.app);
    const set = await client.post('/me/region', { region });
    expect(set.status, set.body).toBe(200);
    expect(set.json.user.region).toBe(region);
    return { client, id: user.id };
  }

  const codeOf = (r: { status: number; json: Record<string, any> }) => [r.status, r.json.error?.code];

  it('counts a new phone user as in mainland China', async () => {
    const { client, user } = await phoneUser(h.app);
    expect((await client.get('/me')).json.user.region).toBe('CN');
    expect((await findFollowerUser(h.services.db, user.id))?.region).toBe('CN');
    const created = await phoneClient(h.app).post('/users', { nickname: 'Overseas', region: 'hk' });
    expect(created.status, created.body).toBe(201);
    expect(created.json.user.region).toBe('HK');
  });

  it('hides the account from search, profile, follow and articles in mainland China only', async () => {
    const tag = `Ov${Date.now().toString(36)}`;
    const hidden = await hiddenAccount(`${tag} Munich Books`);
    const open = await makeAccount(h.services, { type: 'service', name: `${tag} Shanghai Books` });
    const mainland = await userIn('CN');
    const overseas = await userIn('DE');
    const hongKong = await userIn('HK');

    const found = async (c: PhoneClient) => (await c.get(`/search?q=${tag}`)).json.accounts.map((a: { appid: string }) => a.appid).sort();
    expect(await found(mainland.client)).toEqual([open.appid]);
    expect(await found(overseas.client)).toEqual([hidden.appid, open.appid].sort());
    expect(await found(hongKong.client)).toEqual([hidden.appid, open.appid].sort());
    // Searching by AppID finds nothing either.
    expect((await mainland.client.get(`/search?q=${hidden.appid}`)).json.accounts).toEqual([]);

    expect(codeOf(await mainland.client.get(`/accounts/${hidden.appid}`))).toEqual([451, 'region_unavailable']);
    expect(codeOf(await mainland.client.post(`/accounts/${hidden.appid}/follow`))).toEqual([451, 'region_unavailable']);
    expect(await findFollow(h.services.db, hidden.account.id, mainland.id)).toBeUndefined();
    expect(codeOf(await mainland.client.get(`/accounts/${hidden.appid}/history`))).toEqual([451, 'region_unavailable']);
    expect(codeOf(await mainland.client.get(`/articles/${hidden.article.id}`))).toEqual([451, 'region_unavailable']);
    // The account's visible neighbour is untouched.
    expect((await mainland.client.get(`/accounts/${open.appid}`)).status).toBe(200);

    expect((await overseas.client.get(`/accounts/${hidden.appid}`)).json.account).toMatchObject({ appid: hidden.appid, followed: false });
    const followed = await overseas.client.post(`/accounts/${hidden.appid}/follow`);
    expect([followed.status, followed.json.account?.followed]).toEqual([200, true]);
    expect((await overseas.client.get(`/accounts/${hidden.appid}/history`)).json.articles.map((a: { id: string }) => a.id)).toEqual([hidden.article.id]);
    expect((await overseas.client.get(`/articles/${hidden.article.id}`)).json.article).toMatchObject({ id: hidden.article.id, following: true });

    // Moving to the mainland hides it again; moving out shows it.
    await overseas.client.post('/me/region', { region: 'CN' });
    expect(codeOf(await overseas.client.get(`/articles/${hidden.article.id}`))).toEqual([451, 'region_unavailable']);
    await overseas.client.post('/me/region', { region: 'DE' });
    expect((await overseas.client.get(`/articles/${hidden.article.id}`)).status).toBe(200);
  });

  it('refuses a QR code of a hidden account in mainland China, without following', async () => {
    const hidden = await hiddenAccount(`QR Hidden ${Date.now().toString(36)}`);
    const dev = await asDeveloper(h, hidden.appid, hidden.secret);
    const qr = await dev.post('/cgi-bin/qrcode/create', { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'fair-2026' } } });
    expect(typeof qr.url).toBe('string');
    const mainland = await userIn('CN');

    expect(codeOf(await mainland.client.post('/scan', { text: qr.url }))).toEqual([451, 'region_unavailable']);
    expect(codeOf(await mainland.client.post('/scan', { text: qr.url, preview: true }))).toEqual([451, 'region_unavailable']);
    expect(await findFollow(h.services.db, hidden.account.id, mainland.id)).toBeUndefined();

    const macao = await userIn('MO');
    const scanned = await macao.client.post('/scan', { text: qr.url });
    expect(scanned.status, scanned.body).toBe(200);
    expect(scanned.json).toMatchObject({ kind: 'account', event: 'subscribe', account: { appid: hidden.appid, followed: true } });
  });

  it('refuses malformed and hostile regions without changing the user', async () => {
    const { client, id } = await userIn('US');
    const bad: unknown[] = [{}, { region: '' }, { region: 'USA' }, { region: '中国' }, { region: 'C1' }, { region: 86 }, { region: null }, { region: ['CN'] }, { region: 'x'.repeat(10_000) }, { region: 'C\u0000' }];
    for (const body of bad) {
      const r = await client.post('/me/region', body);
      expect(r.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(typeof r.json.error?.code).toBe('string');
    }
    for (const [label, payload] of HOSTILE_BODIES) {
      const r = await client.post('/me/region', payload);
      expect(r.status, label).toBeGreaterThanOrEqual(400);
      expect(r.status, label).toBeLessThan(500);
      expect(typeof r.json.error?.code, label).toBe('string');
    }
    expect((await findFollowerUser(h.services.db, id))?.region).toBe('US');
    expect((await phoneClient(h.app).post('/me/region', { region: 'CN' })).status).toBe(401);
    expect((await phoneClient(h.app).post('/users', { nickname: 'Nowhere', region: 'ZZZ' })).status).toBe(400);
    const sim = await h.app.inject({ method: 'POST', url: '/sim/v1/users', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ nickname: 'Sim', region: 'nowhere' }) });
    expect(sim.statusCode).toBe(400);
    const simOk = await h.app.inject({ method: 'POST', url: '/sim/v1/users', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ nickname: 'Sim', region: 'TW' }) });
    expect(simOk.statusCode, simOk.body).toBe(201);
    expect(simOk.json()).toMatchObject({ region: 'TW' });
    // The simulator makes an account hidden from mainland China; a mainland user cannot follow it there either.
    const acc = await h.app.inject({ method: 'POST', url: '/sim/v1/accounts', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'service', name: 'Sim Overseas', mainland_visible: false }) });
    expect(acc.statusCode, acc.body).toBe(201);
    expect(acc.json()).toMatchObject({ mainland_visible: false });
    const cn = await h.app.inject({ method: 'POST', url: '/sim/v1/users', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ nickname: 'Mainland' }) });
    const follow = await h.app.inject({ method: 'POST', url: `/sim/v1/users/${cn.json().id}/follow`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ account: acc.json().appid }) });
    expect([follow.statusCode, follow.json().error?.code]).toEqual([451, 'region_unavailable']);
    const tw = await h.app.inject({ method: 'POST', url: `/sim/v1/users/${simOk.json().id}/follow`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ account: acc.json().appid }) });
    expect(tw.statusCode, tw.body).toBe(200);
    expect((await h.app.inject({ method: 'POST', url: '/sim/v1/accounts', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'service', name: 'X', mainland_visible: 'no' }) })).statusCode).toBe(400);
  });
});
