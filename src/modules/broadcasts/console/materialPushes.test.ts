import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { waitFor } from '../../../../test/wait.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../../test/consoleFixtures.js';
import { addFollowers } from '../../../../test/factories/audience.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { addMaterial } from '../../media/index.js';
import { articles, newsGroups } from '../../articles/schema.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { PUSH_WORDING } from './broadcastErrors.js';

const api = (appid: string, rest = '') => `/console/api/accounts/${appid}/broadcasts${rest}`;
const all = { kind: 'all' };

type Push = { msg_id: number; msgtype: string; status: string; summary: string; media_id: string | null; counts: { sent: number } };

describeEachDb('console push posts of materials (voice, video, published articles)', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  /** A service account (4 pushes a month) with followers and one material of each kind. */
  async function setup(followers = 2) {
    const { op, client } = await signedInOperator(h.app, h.services);
    const made = await makeAccount(h.services, { orgId: op.orgId, type: 'service' });
    await addFollowers(h.database, made.account.id, followers);
    const account = made.account;
    const voice = await addMaterial(h.services, { account, kind: 'voice', file: { bytes: PLACEHOLDER_AMR, filename: 'hello.amr' } });
    const video = await addMaterial(h.services, { account, kind: 'video', file: { bytes: PLACEHOLDER_MP4, filename: 'launch.mp4' }, video: { title: 'Launch', introduction: 'Our launch video' } });
    const image = await addMaterial(h.services, { account, kind: 'image', file: { bytes: PLACEHOLDER_PNG, filename: 'cover.png' } });
    return { client, appid: made.appid, account, voice, video, image };
  }

  async function refused(client: ConsoleClient, appid: string, body: Record<string, unknown>) {
    const res = await client.post(api(appid), { ...body, audience: all });
    expect(res.status, JSON.stringify(body)).toBe(400);
    return res.json.error as { code: string; message: string; details?: Record<string, unknown> };
  }

  it('pushes a voice material to every follower, and it runs to done', async () => {
    const { client, appid, voice } = await setup(2);
    const sent = await client.post(api(appid), { msgtype: 'voice', mediaId: voice.id, audience: all });
    expect(sent.status).toBe(201);
    const push = sent.json.push as Push;
    // The history sums it up by the material's name (the console words the type when there is none).
    expect(push).toMatchObject({ msgtype: 'voice', media_id: voice.id, summary: 'hello.amr' });
    const done = await waitFor(() => client.get(api(appid, `/${push.msg_id}`)), (r) => (r.json.push as Push)?.status === 'done');
    expect((done.json.push as Push).counts.sent).toBe(2);
  });

  it('pushes a video material as mpvideo, with the material itself as the media', async () => {
    const { client, appid, video } = await setup(1);
    const sent = await client.post(api(appid), { msgtype: 'mpvideo', mediaId: video.id, audience: all });
    expect(sent.status).toBe(201);
    expect(sent.json.push).toMatchObject({ msgtype: 'mpvideo', media_id: video.id, summary: 'Launch' });
  });

  it('pushes a published article (图文 from 发表记录) as the mpnews of its news group', async () => {
    const { client, appid, account } = await setup(1);
    const { group } = await makePublishedArticle(h.services.db, { accountId: account.id, title: '本周精选' });
    const sent = await client.post(api(appid), { msgtype: 'article', articleId: group.articleId, audience: all });
    expect(sent.status).toBe(201);
    expect(sent.json.push).toMatchObject({ msgtype: 'mpnews', summary: '本周精选', media_id: group.id });
  });

  it('refuses a material of the wrong type, another account’s, or a deleted one, and creates nothing', async () => {
    const { client, appid, account, voice, video, image } = await setup(1);
    const other = await makeAccount(h.services);
    const theirVoice = await addMaterial(h.services, { account: other.account, kind: 'voice', file: { bytes: PLACEHOLDER_AMR } });
    const wrong = [
      { msgtype: 'voice', mediaId: image.id },
      { msgtype: 'voice', mediaId: video.id },
      { msgtype: 'mpvideo', mediaId: voice.id },
      { msgtype: 'image', mediaId: voice.id },
      { msgtype: 'voice', mediaId: theirVoice.id },
    ];
    for (const body of wrong) {
      const err = await refused(client, appid, body);
      expect(err, JSON.stringify(body)).toMatchObject({ code: 'invalid_message', message: PUSH_WORDING[40007], details: { errcode: 40007 } });
    }

    const spare = await addMaterial(h.services, { account, kind: 'voice', file: { bytes: PLACEHOLDER_AMR } });
    expect((await client.request('DELETE', `/console/api/accounts/${appid}/materials/${spare.id}`)).status).toBe(200);
    expect(await refused(client, appid, { msgtype: 'voice', mediaId: spare.id })).toMatchObject({ details: { errcode: 40007 } });

    expect((await client.get(api(appid))).json.pushes).toEqual([]);
  });

  it('refuses a published article that is deleted, unpublished or another account’s', async () => {
    const { client, appid, account } = await setup(1);
    const other = await makeAccount(h.services);
    const { group: theirs } = await makePublishedArticle(h.services.db, { accountId: other.account.id, title: 'Theirs' });
    const { group: gone } = await makePublishedArticle(h.services.db, { accountId: account.id, title: 'Gone' });
    await h.services.db.update(newsGroups).set({ state: 'deleted' }).where(eq(newsGroups.id, gone.id));
    const { group: draft } = await makePublishedArticle(h.services.db, { accountId: account.id, published: false, state: 'draft', title: 'Draft' });
    for (const articleId of [theirs.articleId, gone.articleId, draft.id, 'no-such-article']) {
      const err = await refused(client, appid, { msgtype: 'article', articleId });
      expect(err, String(articleId)).toMatchObject({ code: 'invalid_message', message: PUSH_WORDING.article_gone, details: { errcode: 40007 } });
    }
    // A published article's articles all deleted: the sender's rule (the news has no articles).
    const { group: empty, article } = await makePublishedArticle(h.services.db, { accountId: account.id, title: 'Emptied' });
    expect(article.groupId).toBe(empty.id);
    await h.services.db.update(articles).set({ isDeleted: true }).where(eq(articles.groupId, empty.id));
    expect(await refused(client, appid, { msgtype: 'article', articleId: empty.articleId })).toMatchObject({ message: PUSH_WORDING[44003], details: { errcode: 44003 } });
    expect((await client.get(api(appid))).json.pushes).toEqual([]);
  });

  describe('hostile and malformed input', () => {
    it('answers each with a 4xx and creates nothing', async () => {
      const { client, appid, voice } = await setup(1);
      const bodies: Record<string, unknown>[] = [
        { msgtype: 'voice' },
        { msgtype: 'mpvideo' },
        { msgtype: 'article' },
        { msgtype: 'article', mediaId: voice.id },
        { msgtype: 'voice', articleId: voice.id },
        { msgtype: 'voice', mediaId: '../../etc/passwd' },
        { msgtype: 'voice', mediaId: 'x'.repeat(129) },
        { msgtype: 'voice', mediaId: [voice.id] },
        { msgtype: 'voice', mediaId: { $ne: '' } },
        { msgtype: 'mpvideo', mediaId: `${voice.id}' OR '1'='1` },
        { msgtype: 'article', articleId: '../../s/1' },
        { msgtype: 'article', articleId: 'a'.repeat(129) },
        { msgtype: 'article', articleId: 42 },
        { msgtype: 'video', mediaId: voice.id },
        { msgtype: 'wxcard', mediaId: voice.id },
        { msgtype: 'VOICE', mediaId: voice.id },
      ];
      for (const body of bodies) {
        const res = await client.post(api(appid), { ...body, audience: all });
        const label = JSON.stringify(body).slice(0, 80);
        expect(res.status, label).toBeGreaterThanOrEqual(400);
        expect(res.status, label).toBeLessThan(500);
        expect(res.json.error?.code, label).toEqual(expect.any(String));
      }
      expect((await client.get(api(appid))).json.pushes).toEqual([]);
    });
  });
});
