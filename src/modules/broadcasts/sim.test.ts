/**
 * GET /sim/v1/users/:id/posts: the push posts a follower received, so a script can assert that
 * this follower got this post (and that another did not). Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { accountWithToken } from '../../../test/wxClient.js';

describeEachDb('simulator: a follower\'s received push posts', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const sim = async (method: 'GET' | 'POST', url: string, body?: object) => {
    const r = await h.app.inject({ method, url: `/sim/v1${url}`, ...(body ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) } : {}) });
    return { status: r.statusCode, json: r.json() as Record<string, unknown> };
  };

  async function delivered(msgId: number) {
    await expect
      .poll(async () => (await h.database.rows<{ status: string }>(sql`select status from broadcasts where id = ${msgId}`))[0]?.status, { timeout: 30_000, interval: 50 })
      .toBe('done');
  }

  it('lists the posts a follower received, by account or from all, and none to a user who did not follow', async () => {
    const dev = await accountWithToken(h, { type: 'subscription', verified: true });
    const other = await makeAccount(h.services, { type: 'service' });
    const reader = String((await sim('POST', '/users', { nickname: 'Reader' })).json.id);
    const stranger = String((await sim('POST', '/users', { nickname: 'Stranger' })).json.id);
    expect((await sim('POST', `/users/${reader}/follow`, { account: dev.appid })).status).toBe(200);
    expect((await sim('POST', `/users/${reader}/follow`, { account: other.appid })).status).toBe(200);
    const sent = await dev.call('POST', 'message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'Good morning, readers' } });
    expect(sent.errcode, JSON.stringify(sent)).toBe(0);
    await delivered(Number(sent.msg_id));

    const mine = await sim('GET', `/users/${reader}/posts?account=${dev.appid}`);
    expect(mine.status).toBe(200);
    expect(mine.json.posts).toEqual([
      { msg_id: Number(sent.msg_id), appid: dev.appid, account_name: dev.account.name, msgtype: 'text', created_at: expect.any(String), preview: false, deleted: false, read: false, articles: [], text: 'Good morning, readers' },
    ]);
    expect((await sim('GET', `/users/${reader}/posts`)).json.posts).toHaveLength(1);
    expect((await sim('GET', `/users/${reader}/posts?account=${other.appid}`)).json.posts).toEqual([]);
    expect((await sim('GET', `/users/${stranger}/posts?account=${dev.appid}`)).json.posts).toEqual([]);
    expect((await sim('GET', `/users/${stranger}/posts`)).json.posts).toEqual([]);
    // Bad input.
    expect((await sim('GET', '/users/not-a-user/posts')).status).toBe(404);
    expect((await sim('GET', '/users/00000000-0000-0000-0000-000000000000/posts')).status).toBe(404);
    expect((await sim('GET', `/users/${reader}/posts?account=wx0000000000000000`)).status).toBe(404);
    expect((await sim('GET', `/users/${reader}/posts?limit=0`)).status).toBe(400);
    expect((await sim('GET', `/users/${reader}/posts?limit=abc`)).status).toBe(400);
    expect((await sim('GET', `/users/${reader}/posts?account=${'x'.repeat(65)}`)).status).toBe(400);
  });
});
