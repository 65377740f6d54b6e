import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { makeOperator, signIn, signedInOperator } from '../../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../../test/hostileBodies.js';
import { newWechatId } from '../../../../test/factories/kf.js';
import { accounts } from '../../accounts/schema.js';
import { findKfAccount } from '../store/kfAccounts.js';

type Rep = { kf_account: string; nickname: string; online: boolean; accepted_case: number; operator: { id: string; name: string } | null; is_me: boolean };
type View = {
  wechat_id: string | null;
  available: boolean;
  unavailable_reason: string | null;
  me: { kf_account: string; online: boolean } | null;
  kf_accounts: Rep[];
  operators: Array<{ id: string; kf_account: string | null }>;
};

describeEachDb('console representatives API', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** An admin signed in, with a verified service account that has a WeChat id. */
  async function setup(opts: { wechatId?: string | null; verified?: boolean; type?: 'service' | 'subscription' } = {}) {
    const { op, client } = await signedInOperator(h.app, h.services);
    const made = await makeAccount(h.services, { orgId: op.orgId, verified: opts.verified ?? true, type: opts.type ?? 'service' });
    const wechatId = opts.wechatId === undefined ? newWechatId() : opts.wechatId;
    await h.services.db.update(accounts).set({ wechatId }).where(eq(accounts.id, made.account.id));
    return { op, client, ...made, wechatId: wechatId ?? '', base: `/console/api/accounts/${made.appid}/kf` };
  }

  it('adds a representative bound to the signed-in operator and lists who is online', async () => {
    const { op, client, base, wechatId, account } = await setup();
    const empty = await client.get(base);
    expect(empty.status, empty.body).toBe(200);
    expect(empty.json).toMatchObject({ wechat_id: wechatId, available: true, me: null, kf_accounts: [] });
    expect((empty.json as unknown as View).operators.map((o) => o.id)).toEqual([op.id]);

    // The prefix alone gets the account's WeChat id.
    const created = await client.post(base, { kf_account: 'anna', nickname: 'Anna' });
    expect(created.status, created.body).toBe(201);
    expect(created.json.kf_account).toMatchObject({ kf_account: `anna@${wechatId}`, nickname: 'Anna', online: false, accepted_case: 0, is_me: true });
    expect((await findKfAccount(h.services.db, account.id, `anna@${wechatId}`))?.operatorId).toBe(op.id);

    const view = (await client.get(base)).json as unknown as View;
    expect(view.me).toEqual({ kf_account: `anna@${wechatId}`, nickname: 'Anna', online: false });
    expect(view.operators).toEqual([expect.objectContaining({ id: op.id, kf_account: `anna@${wechatId}` })]);

    const online = await client.post(`${base}/${encodeURIComponent(`anna@${wechatId}`)}/presence`, { online: true });
    expect(online.status, online.body).toBe(200);
    expect((online.json as unknown as View).me?.online).toBe(true);
    // kf_account names ignore case.
    const offline = await client.post(`${base}/${encodeURIComponent(`ANNA@${wechatId.toUpperCase()}`)}/presence`, { online: false });
    expect(offline.status, offline.body).toBe(200);
    expect((offline.json as unknown as View).kf_accounts[0].online).toBe(false);
  });

  it('binds another operator of the organization; one kf account per operator and account', async () => {
    const { op, client, base, wechatId, orgId } = await setup();
    const colleague = await makeOperator(h.services, { orgId, role: 'agent' });
    const r = await client.post(base, { kf_account: `Bob_1@${wechatId.toUpperCase()}`, nickname: 'Bob', operator_id: colleague.id });
    expect(r.status, r.body).toBe(201);
    expect(r.json.kf_account).toMatchObject({ kf_account: `Bob_1@${wechatId}`, is_me: false, operator: { id: colleague.id } });

    const again = await client.post(base, { kf_account: 'bob2', nickname: 'Bob again', operator_id: colleague.id });
    expect(again.status).toBe(409);
    expect(again.json.error?.code).toBe('kf_operator_bound');
    expect(again.json.error?.message).toContain(`Bob_1@${wechatId}`);

    // kfaccount/add's rules: duplicates (case-insensitive), format, nickname.
    const mine = await client.post(base, { kf_account: 'anna', nickname: 'Anna' });
    expect(mine.status).toBe(201);
    const cases: Array<[unknown, string]> = [
      [{ kf_account: 'BOB_1', nickname: 'x', operator_id: (await makeOperator(h.services, { orgId })).id }, 'kf_exists'],
      [{ kf_account: 'has space', nickname: 'x', operator_id: (await makeOperator(h.services, { orgId })).id }, 'kf_account_invalid'],
      [{ kf_account: 'elevenchars', nickname: 'x', operator_id: (await makeOperator(h.services, { orgId })).id }, 'kf_account_invalid'],
      [{ kf_account: 'x@otherwechat', nickname: 'x', operator_id: (await makeOperator(h.services, { orgId })).id }, 'kf_account_invalid'],
      [{ kf_account: 'carl', nickname: 'a'.repeat(17), operator_id: (await makeOperator(h.services, { orgId })).id }, 'kf_nickname_invalid'],
      [{ kf_account: 'dan', nickname: 'Dan', operator_id: op.id }, 'kf_operator_bound'],
    ];
    for (const [body, code] of cases) {
      const res = await client.post(base, body);
      expect(res.status, res.body).toBe(code === 'kf_exists' || code === 'kf_operator_bound' ? 409 : 400);
      expect(res.json.error?.code, JSON.stringify(body)).toBe(code);
    }

    // An operator of another organization cannot be bound, and says so the same way as a made-up id.
    const stranger = await makeOperator(h.services);
    for (const id of [stranger.id, '00000000-0000-0000-0000-000000000000', 'not-a-uuid']) {
      const res = await client.post(base, { kf_account: 'eve', nickname: 'Eve', operator_id: id });
      expect(res.status, res.body).toBe(400);
      expect(res.json.error?.code).toBe('operator_not_found');
    }
  });

  it('lets agents add only themselves and change only their own presence', async () => {
    const { base, wechatId, orgId, client: admin } = await setup();
    const agentOp = await makeOperator(h.services, { orgId, role: 'agent' });
    const agent = await signIn(h.app, agentOp.email, agentOp.password);
    const other = await makeOperator(h.services, { orgId });

    const forOther = await agent.post(base, { kf_account: 'zed', nickname: 'Zed', operator_id: other.id });
    expect(forOther.status).toBe(403);
    expect(forOther.json.error?.code).toBe('forbidden');
    const self = await agent.post(base, { kf_account: 'agent', nickname: 'Agent' });
    expect(self.status, self.body).toBe(201);
    const adminKf = await admin.post(base, { kf_account: 'boss', nickname: 'Boss' });
    expect(adminKf.status).toBe(201);

    const theirs = await agent.post(`${base}/${encodeURIComponent(`boss@${wechatId}`)}/presence`, { online: true });
    expect(theirs.status).toBe(403);
    expect((await agent.post(`${base}/agent@${wechatId}/presence`, { online: true })).status).toBe(200);
    // Owners and admins may set anyone's status (someone left for the day).
    const byAdmin = await admin.post(`${base}/agent@${wechatId}/presence`, { online: false });
    expect(byAdmin.status).toBe(200);
    expect((byAdmin.json as unknown as View).kf_accounts.find((k) => k.kf_account === `agent@${wechatId}`)?.online).toBe(false);
  });

  it('explains an account without a WeChat ID, and an account that cannot have customer service', async () => {
    const noId = await setup({ wechatId: null });
    const r = await noId.client.post(noId.base, { kf_account: 'anna', nickname: 'Anna' });
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe('kf_account_no_wechat_id');
    expect(r.json.error?.message).toMatch(/no WeChat ID.*prefix@<WeChat ID>/);
    expect((await noId.client.get(noId.base)).json).toMatchObject({ wechat_id: null, available: true });

    const unverified = await setup({ verified: false, type: 'subscription' });
    const view = await unverified.client.get(unverified.base);
    expect(view.json).toMatchObject({ available: false });
    expect(String(view.json.unavailable_reason)).toContain('verified');
    const refused = await unverified.client.post(unverified.base, { kf_account: 'anna', nickname: 'Anna' });
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe('kf_unavailable');
  });

  it('needs a session and the CSRF header, and hides other organizations', async () => {
    const { client, base, wechatId } = await setup();
    await client.post(base, { kf_account: 'anna', nickname: 'Anna' });
    const anon = await h.app.inject({ method: 'GET', url: base });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await client.request('POST', base, { kf_account: 'x', nickname: 'x' }, { 'x-csrf-token': '' });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json.error?.code).toBe('csrf');
    const presenceNoCsrf = await client.request('POST', `${base}/anna@${wechatId}/presence`, { online: true }, { 'x-csrf-token': 'wrong' });
    expect(presenceNoCsrf.status).toBe(403);

    const outsider = await signedInOperator(h.app, h.services);
    for (const [method, url, body] of [
      ['GET', base, undefined],
      ['POST', base, { kf_account: 'mallory', nickname: 'M' }],
      ['POST', `${base}/anna@${wechatId}/presence`, { online: true }],
    ] as const) {
      const res = await outsider.client.request(method, url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.json.error?.code).toBe('not_found');
    }
    expect((await client.get(base)).json.kf_accounts).toHaveLength(1);
  });

  it('refuses malformed, oversized and hostile input with 4xx', async () => {
    const { client, base, wechatId } = await setup();
    await client.post(base, { kf_account: 'anna', nickname: 'Anna' });
    await expectHostileBodiesRefused(client, 'POST', base);
    await expectHostileBodiesRefused(client, 'POST', `${base}/anna@${wechatId}/presence`);
    for (const body of [
      { kf_account: 'x'.repeat(65), nickname: 'x' },
      { kf_account: 'a\u0000b', nickname: 'x' },
      { kf_account: 'ok', nickname: 'n'.repeat(201) },
      { kf_account: 'ok', nickname: '\ud800' },
      { kf_account: ['a'], nickname: 'x' },
      { kf_account: 'ok', nickname: 'x', operator_id: 'y'.repeat(65) },
      { kf_account: 'ok', nickname: 'x', operator_id: 5 },
    ]) {
      const r = await client.post(base, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.json.error?.code).toBe('invalid_request');
    }
    for (const body of [{ online: 'yes' }, { online: 1 }, {}, { online: null }]) {
      const r = await client.post(`${base}/anna@${wechatId}/presence`, body);
      expect(r.status).toBe(400);
    }
    for (const name of ['nobody@x', '%00', 'a'.repeat(90), '%E2%80%AE', '..%2F..%2Fetc', `anna@${wechatId}%20`]) {
      const r = await client.post(`${base}/${name}/presence`, { online: true });
      expect(r.status, name).toBe(404);
      expect(r.json.error?.code).toBe('not_found');
    }
    const long = await client.post(`${base}/${'a'.repeat(5000)}/presence`, { online: true });
    expect(long.status).toBe(404);
  });
});
