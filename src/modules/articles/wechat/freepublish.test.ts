import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, wxCall, type WxBody } from '../../../../test/wxClient.js';
import { startDevServer, xmlField, type DevServer } from '../../../../test/devServer.js';
import { PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { addMaterial } from '../../media/commands/materialAdder.js';
import { configureServer } from '../../callbacks/commands/serverConfigurator.js';
import { createDraft } from '../commands/draftCreator.js';
import { runPublishJobs } from '../jobs/publishRunner.js';
import { listViolations } from '../../moderation/store/moderation.js';
import { findArticlesByGroup } from '../store/articles.js';
import { findNewsGroup } from '../store/newsGroups.js';

const TOKEN = 'publishtoken';

describeEachDb('freepublish (raw HTTP, PUBLISHJOBFINISH)', (kind) => {
  let herald: TestHerald;
  const servers: DevServer[] = [];
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function setup(opts: { withServer?: boolean } = {}) {
    const made = await makeAccount(herald.services);
    const token = await fetchToken(herald, made.appid, made.secret);
    const cover = (await addMaterial(herald.services, { account: made.account, kind: 'image', file: { bytes: PLACEHOLDER_PNG } })).id;
    let dev: DevServer | undefined;
    if (opts.withServer) {
      dev = await startDevServer({ token: TOKEN, answer: (req) => (req.method === 'GET' ? { body: req.query.echostr } : { body: 'success' }) });
      servers.push(dev);
      await configureServer(herald.services, made.account.id, { url: dev.url, token: TOKEN, encodingAesKey: null, mode: 'plaintext' });
    }
    return { ...made, token, cover, dev };
  }
  const post = (token: string, path: string, body: unknown) => wxCall(herald, 'POST', `/cgi-bin/${path}?access_token=${token}`, { body });
  const article = (cover: string, extra: Record<string, unknown> = {}) => ({ title: 'Harvest notes', content: '<p>The orchard is ready.</p>', thumb_media_id: cover, ...extra });

  /** Waits for the developer's server to receive a POST (the URL check before it is a GET). */
  async function eventPost(dev: DevServer, timeoutMs = 10_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = dev.requests.find((r) => r.method === 'POST');
      if (found || Date.now() > until) return found!;
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  /** Polls freepublish/get until the publish leaves status 1. */
  async function settled(token: string, publishId: unknown, timeoutMs = 15_000): Promise<WxBody> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const r = await post(token, 'freepublish/get', { publish_id: publishId });
      if (r.publish_status !== 1 || Date.now() > until) return r;
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  it('publishes a draft, reports PUBLISHJOBFINISH and lists it; delete is 1-based', async () => {
    const { account, token, cover, dev } = await setup({ withServer: true });
    const mediaId = String((await post(token, 'draft/add', { articles: [article(cover), article(cover, { title: 'Second' }), article(cover, { title: 'Third' })] })).media_id);
    const submitted = await post(token, 'freepublish/submit', { media_id: mediaId });
    expect(submitted).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(String(submitted.publish_id)).toMatch(/^\d+$/);
    expect(submitted.msg_data_id).toBeGreaterThanOrEqual(2247483649);
    // It left the draft box at once.
    expect(await wxCall(herald, 'GET', `/cgi-bin/draft/count?access_token=${token}`)).toEqual({ total_count: 0 });

    const got = await settled(token, submitted.publish_id);
    expect(got).toMatchObject({ publish_id: submitted.publish_id, publish_status: 0, fail_idx: [] });
    const articleId = String(got.article_id);
    expect(articleId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const detail = got.article_detail as { count: number; item: Array<{ idx: number; article_url: string }> };
    expect(detail.count).toBe(3);
    expect(detail.item.map((i) => i.idx)).toEqual([1, 2, 3]);
    const rows = await findArticlesByGroup(herald.services.db, mediaId);
    expect(detail.item.map((i) => i.article_url)).toEqual(rows.map((r) => `${herald.config.publicUrl}/s/${r.id}`));
    expect(rows.every((r) => r.publishedAt !== null)).toBe(true);
    expect(await findNewsGroup(herald.services.db, account.id, mediaId)).toMatchObject({ state: 'published', articleId, msgDataId: submitted.msg_data_id });

    // The developer's server hears PUBLISHJOBFINISH.
    const event = await eventPost(dev!);
    expect(xmlField(event.body, 'Event')).toBe('PUBLISHJOBFINISH');
    expect(xmlField(event.body, 'ToUserName')).toBe(account.originalId);
    expect(xmlField(event.body, 'MsgType')).toBe('event');
    expect(event.body).toContain(`<publish_id>${submitted.publish_id}</publish_id>`);
    expect(event.body).toContain('<publish_status>0</publish_status>');
    expect(event.body).toContain(`<article_id><![CDATA[${articleId}]]></article_id>`);
    expect(event.body).toContain('<article_detail><count>3</count><item><idx>1</idx>');
    expect(event.body).toContain(`<article_url><![CDATA[${detail.item[2].article_url}]]></article_url>`);

    const published = await post(token, 'freepublish/getarticle', { article_id: articleId });
    const items = published.news_item as Array<Record<string, unknown>>;
    expect(items.map((i) => [i.title, i.is_deleted])).toEqual([['Harvest notes', false], ['Second', false], ['Third', false]]);
    expect(items[0].url).toBe(detail.item[0].article_url);

    const page = await post(token, 'freepublish/batchget', { offset: 0, count: 10, no_content: 1 });
    expect(page).toMatchObject({ total_count: 1, item_count: 1 });
    const listed = (page.item as Array<{ article_id: string; content: { news_item: Array<{ content: string }> }; update_time: number }>)[0];
    expect(listed.article_id).toBe(articleId);
    expect(listed.content.news_item.map((i) => i.content)).toEqual(['', '', '']);

    // index 2 is the second article (1-based).
    expect(await post(token, 'freepublish/delete', { article_id: articleId, index: 2 })).toEqual({ errcode: 0, errmsg: 'ok' });
    const afterOne = (await post(token, 'freepublish/getarticle', { article_id: articleId })).news_item as Array<Record<string, unknown>>;
    expect(afterOne.map((i) => i.is_deleted)).toEqual([false, true, false]);
    expect((await post(token, 'freepublish/get', { publish_id: submitted.publish_id })).publish_status).toBe(0);
    expectWxError(await post(token, 'freepublish/delete', { article_id: articleId, index: 4 }), 40060);
    // 0 (or no index) deletes the rest.
    expect(await post(token, 'freepublish/delete', { article_id: articleId })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await findArticlesByGroup(herald.services.db, mediaId)).every((r) => r.isDeleted)).toBe(true);
    expect((await post(token, 'freepublish/get', { publish_id: submitted.publish_id })).publish_status).toBe(5);
    expect(await post(token, 'freepublish/batchget', { offset: 0, count: 10 })).toMatchObject({ total_count: 0, item_count: 0, item: [] });
  });

  it('rejects a draft that breaks the content rules (publish_status 4) and returns it to the draft box', async () => {
    const { account, token, cover, dev } = await setup({ withServer: true });
    const mediaId = String((await post(token, 'draft/add', {
      articles: [article(cover), article(cover, { title: 'Offers', content: '<p>Join our online casino tonight.</p>' })],
    })).media_id);
    const submitted = await post(token, 'freepublish/submit', { media_id: mediaId });
    const got = await settled(token, submitted.publish_id);
    expect(got).toEqual({ publish_id: submitted.publish_id, publish_status: 4, fail_idx: [2] });
    const event = await eventPost(dev!);
    expect(event.body).toContain('<publish_status>4</publish_status>');
    expect(event.body).toContain('<fail_idx>2</fail_idx>');
    expect(event.body).not.toContain('article_id');
    expect(await wxCall(herald, 'GET', `/cgi-bin/draft/count?access_token=${token}`)).toEqual({ total_count: 1 });
    expect((await findArticlesByGroup(herald.services.db, mediaId)).every((r) => r.publishedAt === null)).toBe(true);
    const violations = await listViolations(herald.services.db, account.id, { limit: 10 });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ category: 'gambling', action: 'publish', groupId: mediaId, articleIdx: 1 });
  });

  it('settles each publish once when runners race', async () => {
    const { account, token, cover } = await setup();
    const mediaId = String((await post(token, 'draft/add', { articles: [article(cover)] })).media_id);
    const submitted = await post(token, 'freepublish/submit', { media_id: mediaId });
    await Promise.all([runPublishJobs(herald.services), runPublishJobs(herald.services), runPublishJobs(herald.services)]);
    const got = await settled(token, submitted.publish_id);
    expect(got.publish_status).toBe(0);
    const [row] = await herald.database.rows<{ n: number }>(sql`select count(*)::int as n from deliveries where account_id = ${account.id} and label = 'event:PUBLISHJOBFINISH'`);
    // No server configured: recorded as skipped, once.
    expect(row.n).toBe(1);
    expect((await findNewsGroup(herald.services.db, account.id, mediaId))?.articleId).toBe(got.article_id);
  });

  it('asks for a cover before publishing a console draft saved without one', async () => {
    const { account, token } = await setup();
    const { group } = await createDraft(herald.services, { accountId: account.id, articles: [{ title: 'No cover yet', content: 'text' }], forConsole: true, requireThumb: false });
    expectWxError(await post(token, 'freepublish/submit', { media_id: group.id }), 40007);
    expect((await findNewsGroup(herald.services.db, account.id, group.id))?.state).toBe('draft');
  });

  it('asks for a cover again when the cover material was deleted after saving', async () => {
    const { token, cover } = await setup();
    const mediaId = String((await post(token, 'draft/add', { articles: [article(cover)] })).media_id);
    expect(await post(token, 'material/del_material', { media_id: cover })).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await post(token, 'freepublish/submit', { media_id: mediaId }), 40007);
    expect(await wxCall(herald, 'GET', `/cgi-bin/draft/count?access_token=${token}`)).toEqual({ total_count: 1 });
  });

  it('refuses malformed, hostile and foreign arguments', async () => {
    const { token, cover } = await setup();
    const other = await setup();
    const theirDraft = String((await post(other.token, 'draft/add', { articles: [article(other.cover)] })).media_id);
    const theirs = await post(other.token, 'freepublish/submit', { media_id: theirDraft });
    const theirResult = await settled(other.token, theirs.publish_id);
    expect(theirResult.publish_status).toBe(0);

    for (const media_id of [theirDraft, '', 7, null, 'x'.repeat(3000), "' or 1=1 --"]) {
      expectWxError(await post(token, 'freepublish/submit', { media_id }), 40007);
    }
    for (const publish_id of [theirs.publish_id, 'abc', -1, 0, 1e30, '99999999999999999999', { $gt: 0 }, null]) {
      expectWxError(await post(token, 'freepublish/get', { publish_id }), 53502, 'invalid publish_id');
    }
    for (const article_id of [theirResult.article_id, '', 5, 'x'.repeat(3000), '../../']) {
      expectWxError(await post(token, 'freepublish/getarticle', { article_id }), 53600, 'invalid article_id');
      expectWxError(await post(token, 'freepublish/delete', { article_id, index: 0 }), 53600);
    }
    expectWxError(await post(other.token, 'freepublish/delete', { article_id: theirResult.article_id, index: 'all' }), 40060);
    expectWxError(await post(other.token, 'freepublish/delete', { article_id: theirResult.article_id, index: -1 }), 40060);
    for (const bad of [{}, { offset: 0, count: 21 }, { offset: -5, count: 1 }, { offset: 0, count: 1, no_content: 'yes' }]) {
      expectWxError(await post(token, 'freepublish/batchget', bad), 40035);
    }
    expectWxError(await post(token, 'freepublish/submit', ['x']), 47001);
    void cover;
  });

  it('is for verified accounts of both types (48001 otherwise)', async () => {
    for (const type of ['subscription', 'service'] as const) {
      const made = await makeAccount(herald.services, { type, verified: false });
      const token = await fetchToken(herald, made.appid, made.secret);
      for (const path of ['freepublish/submit', 'freepublish/get', 'freepublish/delete', 'freepublish/getarticle', 'freepublish/batchget']) {
        expectWxError(await post(token, path, {}), 48001);
      }
    }
  });
});
