import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signIn, signedInOperator, type ConsoleClient } from '../../../test/consoleFixtures.js';
import { consoleUpload, multipart } from '../../../test/consoleUpload.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';
import { pngOf } from '../../../test/factories/images.js';
import { phoneUser } from '../../../test/phoneFixtures.js';
import { waitFor } from '../../../test/wait.js';
import { findFollow } from '../followers/index.js';
import { webotServer, type WebotMessage } from '../../../test/webot.js';
import { expectWxError, fetchToken, wxCall } from '../../../test/wxClient.js';
import { DOCUMENT_MAX_BYTES } from '../registration/rules/documents.js';
import { sweepVerifications } from './jobs/verificationSweep.js';

type Json = Record<string, any>;
const DAY = 86_400;
const unique = () => randomBytes(3).toString('hex');

describeEachDb('verification (微信认证) and type conversion', (kind) => {
  let h: TestHerald;
  let admin: ConsoleClient;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    h = await startTestHerald(kind);
    admin = (await signedInOperator(h.app, h.services, { platformAdmin: true })).client;
  }, 240_000);
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
    await h?.close();
  });

  const sim = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: object) => {
    const r = await h.app.inject({ method, url: `/sim/v1${url}`, headers: body ? { 'content-type': 'application/json' } : {}, payload: body ? JSON.stringify(body) : undefined });
    return { status: r.statusCode, json: r.json() as Json };
  };
  const advance = async (seconds: number) => expect((await sim('POST', '/clock/advance', { seconds })).status).toBe(200);
  const mailsTo = async (to: string): Promise<Json[]> => {
    const r = await h.app.inject({ method: 'GET', url: `/console/api/mail/outbox?to=${encodeURIComponent(to)}` });
    return (r.json() as { mail: Json[] }).mail;
  };
  const upload = (client: ConsoleClient, appid: string, id: string, kind: string, bytes: Buffer, filename = 'licence.png') => {
    const { body, contentType } = multipart({ bytes, filename }, { kind });
    return consoleUpload(h, client, `/console/api/accounts/${appid}/verification/${id}/documents`, body, contentType);
  };

  /** A signed-in owner and an account of theirs. */
  async function owned(type: 'subscription' | 'service', verified = false) {
    const { op, client } = await signedInOperator(h.app, h.services, { role: 'owner' });
    const made = await makeAccount(h.services, { orgId: op.orgId, type, verified, name: `Shop ${unique()}` });
    return { op, client, ...made };
  }

  /** An account with a node-webot developer server and a token; `menu()` calls an API that needs verification. */
  async function withDeveloper(type: 'subscription' | 'service') {
    const { op, client, appid, secret, account } = await owned(type);
    const server = await webotServer({ token: 'webot', appid });
    closers.push(server.close);
    expect((await sim('PUT', `/accounts/${appid}/server`, { url: server.url, token: 'webot', encoding_aes_key: null, mode: 'plaintext' })).status).toBe(200);
    const menu = async () => wxCall(h, 'GET', `/cgi-bin/menu/get?access_token=${encodeURIComponent(await fetchToken(h, appid, secret))}`);
    const events = (name: string) => server.received.filter((m) => m.MsgType === 'event' && m.Event === name);
    return { op, client, appid, account, server, menu, events };
  }

  it('applies with documents and an invoice; the admin marks it paid and decides; mail follows', async () => {
    const { op, client, appid } = await owned('service');
    const page0 = await client.get(`/console/api/accounts/${appid}/verification`);
    expect(page0.status).toBe(200);
    expect((page0.json as Json)).toMatchObject({ verified: false, expired: false, fee_fen: 30000, open: null, applications: [], can_verify: true });
    expect((page0.json as Json).verified_capabilities).toContain('template');

    const individual = await client.post(`/console/api/accounts/${appid}/verification`, { subject_type: 'individual', subject_name: 'Zhang San' });
    expect(individual.status).toBe(403);
    expect((individual.json as Json).error.code).toBe('individual_cannot_verify');

    const applied = await client.post(`/console/api/accounts/${appid}/verification`, { subject_type: 'enterprise', subject_name: '杭州书店有限公司', chinese_registration: true });
    expect(applied.status, applied.body).toBe(201);
    const app = (applied.json as Json).application as Json;
    expect(app).toMatchObject({ kind: 'verify', status: 'awaiting_payment', fee_fen: 30000, invoice_no: expect.stringMatching(/^V\d{8}-[0-9A-F]{6}$/) });
    const again = await client.post(`/console/api/accounts/${appid}/verification`, { subject_type: 'enterprise', subject_name: '杭州书店有限公司' });
    expect(again.status).toBe(409);

    expect((await upload(client, appid, app.id, 'business_licence', pngOf(1600, 1200))).status).toBe(201);
    // The queue: invoices first to be marked paid; deciding before payment is refused.
    const queue = await admin.get('/console/api/admin/verifications');
    expect((queue.json as Json).queue.find((q: Json) => q.id === app.id)).toMatchObject({ status: 'awaiting_payment', account: { appid } });
    expect((await client.get('/console/api/admin/verifications')).status).toBe(403);
    expect((await admin.post(`/console/api/admin/verifications/${app.id}/decision`, { decision: 'approve' })).status).toBe(409);
    const paid = await admin.post(`/console/api/admin/verifications/${app.id}/paid`, {});
    expect((paid.json as Json).application).toMatchObject({ status: 'in_review', paid_at: expect.any(String), documents: [expect.objectContaining({ kind: 'business_licence', content_type: 'image/png' })] });
    expect((await admin.post(`/console/api/admin/verifications/${app.id}/paid`, {})).status).toBe(409);

    const doc = (paid.json as Json).application.documents[0];
    const bytes = await h.app.inject({ method: 'GET', url: `/console/api/admin/verifications/${app.id}/documents/${doc.id}`, headers: { cookie: `herald_session=${admin.cookie}` } });
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-security-policy']).toMatch(/sandbox/);

    expect((await admin.post(`/console/api/admin/verifications/${app.id}/decision`, { decision: 'reject' })).json.error?.code).toBe('reason_required');
    const rejected = await admin.post(`/console/api/admin/verifications/${app.id}/decision`, { decision: 'reject', reasons: ['subject_mismatch'], note: '营业执照名称不符' });
    expect((rejected.json as Json).application).toMatchObject({ status: 'rejected', fail_reason: '主体信息与证件不一致；营业执照名称不符' });
    expect((await mailsTo(op.email))[0]).toMatchObject({ kind: 'verification_rejected' });

    // Again, with the naming right: a new name on approval.
    const newName = `书店 ${unique()}`;
    const second = await client.post(`/console/api/accounts/${appid}/verification`, { subject_type: 'enterprise', subject_name: '杭州书店有限公司', requested_name: newName });
    expect(second.status).toBe(201);
    await admin.post(`/console/api/admin/verifications/${(second.json as Json).application.id}/paid`, {});
    const approved = await admin.post(`/console/api/admin/verifications/${(second.json as Json).application.id}/decision`, { decision: 'approve' });
    expect((approved.json as Json).application).toMatchObject({ status: 'approved', account: { name: newName } });
    const page = await client.get(`/console/api/accounts/${appid}/verification`);
    expect((page.json as Json)).toMatchObject({ verified: true, account: { name: newName } });
    const yearMs = new Date((page.json as Json).verified_until).getTime() - h.services.clock.nowMs();
    expect(yearMs).toBeGreaterThan(364 * DAY * 1000);
    expect(yearMs).toBeLessThanOrEqual(366 * DAY * 1000);
    expect((page.json as Json).applications.map((a: Json) => a.status)).toEqual(['approved', 'rejected']);
    expect((await mailsTo(op.email))[0]).toMatchObject({ kind: 'verification_approved' });
  });

  it('charges government accounts nothing: in review at once', async () => {
    const { client, appid } = await owned('service');
    const r = await client.post(`/console/api/accounts/${appid}/verification`, { subject_type: 'government', subject_name: '某市人民政府办公室' });
    expect((r.json as Json).application).toMatchObject({ status: 'in_review', fee_fen: 0, invoice_no: null });
  });

  it('refuses hostile documents and bodies', async () => {
    const { client, appid } = await owned('service');
    const app = (await client.post(`/console/api/accounts/${appid}/verification`, { subject_type: 'media', subject_name: 'Daily News Media' })).json.application as Json;
    const text = await upload(client, appid, app.id, 'business_licence', Buffer.from('<html><script>alert(1)</script></html>'), 'licence.png');
    expect([text.status, (text.json as Json).error.code]).toEqual([415, 'document_type']);
    const exe = await upload(client, appid, app.id, 'business_licence', Buffer.from('MZ\x90\x00binary'), 'licence.exe');
    expect(exe.status).toBe(415);
    const huge = Buffer.concat([pngOf(800, 800), Buffer.alloc(DOCUMENT_MAX_BYTES)]);
    expect((await upload(client, appid, app.id, 'business_licence', huge)).status).toBe(413);
    const badKind = await upload(client, appid, app.id, 'selfie\u0000', pngOf(800, 800));
    expect((badKind.json as Json).error.code).toBe('invalid_document_kind');
    const empty = await upload(client, appid, app.id, 'business_licence', Buffer.alloc(0));
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
    const notMultipart = await consoleUpload(h, client, `/console/api/accounts/${appid}/verification/${app.id}/documents`, Buffer.from('hello'), 'text/plain');
    expect(notMultipart.status).toBe(415);
    // Another organization's application answers as missing.
    const other = await owned('service');
    expect((await upload(other.client, appid, app.id, 'business_licence', pngOf(800, 800))).status).toBe(404);
    expect((await upload(other.client, other.appid, app.id, 'business_licence', pngOf(800, 800))).status).toBe(404);
    // Control characters and lone surrogates in the form.
    for (const subject_name of ['Bad\u0007Name Co', 'Bad\nName', '\ud800 Co']) {
      const r = await client.post(`/console/api/accounts/${other.appid}/verification`, { subject_type: 'enterprise', subject_name });
      expect(r.status, subject_name).toBe(400);
    }
    expect((await client.post(`/console/api/accounts/${other.appid}/verification`, { subject_type: 'enterprise', subject_name: 'x'.repeat(5000) })).status).toBe(400);
    await expectHostileBodiesRefused(other.client, 'POST', `/console/api/accounts/${other.appid}/verification`);
    await expectHostileBodiesRefused(other.client, 'POST', `/console/api/accounts/${other.appid}/conversion`);
    await expectHostileBodiesRefused(admin, 'POST', `/console/api/admin/verifications/${app.id}/decision`);
    expect((await admin.post('/console/api/admin/verifications/not-a-uuid/paid', {})).status).toBe(404);
    const bad = await sim('POST', `/accounts/${appid}/verification`, { outcome: 'maybe' });
    expect(bad.status).toBe(400);
  });

  it('pushes the verification events to a node-webot developer server', async () => {
    const dev = await withDeveloper('service');
    const failed = await sim('POST', `/accounts/${dev.appid}/verification`, { outcome: 'fail', reason: 'qualification_missing', note: '缺少许可证' });
    expect(failed.status, JSON.stringify((failed.json as Json))).toBe(200);
    await waitFor(async () => dev.events('qualification_verify_fail').length, (n) => n === 1);
    const fail = dev.events('qualification_verify_fail')[0] as WebotMessage;
    expect(fail.FailReason).toBe('缺少行业资质；缺少许可证');
    expect(Number(fail.FailTime)).toBe(Math.floor(new Date((failed.json as Json).application.decided_at).getTime() / 1000));

    const ok = await sim('POST', `/accounts/${dev.appid}/verification`, { outcome: 'success', requested_name: `新名 ${unique()}` });
    const expires = Math.floor(new Date((ok.json as Json).application.expires_at).getTime() / 1000);
    await waitFor(async () => dev.events('naming_verify_success').length, (n) => n === 1);
    expect(Number(dev.events('qualification_verify_success')[0].ExpiredTime)).toBe(expires);
    expect(Number(dev.events('naming_verify_success')[0].ExpiredTime)).toBe(expires);

    // A renewal while verified: annual_renew, a year after the current end.
    const renewed = await sim('POST', `/accounts/${dev.appid}/verification`, { outcome: 'success' });
    expect((renewed.json as Json).application.kind).toBe('renew');
    await waitFor(async () => dev.events('annual_renew').length, (n) => n === 1);
    const renewedUntil = Math.floor(new Date((renewed.json as Json).application.expires_at).getTime() / 1000);
    expect(Number(dev.events('annual_renew')[0].ExpiredTime)).toBe(renewedUntil);
    expect(renewedUntil - expires).toBeGreaterThanOrEqual(365 * DAY);

    // A refused name: qualification passes, naming_verify_fail.
    await sim('POST', `/accounts/${dev.appid}/verification`, { outcome: 'success', requested_name: `另一个 ${unique()}`, naming: 'reject' });
    await waitFor(async () => dev.events('naming_verify_fail').length, (n) => n === 1);
    expect(dev.events('naming_verify_fail')[0].FailReason).toBe('帐号名称不符合认证命名规则');

    const expired = await sim('POST', `/accounts/${dev.appid}/verification/expire`);
    expect((expired.json as Json).verified).toBe(false);
    await waitFor(async () => dev.events('verify_expired').length, (n) => n === 1);
    expect(Number(dev.events('verify_expired')[0].ExpiredTime)).toBe(Math.floor(new Date((expired.json as Json).verified_until).getTime() / 1000));
  });

  it('turns a verified API into 48001 when the year runs out on the Herald clock, and back after renewal', async () => {
    const dev = await withDeveloper('subscription');
    expectWxError(await dev.menu(), 48001, 'api unauthorized');
    await sim('POST', `/accounts/${dev.appid}/verification`, { outcome: 'success' });
    expect((await dev.menu()).errcode).not.toBe(48001);

    await advance(365 * DAY + 3600);
    // At once: before any sweep has recorded the expiry.
    expectWxError(await dev.menu(), 48001, 'api unauthorized');
    // A year later the console session has ended too: sign in again.
    const client = await signIn(h.app, dev.op.email, dev.op.password);
    const page = await client.get(`/console/api/accounts/${dev.appid}/verification`);
    expect((page.json as Json)).toMatchObject({ verified: false, expired: true });
    expect((page.json as Json).verified_capabilities).toContain('menu');
    expect((page.json as Json).capabilities.find((c: Json) => c.capability === 'menu')).toEqual({ capability: 'menu', allowed: false });

    expect((await sweepVerifications(h.services)).expired).toBeGreaterThanOrEqual(1);
    await waitFor(async () => dev.events('verify_expired').length, (n) => n === 1);
    expect((await mailsTo(dev.op.email)).map((m) => m.kind)).toContain('verification_expired');

    const back = await sim('POST', `/accounts/${dev.appid}/verification`, { outcome: 'success' });
    expect((back.json as Json).application.kind).toBe('verify');
    expect((await dev.menu()).errcode).not.toBe(48001);
  });

  it('mails renewal reminders 3 months, 2 months, 1 month and 7 days before the end, once each', async () => {
    const { op, appid } = await owned('service');
    const ok = await sim('POST', `/accounts/${appid}/verification`, { outcome: 'success' });
    const until = new Date((ok.json as Json).application.expires_at).getTime();
    const reminders = async () => (await mailsTo(op.email)).filter((m) => String(m.kind).startsWith('verification_reminder')).map((m) => m.kind).reverse();
    const travelTo = async (ms: number) => advance(Math.max(1, (ms - h.services.clock.nowMs()) / 1000));
    const monthsBefore = (n: number) => {
      const d = new Date(until);
      d.setUTCMonth(d.getUTCMonth() - n);
      return d.getTime();
    };
    await travelTo(monthsBefore(3) - 3_600_000);
    await sweepVerifications(h.services);
    expect(await reminders()).toEqual([]);
    await travelTo(monthsBefore(3) + 60_000);
    await sweepVerifications(h.services);
    await sweepVerifications(h.services);
    expect(await reminders()).toEqual(['verification_reminder_3m']);
    await travelTo(monthsBefore(2) + 60_000);
    await sweepVerifications(h.services);
    await travelTo(monthsBefore(1) + 60_000);
    await sweepVerifications(h.services);
    await travelTo(until - 7 * DAY * 1000 - 60_000);
    await sweepVerifications(h.services);
    expect(await reminders()).toEqual(['verification_reminder_3m', 'verification_reminder_2m', 'verification_reminder_1m']);
    await travelTo(until - 7 * DAY * 1000 + 60_000);
    await sweepVerifications(h.services);
    await sweepVerifications(h.services);
    expect(await reminders()).toEqual(['verification_reminder_3m', 'verification_reminder_2m', 'verification_reminder_1m', 'verification_reminder_7d']);
    const last = (await mailsTo(op.email))[0];
    expect(last.body).toContain(new Date(until).toISOString().slice(0, 10));
  });

  it('converts a subscription account to a service account once: the phone moves it to Chats', async () => {
    const { client, appid, secret, account } = await owned('subscription');
    const refusedUnverified = await client.post(`/console/api/accounts/${appid}/conversion`, { confirm_permanent: true });
    expect([refusedUnverified.status, (refusedUnverified.json as Json).error.details?.reason]).toEqual([409, 'not_verified']);
    await sim('POST', `/accounts/${appid}/verification`, { outcome: 'success', chinese_registration: true });

    const { client: phone, user } = await phoneUser(h.app);
    await phone.post(`/accounts/${appid}/follow`);
    const token = await fetchToken(h, appid, secret);
    const openid = (await findFollow(h.services.db, account.id, user.id))!.openid;
    expect(await wxCall(h, 'POST', `/cgi-bin/message/custom/send?access_token=${token}`, { body: { touser: openid, msgtype: 'text', text: { content: 'Morning!' } } })).toMatchObject({ errcode: 0 });
    const before = await phone.get('/chats');
    expect((before.json as Json).subscriptions).toMatchObject({ appid });
    expect((before.json as Json).chats.map((c: Json) => c.appid)).not.toContain(appid);

    const page = await client.get(`/console/api/accounts/${appid}/verification`);
    expect((page.json as Json).conversion).toEqual({ done: null, eligible: true, refusal: null });
    expect((await client.post(`/console/api/accounts/${appid}/conversion`, { confirm_permanent: false })).json.error?.code).toBe('confirmation_required');
    const converted = await client.post(`/console/api/accounts/${appid}/conversion`, { confirm_permanent: true });
    expect(converted.status, converted.body).toBe(200);
    expect((converted.json as Json).conversion).toMatchObject({ from_type: 'subscription', to_type: 'service' });

    const after = await phone.get('/chats');
    expect((after.json as Json).chats.find((c: Json) => c.appid === appid)).toMatchObject({ type: 'service' });
    expect((after.json as Json).subscriptions).toBeNull();

    const twice = await client.post(`/console/api/accounts/${appid}/conversion`, { confirm_permanent: true });
    expect([twice.status, (twice.json as Json).error.details.reason]).toEqual([409, 'already_converted']);
    const shown = await client.get(`/console/api/accounts/${appid}/verification`);
    expect((shown.json as Json).conversion).toMatchObject({ done: { from_type: 'subscription', to_type: 'service' }, eligible: false, refusal: 'already_converted' });

    const service = await owned('service', true);
    const back = await service.client.post(`/console/api/accounts/${service.appid}/conversion`, { confirm_permanent: true });
    expect([back.status, (back.json as Json).error.details.reason]).toEqual([409, 'service_to_subscription']);

    const overseas = await owned('subscription');
    await sim('POST', `/accounts/${overseas.appid}/verification`, { outcome: 'success', chinese_registration: false });
    const refused = await overseas.client.post(`/console/api/accounts/${overseas.appid}/conversion`, { confirm_permanent: true });
    expect((refused.json as Json).error.details.reason).toBe('not_chinese_registration');
  });
});
