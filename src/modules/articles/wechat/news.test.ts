import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, wxCall } from '../../../../test/wxClient.js';
import { PLACEHOLDER_JPEG, PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { addMaterial } from '../../media/commands/materialAdder.js';
import { uploadAccountMedia } from '../../media/commands/mediaUploader.js';
import { addNewsMaterial } from '../commands/newsMaterialCreator.js';
import { findArticlesByGroup } from '../store/articles.js';
import { setNewsGroupState } from '../store/newsGroups.js';

describeEachDb('news materials and uploadnews (raw HTTP)', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function setup() {
    const made = await makeAccount(herald.services);
    const token = await fetchToken(herald, made.appid, made.secret);
    const cover = (await addMaterial(herald.services, { account: made.account, kind: 'image', file: { bytes: PLACEHOLDER_PNG } })).id;
    return { ...made, token, cover };
  }
  const post = (token: string, path: string, body: unknown) => wxCall(herald, 'POST', `/cgi-bin/${path}?access_token=${token}`, { body });
  const article = (cover: string, extra: Record<string, unknown> = {}) => ({ title: 'Weekly', content: '<p>News of the week.</p>', thumb_media_id: cover, ...extra });

  it('updates one article of a news material by 0-based index, keeping console settings', async () => {
    const { account, token, cover } = await setup();
    const { group } = await addNewsMaterial(herald.services, {
      accountId: account.id,
      articles: [article(cover, { original: true, donations_enabled: true }), article(cover)],
      forConsole: true,
    });
    expect(await post(token, 'material/update_news', { media_id: group.id, index: 0, articles: article(cover, { title: 'Weekly, fixed', content: '<p>x<script>y()</script></p>' }) })).toEqual({ errcode: 0, errmsg: 'ok' });
    const [lead] = await findArticlesByGroup(herald.services.db, group.id);
    expect(lead).toMatchObject({ title: 'Weekly, fixed', content: '<p>x</p>', original: true, donationsEnabled: true });
    expectWxError(await post(token, 'material/update_news', { media_id: group.id, index: 2, articles: article(cover) }), 40035);
    expectWxError(await post(token, 'material/update_news', { media_id: group.id, index: 0, articles: article(cover, { author: 'a'.repeat(17) }) }), 45110);
    expectWxError(await post(token, 'material/update_news', { media_id: group.id, index: 0, articles: [article(cover)] }), 47001);
    expectWxError(await post(token, 'material/update_news', { media_id: group.id, index: 0 }), 47001);
    // A draft is not a news material; a material removed from the library cannot change.
    const draft = await post(token, 'draft/add', { articles: [article(cover)] });
    expectWxError(await post(token, 'material/update_news', { media_id: draft.media_id, index: 0, articles: article(cover) }), 40007);
    await setNewsGroupState(herald.services.db, group.id, { state: 'deleted' }, new Date());
    expectWxError(await post(token, 'material/update_news', { media_id: group.id, index: 0, articles: article(cover) }), 40007);
  });

  it('takes temporary covers only for uploadnews and applies the article rules to all three', async () => {
    const { account, appid, secret, token, cover } = await setup();
    const temp = await uploadAccountMedia(herald.services, account, 'thumb', { bytes: PLACEHOLDER_JPEG });
    const uploaded = await post(token, 'media/uploadnews', { articles: [article(temp.id)] });
    expect(Object.keys(uploaded).sort()).toEqual(['created_at', 'media_id', 'type']);
    expectWxError(await post(token, 'material/add_news', { articles: [article(temp.id)] }), 40007);
    // Once the temporary cover expired it cannot be used any more.
    herald.services.clock.advance(3 * 24 * 3600 * 1000 + 1000);
    const fresh = await fetchToken(herald, appid, secret);
    expectWxError(await post(fresh, 'media/uploadnews', { articles: [article(temp.id)] }), 40007);
    for (const path of ['material/add_news', 'media/uploadnews']) {
      expectWxError(await post(fresh, path, { articles: Array.from({ length: 9 }, () => article(cover)) }), 45008);
      expectWxError(await post(fresh, path, { articles: [] }), 44003);
      expectWxError(await post(fresh, path, { articles: [article(cover, { digest: 'd'.repeat(129) })] }), 45004);
      expectWxError(await post(fresh, path, { articles: [article(cover, { content: '<p>'.repeat(7000) })] }), 45002);
      expectWxError(await post(fresh, path, { articles: { 0: article(cover) } }), 47001);
      expectWxError(await post(fresh, path, 'null'), 47001);
      expectWxError(await post(fresh, path, { articles: [null] }), 47001);
    }
  });

  it('refuses foreign and malformed media_ids for update_news', async () => {
    const { token, cover } = await setup();
    const other = await setup();
    const theirs = await post(other.token, 'material/add_news', { articles: [article(other.cover)] });
    for (const media_id of [theirs.media_id, undefined, 12, '', 'é'.repeat(40)]) {
      expectWxError(await post(token, 'material/update_news', { media_id, index: 0, articles: article(cover) }), 40007);
    }
  });
});
