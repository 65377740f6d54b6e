import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor as until } from '../../../../test/wait.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../../test/consoleFixtures.js';
import { addFollowers } from '../../../../test/factories/audience.js';
import { PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { consoleUpload, multipart } from '../../../../test/consoleUpload.js';
import { phoneUser } from '../../../../test/phoneFixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function cover(h: TestHerald, client: ConsoleClient, appid: string): Promise<string> {
  const { body, contentType } = multipart({ bytes: Buffer.concat([PLACEHOLDER_PNG, Buffer.from([7])]), filename: 'cover.png' });
  const r = await consoleUpload(h, client, `/console/api/accounts/${appid}/materials?type=image`, body, contentType);
  expect(r.status).toBe(201);
  return (r.json.item as Json).media_id as string;
}

const article = (title: string, thumb: string): Json => ({
  title, author: '', digest: '', content: '<p>正文</p>', content_source_url: '', thumb_media_id: thumb,
  need_open_comment: 1, only_fans_can_comment: 0, original: false, can_reprint: true, donations_enabled: false, ads_enabled: false,
});

describeEachDb('发表记录: published and pushed posts in one list', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('lists a publish without notification and a push with one, newest first, and a published post can be pushed later', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid, account } = await makeAccount(h.services, { orgId: op.orgId, type: 'service' });
    await addFollowers(h.database, account.id, 2);
    const base = `/console/api/accounts/${appid}`;
    const thumb = await cover(h, client, appid);

    // Published only: no push post, no quota used.
    const quiet = ((await client.post(`${base}/drafts`, { articles: [article('只发表', thumb)] })).json as Json).draft.media_id as string;
    const publish = ((await client.post(`${base}/drafts/${quiet}/publish`, {})).json as Json).publish as Json;
    await until(() => client.get(`${base}/publish/${publish.publish_id}`), (r) => (r.json as Json).publish.status === 0);
    expect(((await client.get(`${base}/broadcasts/quota`)).json as Json).quota).toMatchObject({ used: 0 });

    h.services.clock.advance(60_000);
    // Pushed with 群发通知: one push post, counted.
    const loud = ((await client.post(`${base}/drafts`, { articles: [article('群发通知', thumb)] })).json as Json).draft.media_id as string;
    const sent = await client.post(`${base}/broadcasts`, { msgtype: 'mpnews', draftId: loud, audience: { kind: 'all' } });
    expect(sent.status, sent.body).toBe(201);
    await until(() => client.get(`${base}/broadcasts/${(sent.json as Json).push.msg_id}`), (r) => (r.json as Json).push.status === 'done');
    expect(((await client.get(`${base}/broadcasts/quota`)).json as Json).quota).toMatchObject({ used: 1 });

    const list = (await client.get(`${base}/published`)).json as Json;
    expect(list.total).toBe(2);
    expect(list.items.map((g: Json) => [g.articles[0].title, g.notified])).toEqual([['群发通知', true], ['只发表', false]]);
    expect(list.items[0].push).toMatchObject({ msg_id: (sent.json as Json).push.msg_id, status: 'done' });
    expect(list.items[1].push).toBeNull();
    expect(list.items[1].articles[0]).toMatchObject({ read_count: 0, like_count: 0, wow_count: 0, share_count: 0, comment_count: 0, revenue_fen: 0 });

    // Likes and donations show in the list.
    const reader = await phoneUser(h.app);
    const quietArticle = list.items[1].articles[0].id as string;
    expect((await reader.client.post(`/articles/${quietArticle}/like`, { on: true })).status).toBe(200);
    const after = (await client.get(`${base}/published`)).json as Json;
    expect(after.items[1].articles[0].like_count).toBe(1);

    // The published post pushed later from 发表记录: it stays one entry, now notified.
    const later = await client.post(`${base}/broadcasts`, { msgtype: 'mpnews', draftId: list.items[1].media_id, audience: { kind: 'all' } });
    expect(later.status, later.body).toBe(201);
    await until(() => client.get(`${base}/broadcasts/${(later.json as Json).push.msg_id}`), (r) => (r.json as Json).push.status === 'done');
    const both = (await client.get(`${base}/published`)).json as Json;
    expect(both.total).toBe(2);
    expect(both.items.map((g: Json) => [g.articles[0].title, g.notified])).toEqual([['群发通知', true], ['只发表', true]]);
    expect(((await client.get(`${base}/broadcasts/quota`)).json as Json).quota).toMatchObject({ used: 2 });

    // The phone's profile 历史消息: both articles, newest first.
    const history = await reader.client.get(`/accounts/${appid}/history`);
    expect(history.status).toBe(200);
    expect((history.json as Json).articles.map((a: Json) => a.title)).toEqual(['群发通知', '只发表']);
    expect((history.json as Json).articles[0].url).toMatch(/\/s\/[A-Za-z0-9_-]+$/);
  });

  it('answers 404 for hostile account ids on the phone history, and refuses bad paging', async () => {
    const reader = await phoneUser(h.app);
    for (const bad of ['nope', '%00', 'a'.repeat(65), "x' or 1=1--", '..%2F..%2Fetc']) {
      expect((await reader.client.get(`/accounts/${bad}/history`)).status, bad).toBe(404);
    }
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    for (const q of ['offset=-1', 'count=0', 'count=51', 'offset=abc', 'count=1e9']) {
      expect((await client.get(`/console/api/accounts/${appid}/published?${q}`)).status, q).toBe(400);
    }
  });
});
