/**
 * Accepting push posts (sendBroadcast) and finishing them (finishBroadcast), in-process without
 * the fan-out runner (role web): quotas per account type across China day and month boundaries
 * with the emulator clock, scheduled posts, clientmsgid, moderation and the originality check for
 * the API and the console, and the finish counts and MASSSENDJOBFINISH.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { addFollowers } from '../../../../test/factories/audience.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { SystemClock } from '../../../platform/clock.js';
import { DomainError } from '../../../platform/errors.js';
import { accounts } from '../../accounts/schema.js';
import { articles, newsGroups } from '../../articles/schema.js';
import { broadcastBatches, broadcasts } from '../schema.js';
import { deliveries } from '../../callbacks/schema.js';
import { moderationViolations } from '../../moderation/schema.js';
import { sendBroadcast, massQuotaStatus, type SendBroadcastInput } from './broadcastSender.js';
import { finishBroadcast } from './broadcastFinisher.js';
import { previewBroadcast } from './broadcastPreviewer.js';
import { listBroadcastsWithCounts } from '../store/broadcasts.js';

/** Shanghai midnight is 16:00 UTC. */
const at = (iso: string) => new Date(iso).getTime();

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err, 'should have been refused').toBeInstanceOf(DomainError);
  return err as DomainError;
}

describeEachDb('sendBroadcast and finishBroadcast', (kind) => {
  let herald: TestHerald;
  const clock = new SystemClock({ adjustable: true });
  const setNow = (ms: number) => clock.setOffset(ms - Date.now());
  beforeAll(async () => {
    herald = await startTestHerald(kind, { clock, env: { HERALD_ROLE: 'web' } });
  });
  afterAll(async () => {
    await herald?.close();
  });

  const text = (accountId: string, extra: Partial<SendBroadcastInput> = {}): SendBroadcastInput => ({
    accountId,
    source: 'api',
    msgtype: 'text',
    payload: { content: 'Hello followers' },
    audience: { kind: 'all' },
    ...extra,
  });

  /** Points the account at a developer server (nothing listens: deliveries stay pending for inspection). */
  async function withServer(accountId: string) {
    await herald.services.db.update(accounts).set({ serverEnabled: true, serverUrl: 'http://127.0.0.1:9/wechat', serverToken: 'tok' }).where(eq(accounts.id, accountId));
  }
  const finishEvents = (accountId: string) =>
    herald.services.db.select().from(deliveries).where(sql`${deliveries.accountId} = ${accountId} and ${deliveries.label} = 'event:MASSSENDJOBFINISH'`);

  it('subscription accounts: one push post per China day; the console error says when the next is possible', async () => {
    const { account } = await makeAccount(herald.services, { type: 'subscription' });
    setNow(at('2026-03-10T15:58:00Z')); // 23:58 in Shanghai
    expect(await massQuotaStatus(herald.services, account.id)).toMatchObject({ type: 'subscription', period: 'day', used: 0, limit: 1, remaining: 1, nextAvailableAt: null });
    const first = await sendBroadcast(herald.services, text(account.id));
    expect(first.msgId).toBeGreaterThan(0);
    expect(first.msgDataId).toBeUndefined();
    const api = await refusal(sendBroadcast(herald.services, text(account.id)));
    expect(api.details).toMatchObject({ errcode: 45028, nextAvailableAt: '2026-03-10T16:00:00.000Z' });
    const consoleErr = await refusal(sendBroadcast(herald.services, text(account.id, { source: 'console' })));
    expect(consoleErr.code).toBe('rate_limited');
    expect(consoleErr.details?.nextAvailableAt).toBe('2026-03-10T16:00:00.000Z');
    expect(await massQuotaStatus(herald.services, account.id)).toMatchObject({ used: 1, remaining: 0, nextAvailableAt: new Date('2026-03-10T16:00:00Z') });
    // Midnight in Shanghai (16:00 UTC): a new day.
    clock.advance(3 * 60_000);
    expect(await massQuotaStatus(herald.services, account.id)).toMatchObject({ used: 0, remaining: 1 });
    await sendBroadcast(herald.services, text(account.id, { source: 'console' }));
    expect((await refusal(sendBroadcast(herald.services, text(account.id)))).details?.nextAvailableAt).toBe('2026-03-11T16:00:00.000Z');
  });

  it('service accounts: four a China month; openid-list API sends, previews and blocked posts do not count', async () => {
    const { account } = await makeAccount(herald.services, { type: 'service' });
    const [f1, f2] = await addFollowers(herald.database, account.id, 2);
    setNow(at('2026-03-01T00:30:00Z')); // 08:30 on 1 March in Shanghai
    for (let i = 0; i < 3; i++) {
      await sendBroadcast(herald.services, text(account.id, { audience: { kind: 'tag', tagId: 2 } }));
      clock.advance(86_400_000);
    }
    await sendBroadcast(herald.services, text(account.id, { audience: { kind: 'openids', openids: [f1.openid, f2.openid] } }));
    await previewBroadcast(herald.services, account, { target: { openid: f1.openid }, body: { msgtype: 'text', text: { content: 'preview' } }, source: 'api' });
    await sendBroadcast(herald.services, text(account.id, { payload: { content: 'join our online casino tonight' } }));
    expect(await massQuotaStatus(herald.services, account.id)).toMatchObject({ period: 'month', used: 3, remaining: 1 });
    // A console send to an openid list counts.
    await sendBroadcast(herald.services, text(account.id, { source: 'console', audience: { kind: 'openids', openids: [f1.openid, f2.openid] } }));
    const over = await refusal(sendBroadcast(herald.services, text(account.id)));
    expect(over.details).toMatchObject({ errcode: 45028, nextAvailableAt: '2026-03-31T16:00:00.000Z' });
    // 23:59 on 31 March in Shanghai is still March; a minute after 16:00 UTC it is April.
    setNow(at('2026-03-31T15:59:00Z'));
    expect((await refusal(sendBroadcast(herald.services, text(account.id)))).details?.errcode).toBe(45028);
    setNow(at('2026-03-31T16:01:00Z'));
    expect(await massQuotaStatus(herald.services, account.id)).toMatchObject({ used: 0, remaining: 4, nextAvailableAt: null });
    await sendBroadcast(herald.services, text(account.id));
  });

  it('scheduled posts count on the day they are scheduled for', async () => {
    const { account } = await makeAccount(herald.services, { type: 'subscription' });
    setNow(at('2026-05-20T02:00:00Z')); // 10:00 on 20 May in Shanghai
    const scheduled = await sendBroadcast(herald.services, text(account.id, { scheduledAt: new Date(at('2026-05-21T01:00:00Z')) }));
    const [row] = await herald.services.db.select().from(broadcasts).where(eq(broadcasts.id, scheduled.msgId));
    expect(row).toMatchObject({ status: 'scheduled', chinaDay: '2026-05-21', chinaMonth: '2026-05', placement: 'subscriptions', notify: false });
    await sendBroadcast(herald.services, text(account.id)); // today is still free
    const over = await refusal(sendBroadcast(herald.services, text(account.id, { scheduledAt: new Date(at('2026-05-21T08:00:00Z')) })));
    expect(over.details).toMatchObject({ errcode: 45028, nextAvailableAt: '2026-05-21T16:00:00.000Z' });
    expect((await refusal(sendBroadcast(herald.services, text(account.id, { scheduledAt: new Date(at('2026-05-19T08:00:00Z')) })))).code).toBe('invalid_schedule');
    expect((await refusal(sendBroadcast(herald.services, text(account.id, { scheduledAt: new Date(at('2026-07-19T08:00:00Z')) })))).code).toBe('invalid_schedule');
  });

  it('clientmsgid: 45067 when longer than 64 bytes, 45066 on a retry within a minute, then 45065 with the msg_id', async () => {
    const { account } = await makeAccount(herald.services, { type: 'service' });
    setNow(at('2026-06-02T03:00:00Z'));
    expect((await refusal(sendBroadcast(herald.services, text(account.id, { clientmsgid: 'x'.repeat(65) })))).details?.errcode).toBe(45067);
    expect((await refusal(sendBroadcast(herald.services, text(account.id, { clientmsgid: '汉'.repeat(22) })))).details?.errcode).toBe(45067);
    const first = await sendBroadcast(herald.services, text(account.id, { clientmsgid: 'job-1' }));
    expect((await refusal(sendBroadcast(herald.services, text(account.id, { clientmsgid: 'job-1' })))).details).toMatchObject({ errcode: 45066, msgId: first.msgId });
    clock.advance(61_000);
    expect((await refusal(sendBroadcast(herald.services, text(account.id, { clientmsgid: 'job-1' })))).details).toMatchObject({ errcode: 45065, msgId: first.msgId });
    expect((await massQuotaStatus(herald.services, account.id)).used).toBe(1);
  });

  it('a push post carries 1 to 8 articles', async () => {
    const { account } = await makeAccount(herald.services, { type: 'service' });
    const eight = await makePublishedArticle(herald.services.db, { accountId: account.id, published: false, more: Array.from({ length: 7 }, () => ({})) });
    const nine = await makePublishedArticle(herald.services.db, { accountId: account.id, published: false, more: Array.from({ length: 8 }, () => ({})) });
    const mpnews = (id: string) => ({ ...text(account.id), msgtype: 'mpnews', payload: { media_id: id } });
    expect((await refusal(sendBroadcast(herald.services, mpnews(nine.group.id)))).details?.errcode).toBe(45008);
    const sent = await sendBroadcast(herald.services, mpnews(eight.group.id));
    expect(sent.msgDataId).toBeGreaterThan(2_247_483_648);
    expect((await refusal(sendBroadcast(herald.services, mpnews('nosuchgroup')))).details?.errcode).toBe(40007);
  });

  it('moderation: the console is told the category and passage and nothing is created; the API gets a finished post with err(20002)', async () => {
    const { account } = await makeAccount(herald.services, { type: 'service' });
    await withServer(account.id);
    const bad = await makePublishedArticle(herald.services.db, {
      accountId: account.id,
      published: false,
      content: '<p>Nice weather.</p>',
      more: [{ title: 'Second', content: '<p>Tonight we offer pornography for everyone.</p>' }],
    });
    const input = { ...text(account.id), msgtype: 'mpnews', payload: { media_id: bad.group.id } };
    const blocked = await refusal(sendBroadcast(herald.services, { ...input, source: 'console' }));
    expect(blocked.code).toBe('content_blocked');
    expect(blocked.details).toMatchObject({ category: 'adult', categoryLabel: 'Adult content', articleIdx: 1 });
    expect(String(blocked.details?.passage)).toContain('pornography');
    expect(await herald.services.db.select().from(broadcasts).where(eq(broadcasts.accountId, account.id))).toHaveLength(0);
    expect(await herald.services.db.select().from(moderationViolations).where(eq(moderationViolations.accountId, account.id))).toHaveLength(1);

    const sent = await sendBroadcast(herald.services, input);
    const [row] = await herald.services.db.select().from(broadcasts).where(eq(broadcasts.id, sent.msgId));
    expect(row).toMatchObject({ status: 'failed', resultStatus: 'err(20002)', countsToQuota: false, totalCount: 0 });
    const events = await finishEvents(account.id);
    expect(events).toHaveLength(1);
    expect(events[0].payloadXml).toContain(`<MsgID>${sent.msgId}</MsgID>`);
    expect(events[0].payloadXml).toContain('<Status><![CDATA[err(20002)]]></Status>');
    expect(events[0].payloadXml).toContain('<TotalCount>0</TotalCount>');
    expect(events[0].payloadXml).toContain('<ErrorCount>0</ErrorCount>');
    expect(events[0].openid).toBe('mphelper');
    // A text post is moderated too (gambling maps to err(20006)).
    const t = await sendBroadcast(herald.services, text(account.id, { payload: { content: 'best online casino' } }));
    const [trow] = await herald.services.db.select().from(broadcasts).where(eq(broadcasts.id, t.msgId));
    expect(trow.resultStatus).toBe('err(20006)');
  });

  it('reprints: stopped with send_ignore_reprint 0 (err(30003)), sent with attribution with 1, never when the original forbids it (err(30002))', async () => {
    const { account: author } = await makeAccount(herald.services, { type: 'subscription' });
    const { account } = await makeAccount(herald.services, { type: 'service' });
    const open = await makePublishedArticle(herald.services.db, { accountId: author.id, original: true, canReprint: true });
    const closed = await makePublishedArticle(herald.services.db, { accountId: author.id, original: true, canReprint: false });
    const post = await makePublishedArticle(herald.services.db, { accountId: account.id, published: false, more: [{ reprintOf: open.article.id }] });
    const forbidden = await makePublishedArticle(herald.services.db, { accountId: account.id, published: false, reprintOf: closed.article.id });
    const mpnews = (id: string, ignore: number, source: 'api' | 'console' = 'api'): SendBroadcastInput => ({ ...text(account.id), source, msgtype: 'mpnews', payload: { media_id: id }, sendIgnoreReprint: ignore });
    const rowOf = async (id: number) => (await herald.services.db.select().from(broadcasts).where(eq(broadcasts.id, id)))[0];

    const stopped = await rowOf((await sendBroadcast(herald.services, mpnews(post.group.id, 0))).msgId);
    expect(stopped).toMatchObject({ status: 'failed', resultStatus: 'err(30003)' });
    expect(stopped.copyright).toEqual({
      Count: 1,
      CheckState: 3,
      ResultList: [{ ArticleIdx: 2, UserDeclareState: 0, AuditState: 2, OriginalArticleUrl: `${herald.config.publicUrl.replace(/\/$/, '')}/s/${open.article.id}`, OriginalArticleType: 1, CanReprint: 1, NeedReplaceContent: 0, NeedShowReprintSource: 0 }],
    });
    const consoleErr = await refusal(sendBroadcast(herald.services, mpnews(post.group.id, 0, 'console')));
    expect(consoleErr.code).toBe('reprint_blocked');
    expect(consoleErr.details?.status).toBe('err(30003)');

    const sent = await rowOf((await sendBroadcast(herald.services, mpnews(post.group.id, 1))).msgId);
    expect(sent).toMatchObject({ status: 'queued', resultStatus: null, sendIgnoreReprint: 1 });
    expect(sent.copyright).toMatchObject({ Count: 1, CheckState: 2, ResultList: [{ ArticleIdx: 2, CanReprint: 1, NeedReplaceContent: 1, NeedShowReprintSource: 1 }] });

    const never = await rowOf((await sendBroadcast(herald.services, mpnews(forbidden.group.id, 1))).msgId);
    expect(never).toMatchObject({ status: 'failed', resultStatus: 'err(30002)' });
    expect(never.copyright).toMatchObject({ CheckState: 3, ResultList: [{ ArticleIdx: 1, CanReprint: 0 }] });
  });

  it('finishBroadcast sums the batches, publishes the articles, queues MASSSENDJOBFINISH once', async () => {
    const { account } = await makeAccount(herald.services, { type: 'service' });
    await withServer(account.id);
    const group = await makePublishedArticle(herald.services.db, { accountId: account.id, published: false, more: [{}] });
    const sent = await sendBroadcast(herald.services, { ...text(account.id), msgtype: 'mpnews', payload: { media_id: group.group.id } });
    const now = herald.services.clock.now();
    await herald.services.db.insert(broadcastBatches).values([
      { broadcastId: sent.msgId, batchNo: 1, afterOpenid: '', lastOpenid: 'o5', considered: 10, filtered: 2, delivered: 7, createdAt: now },
      { broadcastId: sent.msgId, batchNo: 2, afterOpenid: 'o5', lastOpenid: 'o9', considered: 5, filtered: 0, delivered: 5, createdAt: now },
    ]);
    const [listed] = await listBroadcastsWithCounts(herald.services.db, account.id, { limit: 10 });
    expect(listed).toMatchObject({ id: sent.msgId, status: 'queued', live: { considered: 15, filtered: 2, delivered: 12, batches: 2 } });
    const finished = await herald.services.db.transaction((tx) => finishBroadcast(tx, herald.services, sent.msgId));
    expect(finished).toMatchObject({ status: 'done', resultStatus: 'send success', totalCount: 15, filterCount: 13, sentCount: 12, errorCount: 1, finishedNow: true, deliveryQueued: true });
    const again = await herald.services.db.transaction((tx) => finishBroadcast(tx, herald.services, sent.msgId));
    expect(again).toMatchObject({ finishedNow: false, deliveryQueued: false, totalCount: 15, sentCount: 12 });

    const [g] = await herald.services.db.select().from(newsGroups).where(eq(newsGroups.id, group.group.id));
    expect(g).toMatchObject({ state: 'sent', msgDataId: sent.msgDataId });
    const arts = await herald.services.db.select().from(articles).where(eq(articles.groupId, group.group.id));
    expect(arts.every((a) => a.publishedAt !== null)).toBe(true);
    const events = await finishEvents(account.id);
    expect(events).toHaveLength(1);
    const xml = events[0].payloadXml;
    for (const part of ['<Event><![CDATA[MASSSENDJOBFINISH]]></Event>', `<MsgID>${sent.msgId}</MsgID>`, '<Status><![CDATA[send success]]></Status>', '<TotalCount>15</TotalCount>', '<FilterCount>13</FilterCount>', '<SentCount>12</SentCount>', '<ErrorCount>1</ErrorCount>', '<CheckState>1</CheckState>', '<ArticleUrlResult><Count>2</Count>']) {
      expect(xml).toContain(part);
    }
    expect(xml).toContain(`<ArticleIdx>2</ArticleIdx><ArticleUrl><![CDATA[${herald.config.publicUrl.replace(/\/$/, '')}/s/${group.articles[1].id}]]></ArticleUrl>`);
  });

  it('a post nobody could receive finishes as send fail', async () => {
    const { account } = await makeAccount(herald.services, { type: 'subscription' });
    const sent = await sendBroadcast(herald.services, text(account.id));
    const finished = await herald.services.db.transaction((tx) => finishBroadcast(tx, herald.services, sent.msgId));
    expect(finished).toMatchObject({ resultStatus: 'send fail', totalCount: 0, sentCount: 0, deliveryQueued: false });
    expect(await finishEvents(account.id)).toHaveLength(0);
  });
});
