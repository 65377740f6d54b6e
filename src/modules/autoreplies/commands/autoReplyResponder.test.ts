import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkMiniProgram } from '../../../../test/factories/miniprograms.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator } from '../../../../test/consoleFixtures.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { createFollowerUser } from '../../followers/commands/followerUserCreator.js';
import { followAccount } from '../../followers/commands/followAccount.js';
import { sendUserMessage } from '../../messaging/commands/userMessageSender.js';
import { insertMedia } from '../../media/store/media.js';
import { newMediaId } from '../../media/rules/media.js';

describeEachDb('auto-replies of every MP backend type reach the follower', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function setup() {
    const { op, client } = await signedInOperator(h.app, h.services);
    const made = await makeAccount(h.services, { orgId: op.orgId });
    await linkMiniProgram(h.services.db, made.account.id, { appid: 'wx0123456789abcdef' });
    const base = `/console/api/accounts/${made.appid}/auto-replies`;
    const material = async (kind: 'image' | 'voice' | 'video', title = '') =>
      (await insertMedia(h.services.db, {
        id: newMediaId(), accountId: made.account.id, kind, temporary: false, origin: 'material', filename: `${kind}.bin`, contentType: 'application/octet-stream',
        size: 3, sha256: '0'.repeat(64), md5: '0'.repeat(32), storageKey: `test/${kind}`, title, introduction: '', createdAt: new Date(),
      })).id;
    const user = await createFollowerUser(h.services, { nickname: 'Reader' });
    return { client, base, made, material, user };
  }

  it('answers with voice, video and a published article as a news card', async () => {
    const { client, base, made, material, user } = await setup();
    const voice = await material('voice');
    const video = await material('video', 'Tour');
    const published = await makePublishedArticle(h.services.db, { accountId: made.account.id, title: '开店指南', digest: '三步开店', thumbMediaId: await material('image') });
    const articleId = published.group.articleId as string;
    for (const [keyword, reply] of [['voice', { type: 'voice', media_id: voice }], ['video', { type: 'video', media_id: video }], ['guide', { type: 'article', article_id: articleId }]] as const) {
      const r = await client.post(`${base}/keyword-rules`, { keywords: [{ text: keyword, match: 'exact' }], replies: [reply] });
      expect(r.status).toBe(201);
      expect((r.json.rule as { replies: unknown }).replies).toEqual([reply]);
    }
    await followAccount(h.services, user.id, made.appid);
    const said = async (content: string) =>
      (await sendUserMessage(h.services, user.id, made.appid, { msgtype: 'text', content })).replies.map((m) => ({ msg_type: m.msg_type, content: m.content as Record<string, unknown> }));

    const v = await said('voice');
    expect(v.map((m) => [m.msg_type, m.content.media_id])).toEqual([['voice', voice]]);
    const vi = await said('video');
    expect(vi.map((m) => [m.msg_type, m.content.media_id])).toEqual([['video', video]]);
    const news = await said('guide');
    expect(news).toHaveLength(1);
    expect(news[0].msg_type).toBe('news');
    const card = (news[0].content.articles as Array<Record<string, string>>)[0];
    expect(card).toMatchObject({ title: '开店指南', description: '三步开店' });
    expect(card.url).toBe(`${h.services.config.publicUrl.replace(/\/$/, '')}/s/${published.article.id}`);
    expect(card.picurl).toContain(published.article.thumbMediaId);
  });

  it('sends nothing for an article that is no longer public, nor for another account’s article', async () => {
    const { client, base, made, user } = await setup();
    const other = await makeAccount(h.services, {});
    const theirs = await makePublishedArticle(h.services.db, { accountId: other.account.id });
    const deleted = await makePublishedArticle(h.services.db, { accountId: made.account.id, isDeleted: true });
    const r = await client.put(`${base}/default`, {
      replies: [
        { type: 'article', article_id: theirs.group.articleId },
        { type: 'article', article_id: deleted.group.articleId },
        { type: 'text', content: '稍后回复您' },
      ],
    });
    expect(r.status).toBe(200);
    await followAccount(h.services, user.id, made.appid);
    const replies = (await sendUserMessage(h.services, user.id, made.appid, { msgtype: 'text', content: 'hi' })).replies;
    expect(replies.map((m) => [m.msg_type, (m.content as { content?: string }).content])).toEqual([['text', '稍后回复您']]);
  });
});
