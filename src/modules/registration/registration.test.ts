import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signIn, signedInOperator, type ConsoleClient } from '../../../test/consoleFixtures.js';
import { consoleUpload, multipart } from '../../../test/consoleUpload.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';
import { LOW_QUALITY_MIN_PX } from './rules/documents.js';
import { findAccountByAppid } from '../accounts/index.js';
import { eq } from 'drizzle-orm';
import { registrationApplications } from './schema.js';
import { remindAppealsDue } from './jobs/appealReminders.js';
import { pngOf } from '../../../test/factories/images.js';

type Json = Record<string, any>;

const GOOD_SCAN = pngOf(1600, 1200);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const unique = () => randomBytes(3).toString('hex');

/** The newest outbox mail to an address. */
async function lastMailTo(h: TestHerald, to: string): Promise<Json | undefined> {
  const res = await h.app.inject({ method: 'GET', url: `/console/api/mail/outbox?to=${encodeURIComponent(to)}` });
  return (res.json() as { mail: Json[] }).mail[0];
}

const post = (h: TestHerald, url: string, body: unknown, ip = '127.0.0.1') =>
  h.app.inject({ method: 'POST', url, remoteAddress: ip, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

/** Signs up through the API, follows the mailed link, signs in. */
async function signUpAndVerify(h: TestHerald, email: string, password = 'a-good-password'): Promise<ConsoleClient> {
  const res = await post(h, '/console/api/signup', { email, password }, `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
  expect(res.statusCode, res.body).toBe(202);
  const mail = await lastMailTo(h, email);
  const token = /verify-email\?token=([A-Za-z0-9_-]{43})/.exec(mail?.body ?? '')?.[1];
  expect(token, mail?.body).toBeTruthy();
  const verified = await post(h, '/console/api/signup/verify', { token });
  expect(verified.statusCode, verified.body).toBe(200);
  return signIn(h.app, email, password);
}

async function upload(h: TestHerald, client: ConsoleClient, id: string, kind: string, bytes: Buffer, filename = 'scan.png') {
  const { body, contentType } = multipart({ bytes, filename }, { kind });
  return consoleUpload(h, client, `/console/api/registration/applications/${id}/documents`, body, contentType);
}

/** A complete application from an organization in mainland China, ready to submit. */
async function readyApplication(h: TestHerald, client: ConsoleClient, name: string, opts: { type?: string; subject?: string } = {}) {
  const started = await client.post('/console/api/registration/applications', { account_type: opts.type ?? 'service', subject_type: opts.subject ?? 'enterprise', confirm_permanent: true });
  expect(started.status, started.body).toBe(201);
  const id = (started.json.application as Json).application_id as string;
  const saved = await client.put(`/console/api/registration/applications/${id}`, {
    operating_region: 'CN',
    registration_jurisdiction: 'CN',
    name,
    wechat_id: `wx_${unique()}`,
    description: 'News and events of the bookshop.',
  });
  expect(saved.status, saved.body).toBe(200);
  expect((await upload(h, client, id, 'business_registration', GOOD_SCAN)).status).toBe(201);
  expect((await upload(h, client, id, 'admin_id', PDF, 'passport.pdf')).status).toBe(201);
  return id;
}

describeEachDb('sign-up and registration', (kind) => {
  let h: TestHerald;
  let admin: ConsoleClient;
  let adminEmail: string;
  beforeAll(async () => {
    h = await startTestHerald(kind);
    const reviewer = await signedInOperator(h.app, h.services, { platformAdmin: true });
    admin = reviewer.client;
    adminEmail = reviewer.op.email;
  }, 240_000);
  afterAll(async () => {
    await h?.close();
  });

  it('signs up with an email verified by a link that works once', async () => {
    const email = `new-${unique()}@example.com`;
    const res = await post(h, '/console/api/signup', { email, password: 'a-good-password' }, '10.1.0.1');
    expect(res.statusCode).toBe(202);
    // No session until the email is verified.
    expect((await post(h, '/console/api/login', { email, password: 'a-good-password' })).statusCode).toBe(401);
    const mail = await lastMailTo(h, email);
    expect(mail).toMatchObject({ kind: 'signup_verify', to: email, status: 'kept' });
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mail!.body as string)![1];
    const ok = await post(h, '/console/api/signup/verify', { token });
    expect(ok.json()).toEqual({ email });
    const again = await post(h, '/console/api/signup/verify', { token });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('link_used');
    const client = await signIn(h.app, email, 'a-good-password');
    const me = await client.get('/console/api/me');
    expect(me.json).toMatchObject({ operator: { email, role: 'owner', platform_admin: false } });
  });

  it('answers a sign-up with an email in use exactly like a new one, and mails the owner instead', async () => {
    const email = `dup-${unique()}@example.com`;
    await signUpAndVerify(h, email);
    const res = await post(h, '/console/api/signup', { email: email.toUpperCase(), password: 'another-password' }, '10.1.0.2');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ email: email.toUpperCase(), link_hours: 48 });
    const mail = await lastMailTo(h, email);
    expect(mail).toMatchObject({ kind: 'signup_exists' });
    expect(mail!.body).not.toContain('token=');
  });

  it('expires a link on the platform clock, and a newer sign-up replaces an older link', async () => {
    const email = `exp-${unique()}@example.com`;
    await post(h, '/console/api/signup', { email, password: 'a-good-password' }, '10.1.0.3');
    const first = /token=([A-Za-z0-9_-]{43})/.exec((await lastMailTo(h, email))!.body as string)![1];
    await post(h, '/console/api/signup', { email, password: 'a-good-password' }, '10.1.0.3');
    const second = /token=([A-Za-z0-9_-]{43})/.exec((await lastMailTo(h, email))!.body as string)![1];
    expect(second).not.toBe(first);
    expect((await post(h, '/console/api/signup/verify', { token: first })).json().error.code).toBe('link_invalid');
    const offset = h.services.clock.offsetMs();
    h.services.clock.advance(49 * 3600_000);
    try {
      const res = await post(h, '/console/api/signup/verify', { token: second });
      expect(res.statusCode).toBe(410);
      expect(res.json().error.code).toBe('link_expired');
    } finally {
      h.services.clock.setOffset(offset);
    }
  });

  it('throttles sign-ups per address and per email', { timeout: 120_000 }, async () => {
    const ip = '10.2.0.1';
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await post(h, '/console/api/signup', { email: `t${i}-${unique()}@example.com`, password: 'a-good-password' }, ip)).statusCode);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(codes.slice(10)).toEqual([429, 429]);
    const email = `flood-${unique()}@example.com`;
    const perEmail: number[] = [];
    for (let i = 0; i < 4; i++) perEmail.push((await post(h, '/console/api/signup', { email, password: 'a-good-password' }, `10.3.0.${i}`)).statusCode);
    expect(perEmail).toEqual([202, 202, 202, 429]);
  });

  it('refuses malformed and hostile sign-ups and verifications with a clear 4xx', { timeout: 120_000 }, async () => {
    const cases: Array<[unknown, string]> = [
      [{ email: 'not-an-email', password: 'a-good-password' }, 'invalid_email'],
      [{ email: 'a\u0000b@example.com', password: 'a-good-password' }, 'invalid_request'],
      [{ email: `x\r\nBcc: v@example.com@example.com`, password: 'a-good-password' }, 'invalid_request'],
      [{ email: `${'a'.repeat(300)}@example.com`, password: 'a-good-password' }, 'invalid_request'],
      [{ email: 'short@example.com', password: 'short' }, 'weak_password'],
      [{ email: 'long@example.com', password: 'p'.repeat(2000) }, 'invalid_request'],
      [{ email: ['a@example.com'], password: 'a-good-password' }, 'invalid_request'],
    ];
    for (const [i, [body, code]] of cases.entries()) {
      const res = await post(h, '/console/api/signup', body, `10.4.0.${i}`);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code, JSON.stringify(body).slice(0, 80)).toBe(code);
    }
    for (const token of ['', 'x', 'a'.repeat(43), '../../etc/passwd', 'a'.repeat(500), "' or 1=1 --"]) {
      const res = await post(h, '/console/api/signup/verify', { token }, '10.5.0.1');
      expect(res.statusCode, token.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    for (const raw of ['', 'null', '[1]', '{"email":', '{"token":{"$ne":""}}']) {
      for (const url of ['/console/api/signup', '/console/api/signup/verify']) {
        const res = await h.app.inject({ method: 'POST', url, remoteAddress: '10.6.0.1', headers: { 'content-type': 'application/json' }, payload: raw });
        expect(res.statusCode, `${url} ${raw}`).toBe(400);
      }
    }
  });

  it('registers: type first and permanent, review, rejection with reasons, resubmission, approval', { timeout: 120_000 }, async () => {
    const applicantEmail = `shop-${unique()}@example.com`;
    const client = await signUpAndVerify(h, applicantEmail);
    // The type must be confirmed as permanent; individuals get subscription accounts only.
    expect((await client.post('/console/api/registration/applications', { account_type: 'service', subject_type: 'enterprise', confirm_permanent: false })).json.error?.code).toBe('confirm_permanent');
    expect((await client.post('/console/api/registration/applications', { account_type: 'service', subject_type: 'individual', confirm_permanent: true })).json.error?.code).toBe('individual_subscription_only');
    const name = `山海书店${unique()}`;
    const id = await readyApplication(h, client, name);
    expect(id).toMatch(/^R\d{8}-[0-9A-Z]{6}$/);
    // No route changes the type.
    expect((await client.put(`/console/api/registration/applications/${id}`, { account_type: 'subscription' })).status).toBe(400);

    const submitted = await client.post(`/console/api/registration/applications/${id}/submit`);
    expect(submitted.status, submitted.body).toBe(200);
    const app = submitted.json.application as Json;
    expect(app).toMatchObject({ application_id: id, status: 'in_review', account_type: 'service', appid: null, submissions: 1 });
    expect(Date.parse(app.due_at as string)).toBeGreaterThan(Date.parse(app.submitted_at as string) + 7 * 86_400_000);
    // While in review: no account exists to broadcast from or to find, and the form is locked.
    expect(((await client.get('/console/api/accounts')).json.accounts as Json[]).length).toBe(0);
    expect((await client.put(`/console/api/registration/applications/${id}`, { name: 'Other' })).status).toBe(409);
    expect((await upload(h, client, id, 'admin_id', GOOD_SCAN)).status).toBe(409);

    // The queue shows it with its due date; the reviewer sees the documents.
    const queue = (await admin.get('/console/api/admin/registrations')).json.queue as Json[];
    expect(queue.find((q) => q.application_id === id)).toMatchObject({ status: 'in_review', name });
    const review = (await admin.get(`/console/api/admin/registrations/${id}`)).json.application as Json;
    expect(review).toMatchObject({ applicant_email: applicantEmail, checks: [] });
    expect((review.documents as Json[]).map((d) => d.kind).sort()).toEqual(['admin_id', 'business_registration']);
    const doc = (review.documents as Json[]).find((d) => d.kind === 'admin_id')!;
    const file = await h.app.inject({ method: 'GET', url: `/console/api/admin/registrations/${id}/documents/${doc.id}`, headers: { cookie: `herald_session=${admin.cookie}` } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(file.rawPayload.equals(PDF)).toBe(true);

    // Rejected with two of the seed's reasons and a note: mailed, and shown to the applicant.
    const rejected = await admin.post(`/console/api/admin/registrations/${id}/decision`, { decision: 'reject', reasons: ['low_quality_scan', 'document_inconsistency'], note: 'The licence number differs from the form.' });
    expect(rejected.status, rejected.body).toBe(200);
    const rejectMail = await lastMailTo(h, applicantEmail);
    expect(rejectMail).toMatchObject({ kind: 'registration_rejected' });
    expect(rejectMail!.body).toContain(id);
    expect(rejectMail!.body).toContain('Low-quality scans');
    expect(rejectMail!.body).toContain('The licence number differs from the form.');
    const seen = (await client.get(`/console/api/registration/applications/${id}`)).json.application as Json;
    expect(seen.status).toBe('rejected');
    expect(seen.decisions).toEqual([expect.objectContaining({ decision: 'rejected', reasons: ['low_quality_scan', 'document_inconsistency'], note: 'The licence number differs from the form.' })]);

    // Corrected and resubmitted, then approved: the account opens in the organization.
    expect((await upload(h, client, id, 'business_registration', GOOD_SCAN, 'licence-v2.png')).status).toBe(201);
    const again = await client.post(`/console/api/registration/applications/${id}/submit`);
    expect(again.json.application).toMatchObject({ status: 'in_review', submissions: 2 });
    const approved = await admin.post(`/console/api/admin/registrations/${id}/decision`, { decision: 'approve', reasons: [], note: '' });
    expect(approved.status, approved.body).toBe(200);
    const appid = (approved.json.application as Json).appid as string;
    expect(appid).toMatch(/^wx[0-9a-f]{16}$/);
    const accounts = (await client.get('/console/api/accounts')).json.accounts as Json[];
    expect(accounts).toEqual([expect.objectContaining({ appid, name, type: 'service', verified: false })]);
    expect(await lastMailTo(h, applicantEmail)).toMatchObject({ kind: 'registration_approved' });
    // Decided once: a second decision is refused.
    expect((await admin.post(`/console/api/admin/registrations/${id}/decision`, { decision: 'reject', reasons: ['low_quality_scan'] })).status).toBe(409);
  });

  it('takes an appeal citing the application ID, due in three business days', { timeout: 120_000 }, async () => {
    const client = await signUpAndVerify(h, `appeal-${unique()}@example.com`);
    const id = await readyApplication(h, client, `Appeal Shop ${unique()}`);
    await client.post(`/console/api/registration/applications/${id}/submit`);
    // Not yet rejected: nothing to appeal.
    expect((await client.post('/console/api/registration/appeals', { application_id: id, text: 'Please look again at it.' })).status).toBe(409);
    await admin.post(`/console/api/admin/registrations/${id}/decision`, { decision: 'reject', reasons: ['mismatched_regional_data'], note: '' });
    for (const [body, code] of [
      [{ application_id: 'R00000000-XXXXXX', text: 'Please look again at it.' }, 'not_found'],
      [{ application_id: 'nonsense', text: 'Please look again at it.' }, 'invalid_application_id'],
      [{ application_id: id, text: 'short' }, 'appeal_length'],
      [{ application_id: id, text: 'x'.repeat(2500) }, 'appeal_length'],
      [{ application_id: id, text: 'bad \u0007 bell text here' }, 'invalid_request'],
    ] as const) {
      expect((await client.post('/console/api/registration/appeals', body)).json.error?.code, JSON.stringify(body).slice(0, 60)).toBe(code);
    }
    const appealed = await client.post('/console/api/registration/appeals', { application_id: id.toLowerCase(), text: 'The region is right: we operate where we are registered.' });
    expect(appealed.status, appealed.body).toBe(200);
    const app = appealed.json.application as Json;
    expect(app.status).toBe('appealed');
    const filed = Date.parse(app.appealed_at as string);
    const due = Date.parse(app.due_at as string);
    expect(due - filed).toBeGreaterThanOrEqual(3 * 86_400_000 - 86_400_000);
    expect(due - filed).toBeLessThan(14 * 86_400_000);
    const queue = (await admin.get('/console/api/admin/registrations')).json.queue as Json[];
    expect(queue.find((q) => q.application_id === id)).toMatchObject({ status: 'appealed' });
    const decided = await admin.post(`/console/api/admin/registrations/${id}/decision`, { decision: 'approve', reasons: [], note: 'Appeal upheld.' });
    expect(((decided.json.application as Json).decisions as Json[])[0]).toMatchObject({ decision: 'approved', on_appeal: true });
  });

  it('caps accounts per email at submission (one by default); a rejected application does not count', { timeout: 120_000 }, async () => {
    const client = await signUpAndVerify(h, `cap-${unique()}@example.com`);
    const first = await readyApplication(h, client, `Cap One ${unique()}`);
    expect((await client.post(`/console/api/registration/applications/${first}/submit`)).status).toBe(200);
    const second = await readyApplication(h, client, `Cap Two ${unique()}`);
    const refused = await client.post(`/console/api/registration/applications/${second}/submit`);
    expect([refused.status, refused.json.error?.code, refused.json.error?.details]).toEqual([409, 'registration_cap_reached', { cap: 'email', limit: 1 }]);
    expect(((await client.get(`/console/api/registration/applications/${second}`)).json.application as Json).status).toBe('draft');
    // Once the first is rejected it no longer counts; resubmitting it is then refused in turn.
    await admin.post(`/console/api/admin/registrations/${first}/decision`, { decision: 'reject', reasons: ['document_inconsistency'], note: '' });
    expect((await client.post(`/console/api/registration/applications/${second}/submit`)).status).toBe(200);
    expect((await client.post(`/console/api/registration/applications/${first}/submit`)).json.error?.code).toBe('registration_cap_reached');
  });

  it('caps accounts per organization as configured: individuals are no organization', { timeout: 180_000 }, async () => {
    const capped = await startTestHerald(kind, { env: { HERALD_REGISTRATION_CAP_EMAIL: '3', HERALD_REGISTRATION_CAP_ORGANIZATION: '2' } });
    try {
      const client = await signUpAndVerify(capped, `org-cap-${unique()}@example.com`);
      const submit = (id: string) => client.post(`/console/api/registration/applications/${id}/submit`);
      for (let i = 0; i < 2; i++) expect((await submit(await readyApplication(capped, client, `Org Cap ${i} ${unique()}`))).status).toBe(200);
      const third = await submit(await readyApplication(capped, client, `Org Cap 3 ${unique()}`));
      expect([third.status, third.json.error?.details]).toEqual([409, { cap: 'organization', limit: 2 }]);
      // An individual's account counts against the email only.
      const mine = await submit(await readyApplication(capped, client, `Own Cap ${unique()}`, { type: 'subscription', subject: 'individual' }));
      expect(mine.status, mine.body).toBe(200);
      const more = await submit(await readyApplication(capped, client, `Own Cap 2 ${unique()}`, { type: 'subscription', subject: 'individual' }));
      expect([more.status, more.json.error?.details]).toEqual([409, { cap: 'email', limit: 3 }]);
    } finally {
      await capped.close();
    }
  });

  it('gives the reviewer processing times: median and 90th percentile by region and subject type', { timeout: 180_000 }, async () => {
    // Three New Zealand businesses (service accounts with their overseas entity), decided 10, 20 and 30 hours after submission.
    for (const hours of [10, 20, 30]) {
      const client = await signUpAndVerify(h, `stats-${hours}-${unique()}@example.com`);
      const id = await readyApplication(h, client, `Kiwi ${hours} ${unique()}`);
      await client.put(`/console/api/registration/applications/${id}`, { operating_region: 'NZ', registration_jurisdiction: 'NZ' });
      expect((await client.post(`/console/api/registration/applications/${id}/submit`)).status).toBe(200);
      await h.services.db.update(registrationApplications).set({ submittedAt: new Date(h.services.clock.nowMs() - hours * 3_600_000) }).where(eq(registrationApplications.applicationId, id));
      const decision = hours === 20 ? { decision: 'reject', reasons: ['low_quality_scan'], note: '' } : { decision: 'approve', reasons: [], note: '' };
      expect((await admin.post(`/console/api/admin/registrations/${id}/decision`, decision)).status).toBe(200);
    }
    const res = await admin.get('/console/api/admin/registrations/statistics');
    expect(res.status, res.body).toBe(200);
    const nz = (res.json.statistics as Json[]).find((r) => r.region === 'NZ' && r.subject_type === 'enterprise');
    expect(nz).toMatchObject({ decided: 3 });
    // percentile_cont over 10 h, 20 h, 30 h: the median is 20 h, the 90th percentile 28 h (within a minute of test time).
    expect(Math.abs((nz!.median_seconds as number) - 20 * 3600)).toBeLessThan(60);
    expect(Math.abs((nz!.p90_seconds as number) - 28 * 3600)).toBeLessThan(60);
    // Reviewers only.
    const applicant = await signUpAndVerify(h, `stats-peek-${unique()}@example.com`);
    expect((await applicant.get('/console/api/admin/registrations/statistics')).status).toBe(403);
  });

  it('mails the reviewers once when an appeal is due within a day', { timeout: 120_000 }, async () => {
    const client = await signUpAndVerify(h, `remind-${unique()}@example.com`);
    const id = await readyApplication(h, client, `Remind Shop ${unique()}`);
    await client.post(`/console/api/registration/applications/${id}/submit`);
    await admin.post(`/console/api/admin/registrations/${id}/decision`, { decision: 'reject', reasons: ['document_inconsistency'], note: '' });
    expect((await client.post('/console/api/registration/appeals', { application_id: id, text: 'The documents match: please look again.' })).status).toBe(200);
    const reminders = async () => ((await h.app.inject({ method: 'GET', url: `/console/api/mail/outbox?to=${encodeURIComponent(adminEmail)}` })).json() as { mail: Json[] }).mail.filter((m) => m.kind === 'registration_appeal_due' && String(m.subject).includes(id));
    // Due in three business days: nothing yet.
    await remindAppealsDue(h.services);
    expect(await reminders()).toEqual([]);
    // Due in two hours: one reminder, however often the schedule runs.
    await h.services.db.update(registrationApplications).set({ dueAt: new Date(h.services.clock.nowMs() + 2 * 3_600_000) }).where(eq(registrationApplications.applicationId, id));
    // (The schedule may run too: the count below holds either way.)
    await remindAppealsDue(h.services);
    await remindAppealsDue(h.services);
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toContain('/console/admin/registrations');
    // Decided, it is no longer reminded.
    await admin.post(`/console/api/admin/registrations/${id}/decision`, { decision: 'approve', reasons: [], note: '' });
    await remindAppealsDue(h.services);
    expect(await reminders()).toHaveLength(1);
  });

  it('keeps names unique platform-wide and applies the foreign-entity rules at submission', { timeout: 120_000 }, async () => {
    const existing = await makeAccount(h.services, { name: `Taken Name ${unique()}` });
    const client = await signUpAndVerify(h, `rules-${unique()}@example.com`);
    const started = await client.post('/console/api/registration/applications', { account_type: 'subscription', subject_type: 'enterprise', confirm_permanent: true });
    const id = (started.json.application as Json).application_id as string;
    const taken = await client.put(`/console/api/registration/applications/${id}`, { name: existing.account.name.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.json.error?.code).toBe('name_taken');
    const other = await signUpAndVerify(h, `rules2-${unique()}@example.com`);
    const name = `Open Name ${unique()}`;
    await readyApplication(h, other, name);
    expect((await client.put(`/console/api/registration/applications/${id}`, { name: name.toLowerCase() })).json.error?.code).toBe('name_taken');

    // A German business: a subscription account needs a Chinese licence.
    await client.put(`/console/api/registration/applications/${id}`, { operating_region: 'DE', registration_jurisdiction: 'DE', name: `Berlin ${unique()}`, description: 'Books from Berlin.' });
    await upload(h, client, id, 'business_registration', GOOD_SCAN);
    await upload(h, client, id, 'admin_id', GOOD_SCAN);
    const refused = await client.post(`/console/api/registration/applications/${id}/submit`);
    expect(refused.status).toBe(400);
    expect(refused.json.error?.code).toBe('application_incomplete');
    expect((refused.json.error!.details as Json).fields).toEqual([expect.objectContaining({ path: 'account_type', code: 'foreign_subscription_needs_licence' })]);
    await client.put(`/console/api/registration/applications/${id}`, { chinese_licence: true });
    const ok = await client.post(`/console/api/registration/applications/${id}/submit`);
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json.application).toMatchObject({ overseas_entity: false, mainland_visible: true });

    // A German business's service account in another region is refused; in its own, visible outside the mainland only.
    // (Another applicant: one email registers one account.)
    const foreign = await signUpAndVerify(h, `rules3-${unique()}@example.com`);
    const svc = await foreign.post('/console/api/registration/applications', { account_type: 'service', subject_type: 'enterprise', confirm_permanent: true });
    const sid = (svc.json.application as Json).application_id as string;
    await foreign.put(`/console/api/registration/applications/${sid}`, { operating_region: 'CN', registration_jurisdiction: 'DE', name: `Munich ${unique()}`, description: 'Books from Munich.' });
    await upload(h, foreign, sid, 'business_registration', pngOf(400, 300));
    await upload(h, foreign, sid, 'admin_id', GOOD_SCAN);
    expect(((await foreign.post(`/console/api/registration/applications/${sid}/submit`)).json.error!.details as Json).fields).toEqual([expect.objectContaining({ code: 'region_jurisdiction_mismatch' })]);
    await foreign.put(`/console/api/registration/applications/${sid}`, { operating_region: 'DE' });
    const svcOk = await foreign.post(`/console/api/registration/applications/${sid}/submit`);
    expect(svcOk.json.application).toMatchObject({ status: 'in_review', overseas_entity: true, mainland_visible: false });
    // The reviewer sees the automatic check on the small scan.
    const review = (await admin.get(`/console/api/admin/registrations/${sid}`)).json.application as Json;
    expect(review.checks).toEqual([expect.objectContaining({ code: 'low_quality_scan' })]);
    expect(LOW_QUALITY_MIN_PX).toBe(600);

    // Approved, the overseas entity's service account is hidden from mainland China; the licensed one is not.
    const opened = await admin.post(`/console/api/admin/registrations/${sid}/decision`, { decision: 'approve', reasons: [], note: '' });
    expect(opened.status, opened.body).toBe(200);
    expect((await findAccountByAppid(h.services.db, (opened.json.application as Json).appid as string))?.mainlandVisible).toBe(false);
    const licensed = await admin.post(`/console/api/admin/registrations/${id}/decision`, { decision: 'approve', reasons: [], note: '' });
    expect(licensed.status, licensed.body).toBe(200);
    expect((await findAccountByAppid(h.services.db, (licensed.json.application as Json).appid as string))?.mainlandVisible).toBe(true);
  });

  it('checks documents by their bytes and size, and keeps them to the organization', { timeout: 120_000 }, async () => {
    const client = await signUpAndVerify(h, `docs-${unique()}@example.com`);
    const started = await client.post('/console/api/registration/applications', { account_type: 'service', subject_type: 'media', confirm_permanent: true });
    const id = (started.json.application as Json).application_id as string;
    const html = await upload(h, client, id, 'admin_id', Buffer.from('<html><script>alert(1)</script></html>'), 'scan.png');
    expect(html).toMatchObject({ status: 415, json: { error: { code: 'document_type' } } });
    expect((await upload(h, client, id, 'admin_id', Buffer.from('GIF89a....'), 'x.gif')).json.error.code).toBe('document_type');
    const huge = Buffer.concat([GOOD_SCAN, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await upload(h, client, id, 'admin_id', huge)).status).toBe(413);
    expect((await upload(h, client, id, 'passport_of_someone', GOOD_SCAN)).json.error.code).toBe('invalid_document_kind');
    expect((await upload(h, client, id, 'admin_id', Buffer.alloc(0))).status).toBe(400);
    const notMultipart = await h.app.inject({ method: 'POST', url: `/console/api/registration/applications/${id}/documents`, headers: { cookie: `herald_session=${client.cookie}`, 'x-csrf-token': client.csrf, 'content-type': 'application/json' }, payload: '{"kind":"admin_id"}' });
    expect(notMultipart.statusCode).toBe(415);
    const ok = await upload(h, client, id, 'admin_id', GOOD_SCAN, '../../护照<script>.png');
    expect(ok.status).toBe(201);
    expect(ok.json.document).toMatchObject({ kind: 'admin_id', content_type: 'image/png', filename: '护照script.png', width: 1600, height: 1200, low_quality: false });

    // Another organization sees neither the application nor its documents; a non-admin gets no queue.
    const stranger = await signUpAndVerify(h, `stranger-${unique()}@example.com`);
    expect((await stranger.get(`/console/api/registration/applications/${id}`)).status).toBe(404);
    expect((await stranger.get(`/console/api/registration/applications/${id}/documents/${(ok.json.document as Json).id}`)).status).toBe(404);
    expect((await upload(h, stranger, id, 'admin_id', GOOD_SCAN)).status).toBe(404);
    expect((await stranger.get('/console/api/admin/registrations')).status).toBe(403);
    expect((await stranger.post(`/console/api/admin/registrations/${id}/decision`, { decision: 'approve' })).status).toBe(403);
    for (const bad of ['x', '../../etc', `${id}%00`, 'R20261207-ABCDEFG', "R1' or '1'='1"]) {
      expect((await client.get(`/console/api/registration/applications/${encodeURIComponent(bad)}`)).status, bad).toBe(404);
      expect((await admin.get(`/console/api/admin/registrations/${encodeURIComponent(bad)}`)).status, bad).toBe(404);
    }
    expect((await client.get(`/console/api/registration/applications/${id}/documents/not-a-uuid`)).status).toBe(404);
  });

  it('refuses hostile bodies on every write route', { timeout: 120_000 }, async () => {
    const client = await signUpAndVerify(h, `hostile-${unique()}@example.com`);
    const started = await client.post('/console/api/registration/applications', { account_type: 'service', subject_type: 'enterprise', confirm_permanent: true });
    const id = (started.json.application as Json).application_id as string;
    await expectHostileBodiesRefused(client, 'POST', '/console/api/registration/applications');
    await expectHostileBodiesRefused(client, 'PUT', `/console/api/registration/applications/${id}`);
    await expectHostileBodiesRefused(client, 'POST', '/console/api/registration/appeals');
    await expectHostileBodiesRefused(client, 'POST', '/console/api/signup');
    await expectHostileBodiesRefused(client, 'POST', '/console/api/signup/verify');
    await expectHostileBodiesRefused(admin, 'POST', `/console/api/admin/registrations/${id}/decision`);
    for (const body of [
      { name: 'a\u0000b' },
      { name: '\ud800' },
      { description: 'x'.repeat(5000) },
      { operating_region: 'ZZ' },
      { registration_jurisdiction: "CN'; drop table accounts; --" },
      { chinese_licence: 'yes' },
      { unknown_field: 1 },
    ]) {
      const r = await client.put(`/console/api/registration/applications/${id}`, body);
      expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.status, JSON.stringify(body)).toBeLessThan(500);
    }
    for (const body of [{ decision: 'reject', reasons: [] }, { decision: 'reject', reasons: ['because'] }, { decision: 'maybe' }, { decision: 'reject', reasons: Array(50).fill('low_quality_scan') }]) {
      const r = await admin.post(`/console/api/admin/registrations/${id}/decision`, body);
      expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.status, JSON.stringify(body)).toBeLessThan(500);
    }
    // An agent may read but not apply.
    const agent = await signedInOperator(h.app, h.services, { role: 'agent' });
    expect((await agent.client.post('/console/api/registration/applications', { account_type: 'service', subject_type: 'enterprise', confirm_permanent: true })).status).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/console/api/registration/applications' })).statusCode).toBe(401);
  });
});
