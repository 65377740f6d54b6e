import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test/wait.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../../test/consoleFixtures.js';
import { addFollowers } from '../../../../test/factories/audience.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { broadcastBatches, broadcasts } from '../schema.js';
import { addTagMembers, insertTag } from '../../followers/store/tags.js';
import { chinaDay, chinaMonth, nextChinaDayStart } from '../../../platform/clock.js';
import { consolePushError, PUSH_WORDING } from './broadcastErrors.js';
import { DomainError } from '../../../platform/errors.js';
import { refusal } from '../../../protocol/errcodes.js';

const api = (appid: string, rest = '') => `/console/api/accounts/${appid}/broadcasts${rest}`;

type Push = { msg_id: number; status: string; counts: { total: number; filtered: number; sent: number; errors: number }; can_cancel: boolean; summary: string; audience: Record<string, unknown> };

describeEachDb('console push posts', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  async function setup(type: 'subscription' | 'service', followers = 3) {
    const { op, client } = await signedInOperator(h.app, h.services);
    const made = await makeAccount(h.services, { orgId: op.orgId, type });
    const fans = await addFollowers(h.database, made.account.id, followers);
    return { client, op, appid: made.appid, account: made.account, fans };
  }

  it('sends a text push to all followers, counts it against the daily quota and refuses a second with the next possible time', async () => {
    const { client, appid } = await setup('subscription', 3);
    const q0 = await client.get(api(appid, '/quota'));
    expect(q0.status).toBe(200);
    expect(q0.json.quota).toMatchObject({ account_type: 'subscription', period: 'day', used: 0, limit: 1, remaining: 1, next_available_at: null });

    const sent = await client.post(api(appid), { msgtype: 'text', content: 'Good morning, readers!', audience: { kind: 'all' } });
    expect(sent.status).toBe(201);
    const push = sent.json.push as Push;
    expect(push).toMatchObject({ summary: 'Good morning, readers!', audience: { kind: 'all' }, can_cancel: false });
    expect(['queued', 'sending', 'done']).toContain(push.status);

    const done = await waitFor(() => client.get(api(appid, `/${push.msg_id}`)), (r) => (r.json.push as Push)?.status === 'done');
    expect((done.json.push as Push).counts).toEqual({ total: 3, filtered: 3, filtered_out: 0, sent: 3, errors: 0 });

    const list = await client.get(api(appid));
    expect(list.status).toBe(200);
    expect((list.json.pushes as Push[]).map((p) => p.msg_id)).toEqual([push.msg_id]);

    const q1 = (await client.get(api(appid, '/quota'))).json.quota as Record<string, unknown>;
    const next = new Date(nextChinaDayStart(h.services.clock.nowMs())).toISOString();
    expect(q1).toMatchObject({ used: 1, remaining: 0, next_available_at: next });

    const again = await client.post(api(appid), { msgtype: 'text', content: 'One more', audience: { kind: 'all' } });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'push_quota_exceeded', details: { next_available_at: next } });
  });

  it('blocks a post with a prohibited term, naming the category and the passage, and records the violation', async () => {
    const { client, appid } = await setup('service', 2);
    const res = await client.post(api(appid), { msgtype: 'text', content: 'Big news today: join the best online casino in town and win!', audience: { kind: 'all' } });
    expect(res.status).toBe(422);
    expect(res.json.error?.code).toBe('content_blocked');
    const d = res.json.error?.details as Record<string, unknown>;
    expect(d).toMatchObject({ category: 'gambling', category_label: 'Gambling or illegal activity', term: 'online casino', article_idx: null });
    expect(String(d.passage)).toContain('online casino');
    const violations = await client.get(`/console/api/accounts/${appid}/violations`);
    expect((violations.json.violations as Array<{ category: string }>)[0]).toMatchObject({ category: 'gambling', action: 'broadcast' });
    // Nothing was created and nothing was counted.
    expect((await client.get(api(appid))).json.pushes).toEqual([]);
    expect(((await client.get(api(appid, '/quota'))).json.quota as { used: number }).used).toBe(0);
  });

  it('schedules a push in China time and cancels it before it starts; it stops counting', async () => {
    const { client, appid } = await setup('service', 1);
    const at = new Date(h.services.clock.nowMs() + 3600_000);
    const res = await client.post(api(appid), { msgtype: 'text', content: 'Later', audience: { kind: 'all' }, scheduledAt: at.toISOString() });
    expect(res.status).toBe(201);
    const push = res.json.push as Push & { scheduled_at: string };
    expect(push).toMatchObject({ status: 'scheduled', can_cancel: true, scheduled_at: at.toISOString() });
    expect(((await client.get(api(appid, '/quota'))).json.quota as { used: number }).used).toBe(1);

    const cancelled = await client.post(api(appid, `/${push.msg_id}/cancel`));
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.push).toMatchObject({ status: 'cancelled', can_cancel: false });
    expect(((await client.get(api(appid, '/quota'))).json.quota as { used: number }).used).toBe(0);

    const twice = await client.post(api(appid, `/${push.msg_id}/cancel`));
    expect(twice.status).toBe(409);
    expect(twice.json.error?.code).toBe('not_cancellable');
  });

  it('refuses to cancel a push that is not scheduled', async () => {
    const { client, appid } = await setup('service', 1);
    const res = await client.post(api(appid), { msgtype: 'text', content: 'Now', audience: { kind: 'all' } });
    const id = (res.json.push as Push).msg_id;
    const cancel = await client.post(api(appid, `/${id}/cancel`));
    expect(cancel.status).toBe(409);
    expect(cancel.json.error?.code).toBe('not_cancellable');
  });

  it('pushes a draft; a reprint asks for confirmation, and a forbidden reprint is refused', async () => {
    const { client, account, appid } = await setup('service', 2);
    const other = await makeAccount(h.services);
    const { article: open } = await makePublishedArticle(h.services.db, { accountId: other.account.id, title: 'Open original', original: true, canReprint: true });
    const { article: closed } = await makePublishedArticle(h.services.db, { accountId: other.account.id, title: 'Closed original', original: true, canReprint: false });
    const { group: own } = await makePublishedArticle(h.services.db, { accountId: account.id, published: false, state: 'draft', title: 'Our own story' });
    const { group: reprint } = await makePublishedArticle(h.services.db, { accountId: account.id, published: false, state: 'draft', title: 'Reposted', reprintOf: open.id });
    const { group: forbidden } = await makePublishedArticle(h.services.db, { accountId: account.id, published: false, state: 'draft', title: 'Reposted too', reprintOf: closed.id });

    const sent = await client.post(api(appid), { msgtype: 'mpnews', draftId: own.id, audience: { kind: 'all' } });
    expect(sent.status).toBe(201);
    expect(sent.json.push).toMatchObject({ msgtype: 'mpnews', summary: 'Our own story', media_id: own.id });

    const ask = await client.post(api(appid), { msgtype: 'mpnews', draftId: reprint.id, audience: { kind: 'all' } });
    expect(ask.status).toBe(409);
    expect(ask.json.error?.code).toBe('reprint_confirm');
    const anyway = await client.post(api(appid), { msgtype: 'mpnews', draftId: reprint.id, audience: { kind: 'all' }, sendIgnoreReprint: true });
    expect(anyway.status).toBe(201);
    expect(anyway.json.push).toMatchObject({ summary: 'Reposted' });

    const refused = await client.post(api(appid), { msgtype: 'mpnews', draftId: forbidden.id, audience: { kind: 'all' }, sendIgnoreReprint: true });
    expect(refused.status).toBe(422);
    expect(refused.json.error?.code).toBe('reprint_forbidden');
  });

  it('refuses schedules closer than 5 minutes or further than 7 days', async () => {
    const { client, appid } = await setup('service', 1);
    const now = h.services.clock.nowMs();
    for (const at of [now - 60_000, now + 60_000, now + 8 * 86_400_000]) {
      const res = await client.post(api(appid), { msgtype: 'text', content: 'x', audience: { kind: 'all' }, scheduledAt: new Date(at).toISOString() });
      expect(res.status).toBe(400);
      expect(res.json.error?.code).toBe('invalid_request');
    }
  });

  it('shows live counts summed from the committed batches while a push is sending', async () => {
    const { client, account, appid } = await setup('service', 0);
    const now = new Date();
    const [row] = await h.services.db.insert(broadcasts).values({
      accountId: account.id, msgtype: 'text', payload: { content: 'Live' }, audience: { kind: 'all' }, status: 'sending',
      placement: 'chats', chinaDay: chinaDay(now.getTime()), chinaMonth: chinaMonth(now.getTime()), acceptedAt: now, startedAt: now, createdAt: now,
      // Held by another runner, so this one leaves it alone.
      lockedUntil: new Date(now.getTime() + 3600_000), lockedBy: 'elsewhere',
    }).returning();
    await h.services.db.insert(broadcastBatches).values([
      { broadcastId: row.id, batchNo: 1, afterOpenid: '', lastOpenid: 'm', considered: 100, filtered: 10, delivered: 90, createdAt: now },
      { broadcastId: row.id, batchNo: 2, afterOpenid: 'm', lastOpenid: 'z', considered: 50, filtered: 0, delivered: 48, createdAt: now },
    ]);
    const res = await client.get(api(appid, `/${row.id}`));
    expect(res.status).toBe(200);
    expect(res.json.push).toMatchObject({ status: 'sending', batches: 2, counts: { total: 150, filtered: 140, filtered_out: 10, sent: 138, errors: 2 } });
    const list = await client.get(api(appid));
    expect((list.json.pushes as Push[])[0].counts).toMatchObject({ total: 150, sent: 138 });
  });

  it('tells the audience size of all followers and of a tag, leaving unfollowers out', async () => {
    const { client, account, appid, fans } = await setup('service', 4);
    await addFollowers(h.database, account.id, 2, { subscribed: false });
    await insertTag(h.services.db, account.id, 100, 'VIP', new Date());
    await addTagMembers(h.services.db, account.id, 100, [fans[0].openid, fans[1].openid], new Date());
    expect((await client.get(api(appid, '/audience'))).json).toEqual({ tag_id: null, followers: 4 });
    expect((await client.get(api(appid, '/audience?tagId=100'))).json).toEqual({ tag_id: 100, followers: 2 });
    expect((await client.get(api(appid, '/audience?tagId=555'))).status).toBe(404);
  });

  describe('hostile and malformed input', () => {
    let client: ConsoleClient;
    let appid: string;
    beforeAll(async () => {
      ({ client, appid } = await setup('service', 1));
    });

    it('answers unknown, malformed and foreign ids with 404', async () => {
      for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999', '%00', '1%20OR%201=1', '999999']) {
        const res = await client.get(api(appid, `/${id}`));
        expect(res.status, id).toBe(404);
        const cancel = await client.post(api(appid, `/${id}/cancel`));
        expect(cancel.status, id).toBe(404);
      }
      const other = await signedInOperator(h.app, h.services);
      for (const path of ['', '/quota', '/audience', '/1']) expect((await other.client.get(api(appid, path))).status).toBe(404);
      expect((await other.client.post(api(appid), { msgtype: 'text', content: 'x', audience: { kind: 'all' } })).status).toBe(404);
      expect((await client.get(api('wx../../etc', '/quota'))).status).toBe(404);
    });

    it('refuses bad queries with 400', async () => {
      for (const q of ['?limit=0', '?limit=101', '?limit=abc', '?before=-1', '?before=1e400']) expect((await client.get(api(appid, q))).status, q).toBe(400);
      for (const q of ['?tagId=-1', '?tagId=abc', '?tagId=99999999999', '?tagId=1&tagId=2']) expect((await client.get(api(appid, `/audience${q}`))).status, q).toBe(400);
    });

    it('answers every malformed or hostile send with a 4xx and creates nothing', async () => {
      const bodies: unknown[] = [
        '', 'null', '[]', '"text"', '{"msgtype":', '{"a":1} x', `${'['.repeat(5000)}${']'.repeat(5000)}`,
        {},
        { msgtype: 'video', content: 'x', audience: { kind: 'all' } },
        { msgtype: 'text', audience: { kind: 'all' } },
        { msgtype: 'text', content: '   ', audience: { kind: 'all' } },
        { msgtype: 'text', content: 'x'.repeat(2001), audience: { kind: 'all' } },
        { msgtype: 'text', content: 'a\u0000b', audience: { kind: 'all' } },
        { msgtype: 'text', content: '\ud800', audience: { kind: 'all' } },
        { msgtype: 'text', content: 'x', audience: { kind: 'openids', openids: ['o1'] } },
        { msgtype: 'text', content: 'x', audience: { kind: 'tag' } },
        { msgtype: 'text', content: 'x', audience: { kind: 'tag', tagId: -1 } },
        { msgtype: 'text', content: 'x', audience: { kind: 'tag', tagId: 1e400 } },
        { msgtype: 'text', content: 'x', audience: { kind: 'tag', tagId: 4242 } },
        { msgtype: 'text', content: 'x', audience: 'all' },
        { msgtype: 'text', content: 'x', audience: { kind: 'all' }, scheduledAt: 'tomorrow' },
        { msgtype: 'text', content: 'x', audience: { kind: 'all' }, scheduledAt: 1_900_000_000 },
        { msgtype: 'text', content: 'x', audience: { kind: 'all' }, sendIgnoreReprint: 'yes' },
        { msgtype: 'mpnews', audience: { kind: 'all' } },
        { msgtype: 'mpnews', draftId: '../../etc/passwd', audience: { kind: 'all' } },
        { msgtype: 'mpnews', draftId: 'no-such-draft', audience: { kind: 'all' } },
        { msgtype: 'image', mediaId: 'no-such-image', audience: { kind: 'all' } },
        { msgtype: 'image', mediaId: 'x'.repeat(129), audience: { kind: 'all' } },
        { msgtype: ['text'], content: { $ne: '' }, audience: { kind: 'all' } },
        JSON.parse('{"__proto__":{"source":"api"},"msgtype":"text","content":"x","audience":{"kind":"all","__proto__":{"kind":"openids"}},"scheduledAt":"2001-01-01T00:00:00Z"}'),
      ];
      for (const body of bodies) {
        const res = await client.post(api(appid), body);
        expect(res.status, JSON.stringify(body)?.slice(0, 80)).toBeGreaterThanOrEqual(400);
        expect(res.status, JSON.stringify(body)?.slice(0, 80)).toBeLessThan(500);
        expect(res.json.error?.code, JSON.stringify(body)?.slice(0, 80)).toEqual(expect.any(String));
      }
      const huge = await client.post(api(appid), { msgtype: 'text', content: 'x'.repeat(70_000), audience: { kind: 'all' } });
      expect(huge.status).toBe(413);
      const form = await client.request('POST', api(appid), 'msgtype=text', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
      expect((await client.get(api(appid))).json.pushes).toEqual([]);
    });

    it('needs a session, and the CSRF header on writes', async () => {
      const anon = await h.app.inject({ method: 'GET', url: api(appid, '/quota') });
      expect(anon.statusCode).toBe(401);
      const noCsrf = await client.request('POST', api(appid), { msgtype: 'text', content: 'x', audience: { kind: 'all' } }, { 'x-csrf-token': '' });
      expect(noCsrf.status).toBe(403);
      const cancelNoCsrf = await client.request('POST', api(appid, '/1/cancel'), undefined, { 'x-csrf-token': 'wrong' });
      expect(cancelNoCsrf.status).toBe(403);
    });
  });
});

describe('consolePushError', () => {
  it('maps the sender refusals to the console codes', () => {
    const quota = consolePushError(new DomainError('rate_limited', 'x', { errcode: 45028, nextAvailableAt: '2026-11-25T16:00:00.000Z' })) as DomainError;
    expect(quota.code).toBe('push_quota_exceeded');
    expect(quota.details).toMatchObject({ next_available_at: '2026-11-25T16:00:00.000Z' });
    const blocked = consolePushError(new DomainError('content_blocked', 'x', { category: 'adult', categoryLabel: 'Adult content', passage: 'p', term: 't', articleIdx: 1 })) as DomainError;
    expect(blocked.details).toEqual({ category: 'adult', category_label: 'Adult content', passage: 'p', term: 't', article_idx: 1 });
    expect((consolePushError(new DomainError('reprint_blocked', 'Reprint.', { status: 'err(30003)' })) as DomainError).code).toBe('reprint_confirm');
    expect((consolePushError(new DomainError('reprint_blocked', 'Forbidden.', { status: 'err(30002)' })) as DomainError).code).toBe('reprint_forbidden');
    const wx = consolePushError(refusal(40007)) as DomainError;
    expect(wx).toBeInstanceOf(DomainError);
    expect(wx.code).toBe('invalid_request');
    const other = new Error('boom');
    expect(consolePushError(other)).toBe(other);
  });

  it('says every refusal in the words of its one table, keeping the errcode', () => {
    for (const [key, sentence] of Object.entries(PUSH_WORDING)) {
      if (!/^\d+$/.test(key)) continue;
      const errcode = Number(key);
      const bare = consolePushError(refusal(errcode)) as DomainError;
      expect(bare.message, key).toBe(sentence);
      if (errcode !== 45028) expect(bare.details, key).toEqual({ errcode });
    }
    const fromSender = consolePushError(new DomainError('invalid_request', 'generic', { errcode: 44003 })) as DomainError;
    expect(fromSender.message).toBe(PUSH_WORDING[44003]);
    expect((consolePushError(new DomainError('invalid_request', 'generic', { errcode: 48001 })) as DomainError).code).toBe('forbidden');
    expect((consolePushError(new DomainError('reprint_blocked', 'Reprint.', { status: 'err(30003)' })) as DomainError).message).toBe(PUSH_WORDING.reprint_blocked);
  });
});
