/**
 * API mass-send protection (API群发保护): the console setting; an API mass send waits for the
 * administrator's confirmation card in the phone; confirmed → sent; refused → MASSSENDJOBFINISH
 * err(40001); 30 minutes on the Herald clock without an answer → err(40002); console sends and
 * previews never wait; only the administrator may answer; hostile input. Both databases.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';
import { phoneUser } from '../../../test/phoneFixtures.js';
import { findFollow } from '../followers/index.js';
import { waitFor } from '../../../test/wait.js';
import { webotServer } from '../../../test/webot.js';
import { fetchToken, wxCall } from '../../../test/wxClient.js';
import { expireMassConfirmations } from './commands/massConfirmation.js';
import { CONFIRM_WINDOW_MS } from './rules/massConfirmation.js';

type Json = Record<string, any>;

describeEachDb('API mass-send protection (API群发保护)', (kind) => {
  let h: TestHerald;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    h = await startTestHerald(kind);
  }, 240_000);
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
    await h?.close();
  });

  const sim = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: object) => {
    const r = await h.app.inject({ method, url: `/sim/v1${url}`, headers: body ? { 'content-type': 'application/json' } : {}, payload: body ? JSON.stringify(body) : undefined });
    return { status: r.statusCode, json: r.json() as Json };
  };

  /**
   * A service account with a node-webot developer server, an administrator (a phone user who
   * follows it), another follower, and a signed-in owner.
   */
  async function setup() {
    const { op, client } = await signedInOperator(h.app, h.services, { role: 'owner' });
    const { appid, secret, account } = await makeAccount(h.services, { orgId: op.orgId, type: 'service', name: `Guarded ${randomBytes(2).toString('hex')}` });
    const server = await webotServer({ token: 'webot', appid });
    closers.push(server.close);
    expect((await sim('PUT', `/accounts/${appid}/server`, { url: server.url, token: 'webot', encoding_aes_key: null, mode: 'plaintext' })).status).toBe(200);
    const admin = await phoneUser(h.app, 'Admin Wang');
    const fan = await phoneUser(h.app, 'Fan Li');
    for (const u of [admin, fan]) expect((await u.client.post(`/accounts/${appid}/follow`)).status).toBeLessThan(300);
    const openidOf = async (u: { user: { id: string } }) => (await findFollow(h.services.db, account.id, u.user.id))?.openid ?? '';
    const token = await fetchToken(h, appid, secret);
    const sendall = (content: string) => wxCall(h, 'POST', `/cgi-bin/message/mass/sendall?access_token=${encodeURIComponent(token)}`, { body: { filter: { is_to_all: true }, text: { content }, msgtype: 'text' } });
    const finishes = () => server.received.filter((m) => m.MsgType === 'event' && m.Event === 'MASSSENDJOBFINISH');
    const massGet = async (msgId: number) => wxCall(h, 'POST', `/cgi-bin/message/mass/get?access_token=${encodeURIComponent(token)}`, { body: { msg_id: msgId } });
    return { op, client, appid, account, admin, fan, openidOf, sendall, finishes, massGet };
  }

  async function protect(client: ConsoleClient, appid: string, openid: string) {
    const r = await client.put(`/console/api/accounts/${appid}/mass-protection`, { enabled: true, admin_openid: openid });
    expect(r.status, r.body).toBe(200);
    return r.json as Json;
  }

  it('is off by default; turning it on names a follower as the administrator; hostile input is refused', async () => {
    const { client, appid, admin, openidOf } = await setup();
    const off = await client.get(`/console/api/accounts/${appid}/mass-protection`);
    expect(off.status).toBe(200);
    expect(off.json).toEqual({ enabled: false, admin: null, confirm_minutes: 30 });

    const noAdmin = await client.put(`/console/api/accounts/${appid}/mass-protection`, { enabled: true });
    expect(noAdmin.status).toBe(400);
    expect((noAdmin.json as Json).error.code).toBe('invalid_admin');
    const stranger = await client.put(`/console/api/accounts/${appid}/mass-protection`, { enabled: true, admin_openid: 'o_not_a_follower_of_this' });
    expect((stranger.json as Json).error.code).toBe('invalid_admin');
    const bad = await client.put(`/console/api/accounts/${appid}/mass-protection`, { enabled: true, admin_openid: '<script>' });
    expect(bad.status).toBe(400);
    await expectHostileBodiesRefused(client, 'PUT', `/console/api/accounts/${appid}/mass-protection`);

    const adminOpenid = await openidOf(admin);
    expect(adminOpenid).toMatch(/^o/);
    expect(await protect(client, appid, adminOpenid)).toEqual({ enabled: true, admin: { openid: adminOpenid, nickname: 'Admin Wang' }, confirm_minutes: 30 });
    // Off again keeps the administrator for next time.
    const offAgain = await client.put(`/console/api/accounts/${appid}/mass-protection`, { enabled: false });
    expect(offAgain.json).toMatchObject({ enabled: false, admin: { openid: adminOpenid } });

    // Agents may look but not change it; another organization cannot see it.
    const { op } = await signedInOperator(h.app, h.services, { role: 'owner' });
    const outsider = (await signedInOperator(h.app, h.services, { orgId: op.orgId, role: 'owner' })).client;
    expect((await outsider.get(`/console/api/accounts/${appid}/mass-protection`)).status).toBe(404);
  });

  it('confirmed in the administrator’s phone, the post is sent; refused, MASSSENDJOBFINISH says err(40001)', { timeout: 60_000 }, async () => {
    const { client, appid, admin, fan, openidOf, sendall, finishes, massGet } = await setup();
    await protect(client, appid, await openidOf(admin));

    const first = await sendall('Weekend sale');
    expect(first).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
    const msgId = Number(first.msg_id);
    expect((await massGet(msgId)).msg_status).toBe('SENDING');
    // Waiting: nothing reaches the followers, and the card is in the administrator's phone only.
    expect((await fan.client.get(`/broadcasts/${msgId}`)).status).toBe(404);
    const cards = await admin.client.get('/mass-confirmations');
    expect(cards.status).toBe(200);
    expect(cards.json.confirmations).toEqual([expect.objectContaining({ msg_id: msgId, appid, msgtype: 'text', preview: 'Weekend sale', audience: { kind: 'all' } })]);
    const confirmBy = new Date(cards.json.confirmations[0].confirm_by).getTime();
    expect(confirmBy - new Date(cards.json.confirmations[0].sent_at).getTime()).toBe(CONFIRM_WINDOW_MS);
    expect((await fan.client.get('/mass-confirmations')).json.confirmations).toEqual([]);
    expect((await fan.client.post(`/mass-confirmations/${msgId}`, { accept: true })).status).toBe(404);

    const ok = await admin.client.post(`/mass-confirmations/${msgId}`, { accept: true });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json).toEqual({ status: 'queued', result_status: null });
    await waitFor(async () => (await massGet(msgId)).msg_status === 'SEND_SUCCESS', Boolean, 20_000);
    expect((await fan.client.get(`/broadcasts/${msgId}`)).status).toBe(200);
    await waitFor(async () => finishes().some((m) => String(m.MsgID) === String(msgId)), Boolean, 20_000);
    expect(finishes().find((m) => String(m.MsgID) === String(msgId))?.Status).toBe('send success');
    // Answered once: a second answer is refused.
    const again = await admin.client.post(`/mass-confirmations/${msgId}`, { accept: false });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('confirmation_closed');

    // The next post is refused by the administrator.
    const second = await sendall('Another sale');
    const refusedId = Number(second.msg_id);
    const no = await admin.client.post(`/mass-confirmations/${refusedId}`, { accept: false });
    expect(no.json).toEqual({ status: 'failed', result_status: 'err(40001)' });
    await waitFor(async () => finishes().some((m) => String(m.MsgID) === String(refusedId)), Boolean, 20_000);
    const event = finishes().find((m) => String(m.MsgID) === String(refusedId))!;
    expect(event).toMatchObject({ Status: 'err(40001)', FromUserName: 'mphelper' });
    expect(String(event.TotalCount)).toBe('0');
    expect(String(event.SentCount)).toBe('0');
    expect((await massGet(refusedId)).msg_status).toBe('SEND_FAIL');
    expect((await fan.client.get(`/broadcasts/${refusedId}`)).status).toBe(404);

    // The callback inspector lists both MASSSENDJOBFINISH deliveries.
    const inspector = await client.get(`/console/api/accounts/${appid}/deliveries`);
    const labels = (inspector.json as Json).deliveries.filter((d: Json) => d.label === 'event:MASSSENDJOBFINISH');
    expect(labels.length).toBeGreaterThanOrEqual(2);
  });

  it('30 minutes on the Herald clock without an answer: err(40002), not sent, not counted', { timeout: 60_000 }, async () => {
    const { client, appid, admin, fan, openidOf, sendall, finishes, massGet } = await setup();
    await protect(client, appid, await openidOf(admin));
    const sent = await sendall('Flash sale');
    const msgId = Number(sent.msg_id);
    const quota = async () => ((await client.get(`/console/api/accounts/${appid}/broadcasts/quota`)).json as Json).quota;
    const usedWaiting = (await quota()).used;
    expect(usedWaiting).toBeGreaterThanOrEqual(1);

    await sim('POST', '/clock/advance', { seconds: 29 * 60 });
    expect(await expireMassConfirmations(h.services)).toBe(0);
    expect((await admin.client.get('/mass-confirmations')).json.confirmations.map((c: Json) => c.msg_id)).toContain(msgId);
    await sim('POST', '/clock/advance', { seconds: 61 });
    // Past the window the card is gone, and an answer now is too late.
    expect((await admin.client.get('/mass-confirmations')).json.confirmations).toEqual([]);
    // (The background sweep may have ended it already: then the answer is refused as closed.)
    const late = await admin.client.post(`/mass-confirmations/${msgId}`, { accept: true });
    if (late.status === 200) expect(late.json).toEqual({ status: 'failed', result_status: 'err(40002)' });
    else expect(late.json.error.code).toBe('confirmation_closed');
    expect(await expireMassConfirmations(h.services)).toBe(0);

    await waitFor(async () => finishes().some((m) => String(m.MsgID) === String(msgId)), Boolean, 20_000);
    expect(finishes().find((m) => String(m.MsgID) === String(msgId))?.Status).toBe('err(40002)');
    expect((await massGet(msgId)).msg_status).toBe('SEND_FAIL');
    expect((await fan.client.get(`/broadcasts/${msgId}`)).status).toBe(404);
    expect((await quota()).used).toBe(usedWaiting - 1);
  });

  it('the sweep ends posts nobody answered; console sends never wait; hostile answers are refused', { timeout: 60_000 }, async () => {
    const { client, appid, admin, openidOf, sendall, finishes, massGet } = await setup();
    await protect(client, appid, await openidOf(admin));
    const waiting = Number((await sendall('Nobody answers')).msg_id);
    await sim('POST', '/clock/advance', { seconds: 31 * 60 });
    const swept = await sim('POST', '/broadcasts/confirmations/sweep');
    expect(swept.status).toBe(200);
    expect(typeof swept.json.ended).toBe('number');
    expect((await massGet(waiting)).msg_status).toBe('SEND_FAIL');
    await waitFor(async () => finishes().some((m) => String(m.MsgID) === String(waiting)), Boolean, 20_000);
    expect(finishes().find((m) => String(m.MsgID) === String(waiting))?.Status).toBe('err(40002)');

    const fromConsole = await client.post(`/console/api/accounts/${appid}/broadcasts`, { msgtype: 'text', content: 'From the console', audience: { kind: 'all' } });
    expect(fromConsole.status, fromConsole.body).toBeLessThan(300);
    expect((await admin.client.get('/mass-confirmations')).json.confirmations).toEqual([]);
    const consoleId = Number((fromConsole.json as Json).push.msg_id);
    await waitFor(async () => (await massGet(consoleId)).msg_status === 'SEND_SUCCESS', Boolean, 20_000);

    // Hostile answers from the phone.
    for (const id of ['0', '-1', 'abc', '99999999999999999999', '1e3']) {
      expect((await admin.client.post(`/mass-confirmations/${id}`, { accept: true })).status).toBe(404);
    }
    for (const body of ['', 'null', '[1]', '{"accept":"yes"}', '{"accept":true,"x":1}', '{'.repeat(5000)]) {
      const r = await admin.client.request('POST', `/mass-confirmations/${waiting}`, body);
      expect(r.status, body.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
  });
});
