import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';
import { addFollowers } from '../../../test/factories/audience.js';
import { expectWxError, fetchToken, wxCall } from '../../../test/wxClient.js';
import { sweepMigrations } from './jobs/migrationSweep.js';

type Json = Record<string, any>;
const DAY = 86_400;
const unique = () => randomBytes(3).toString('hex');

describeEachDb('account migration and changeopenid', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  }, 240_000);
  afterAll(async () => {
    await h?.close();
  });

  const advance = async (seconds: number) => {
    const r = await h.app.inject({ method: 'POST', url: '/sim/v1/clock/advance', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ seconds }) });
    expect(r.statusCode).toBe(200);
  };

  /** A signed-in owner and an account of theirs. */
  async function owned(type: 'subscription' | 'service', verified: boolean, role: 'owner' | 'admin' | 'agent' = 'owner') {
    const { op, client } = await signedInOperator(h.app, h.services, { role });
    const made = await makeAccount(h.services, { orgId: op.orgId, type, verified, name: `Shop ${unique()}` });
    return { op, client, ...made };
  }

  /** A completed migration A → B with three followers moved; returns both sides and the old openids. */
  async function migrated() {
    const a = await owned('service', false);
    const b = await owned('service', true);
    const followers = await addFollowers(h.database, a.account.id, 3);
    const applied = await a.client.request('POST', `/console/api/accounts/${a.appid}/migrations`, { to_appid: b.appid, move_followers: true });
    expect(applied.status).toBe(201);
    const id = (applied.json.migration as Json).id as string;
    expect((await a.client.request('POST', `/console/api/accounts/${a.appid}/migrations/${id}/confirm`)).status).toBe(200);
    expect((await b.client.request('POST', `/console/api/accounts/${b.appid}/migrations/${id}/confirm`)).status).toBe(200);
    await advance(DAY + 60);
    expect(await sweepMigrations(h.services)).toBeGreaterThanOrEqual(1);
    return { a, b, id, old: followers.map((f) => f.openid) };
  }

  it('A applies naming B: the fee is recorded unpaid, both owners confirm, followers are told, then the move', async () => {
    const a = await owned('service', false);
    const b = await owned('service', true);
    const followers = await addFollowers(h.database, a.account.id, 2);

    const applied = await a.client.request('POST', `/console/api/accounts/${a.appid}/migrations`, { to_appid: b.appid, move_followers: true, move_materials: true });
    expect(applied.status).toBe(201);
    const m = applied.json.migration as Json;
    expect(m).toMatchObject({ role: 'source', status: 'awaiting_confirmation', fee_fen: 30_000, fee_status: 'unpaid', to: { appid: b.appid } });

    // B's owner sees it on B's page, as the target.
    const seen = await b.client.request('GET', `/console/api/accounts/${b.appid}/migrations`);
    expect((seen.json.migrations as Json[]).map((x) => [x.id, x.role])).toEqual([[m.id, 'target']]);

    const first = await a.client.request('POST', `/console/api/accounts/${a.appid}/migrations/${m.id}/confirm`);
    expect(first.json.migration).toMatchObject({ status: 'awaiting_confirmation', from_confirmed_at: expect.any(String), to_confirmed_at: null });
    const both = await b.client.request('POST', `/console/api/accounts/${b.appid}/migrations/${m.id}/confirm`);
    const confirmed = both.json.migration as Json;
    expect(confirmed.status).toBe('confirmed');
    expect(Date.parse(confirmed.unfollow_until) - h.services.clock.nowMs()).toBeGreaterThan(DAY * 1000 - 60_000);

    const [{ status }] = await h.database.rows<{ status: string }>(sql`select status from accounts where id = ${a.account.id}`);
    expect(status).toBe('frozen');
    const notices = await h.database.rows<{ openid: string; content: Json }>(
      sql`select openid, content from conversation_messages where account_id = ${a.account.id} and source = 'system' order by openid`,
    );
    expect(notices.map((n) => n.openid)).toEqual(followers.map((f) => f.openid).sort());
    expect(String(notices[0].content.content)).toContain(b.account.name);

    // Not due before the window ends; cancelling is too late now.
    expect(await sweepMigrations(h.services)).toBe(0);
    expect((await a.client.request('POST', `/console/api/accounts/${a.appid}/migrations/${m.id}/cancel`)).status).toBe(409);

    await advance(DAY + 60);
    expect(await sweepMigrations(h.services)).toBeGreaterThanOrEqual(1);
    const done = ((await a.client.request('GET', `/console/api/accounts/${a.appid}/migrations`)).json.migrations as Json[])[0];
    expect(done).toMatchObject({ status: 'completed', moved_followers: 2 });
    const [after] = await h.database.rows<{ status: string }>(sql`select status from accounts where id = ${a.account.id}`);
    expect(after.status).toBe('deregistered');
    const onB = await h.database.rows<{ subscribe_scene: string; subscribed: boolean }>(
      sql`select subscribe_scene, subscribed from follows where account_id = ${b.account.id}`,
    );
    expect(onB).toHaveLength(2);
    expect(onB.every((f) => f.subscribe_scene === 'ADD_SCENE_ACCOUNT_MIGRATION' && f.subscribed)).toBe(true);
    const leftOnA = await h.database.rows<{ n: number }>(sql`select count(*)::int as n from follows where account_id = ${a.account.id} and subscribed`);
    expect(Number(leftOnA[0].n)).toBe(0);
  });

  it('changeopenid on B maps A\'s openids (wechatpy\'s call shape), unknown ones answer ori_openid error', async () => {
    const { a, b, old } = await migrated();
    const token = await fetchToken(h, b.appid, b.secret);
    const stranger = 'oUnknownOpenid0000000000000';
    const r = await wxCall(h, 'POST', `/cgi-bin/changeopenid?access_token=${encodeURIComponent(token)}`, { body: { from_appid: a.appid, openid_list: [...old, stranger] } });
    expect(r.errcode).toBe(0);
    const list = r.result_list as Json[];
    expect(list).toHaveLength(4);
    expect(list.slice(0, 3).every((x, i) => x.ori_openid === old[i] && typeof x.new_openid === 'string' && x.err_msg === 'ok')).toBe(true);
    expect(list[3]).toEqual({ ori_openid: stranger, err_msg: 'ori_openid error' });
    // The new openids are B's followers, arrived by migration.
    const info = await wxCall(h, 'GET', `/cgi-bin/user/info?access_token=${encodeURIComponent(token)}&openid=${encodeURIComponent(String(list[0].new_openid))}`);
    expect(info).toMatchObject({ subscribe: 1, openid: list[0].new_openid, subscribe_scene: 'ADD_SCENE_ACCOUNT_MIGRATION' });
  });

  it('changeopenid refuses malformed, oversized and hostile input with the reference errcodes', async () => {
    const { a, b, old } = await migrated();
    const other = await makeAccount(h.services, {});
    const token = await fetchToken(h, b.appid, b.secret);
    const call = (body: unknown) => wxCall(h, 'POST', `/cgi-bin/changeopenid?access_token=${encodeURIComponent(token)}`, { body });
    expectWxError(await call({ openid_list: old }), 40013);
    expectWxError(await call({ from_appid: other.appid, openid_list: old }), 40013);
    expectWxError(await call({ from_appid: 'x'.repeat(5000), openid_list: old }), 40013);
    expectWxError(await call({ from_appid: a.appid, openid_list: [] }), 40032);
    expectWxError(await call({ from_appid: a.appid, openid_list: Array.from({ length: 101 }, () => old[0]) }), 40032);
    expectWxError(await call({ from_appid: a.appid, openid_list: 'not a list' }), 40032);
    expectWxError(await call({ from_appid: a.appid, openid_list: [1, null] }), 47001);
    const weird = await call({ from_appid: a.appid, openid_list: ['x'.repeat(10_000), "' or 1=1 --", '🙂'] });
    expect((weird.result_list as Json[]).every((x) => x.err_msg === 'ori_openid error')).toBe(true);
    // B's map is intact after all that.
    const again = await call({ from_appid: a.appid, openid_list: old });
    expect((again.result_list as Json[]).every((x) => x.err_msg === 'ok')).toBe(true);
  });

  it('the conditions: not into itself, B verified, no subscription → service, one migration at a time; owners only', async () => {
    const a = await owned('subscription', false);
    const url = `/console/api/accounts/${a.appid}/migrations`;
    const refused = async (body: Json) => {
      const r = await a.client.request('POST', url, body);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      return r.json.error!;
    };
    expect((await refused({ to_appid: a.appid })).details).toMatchObject({ reason: 'same_account' });
    const unverified = await makeAccount(h.services, { type: 'subscription', verified: false });
    expect((await refused({ to_appid: unverified.appid })).details).toMatchObject({ reason: 'target_unverified' });
    const service = await makeAccount(h.services, { type: 'service', verified: true });
    const s = await owned('service', false);
    expect(((await s.client.request('POST', `/console/api/accounts/${s.appid}/migrations`, { to_appid: a.appid })).json.error)?.details).toMatchObject({ reason: 'target_unverified' });
    const target = await makeAccount(h.services, { type: 'subscription', verified: true });
    expect((await a.client.request('POST', url, { to_appid: target.appid })).status).toBe(201);
    expect((await refused({ to_appid: service.appid })).details).toMatchObject({ reason: 'subscription_to_service' });
    const c = await owned('subscription', false);
    expect(((await c.client.request('POST', `/console/api/accounts/${c.appid}/migrations`, { to_appid: target.appid })).json.error)?.details).toMatchObject({ reason: 'migration_open' });
    expect((await refused({ to_appid: 'wxdoesnotexist' })).code).toBe('validation');

    const agent = await owned('subscription', false, 'agent');
    expect((await agent.client.request('POST', `/console/api/accounts/${agent.appid}/migrations`, { to_appid: target.appid })).status).toBe(403);
    const admin = await owned('subscription', false, 'admin');
    expect((await admin.client.request('POST', `/console/api/accounts/${admin.appid}/migrations`, { to_appid: target.appid })).status).toBe(403);
  });

  it('console routes refuse hostile bodies and ids without a 500, and nothing changes', async () => {
    const a = await owned('service', false);
    const b = await owned('service', true);
    await expectHostileBodiesRefused(a.client, 'POST', `/console/api/accounts/${a.appid}/migrations`);
    for (const body of [{ to_appid: '' }, { to_appid: 'x'.repeat(65) }, { to_appid: b.appid, move_followers: 'yes' }, { to_appid: b.appid, extra: 1 }]) {
      const r = await a.client.request('POST', `/console/api/accounts/${a.appid}/migrations`, body);
      expect(r.status).toBe(400);
    }
    for (const id of ['nope', '00000000-0000-0000-0000-000000000000', "1' or '1'='1", 'x'.repeat(500)]) {
      const r = await a.client.request('POST', `/console/api/accounts/${a.appid}/migrations/${encodeURIComponent(id)}/confirm`);
      expect(r.status).toBe(404);
    }
    // B cannot confirm a migration it is not part of, nor can a stranger cancel one.
    const applied = await a.client.request('POST', `/console/api/accounts/${a.appid}/migrations`, { to_appid: b.appid });
    const id = (applied.json.migration as Json).id as string;
    const stranger = await owned('service', true);
    expect((await stranger.client.request('POST', `/console/api/accounts/${stranger.appid}/migrations/${id}/confirm`)).status).toBe(404);
    expect((await b.client.request('POST', `/console/api/accounts/${b.appid}/migrations/${id}/cancel`)).json.migration).toMatchObject({ status: 'cancelled' });
    expect((await a.client.request('GET', `/console/api/accounts/${a.appid}/migrations`)).json.migrations).toHaveLength(1);
  });
});
