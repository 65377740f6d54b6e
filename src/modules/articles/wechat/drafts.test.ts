import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, wxCall } from '../../../../test/wxClient.js';
import { PLACEHOLDER_JPEG, PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { addMaterial } from '../../media/commands/materialAdder.js';
import { uploadAccountMedia } from '../../media/commands/mediaUploader.js';
import { uploadArticleImage } from '../../media/commands/articleImageUploader.js';
import { findNewsGroup, setNewsGroupState } from '../store/newsGroups.js';
import { findArticlesByGroup } from '../store/articles.js';

describeEachDb('drafts (raw HTTP)', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function setup(opts: { type?: 'service' | 'subscription'; verified?: boolean } = {}) {
    const made = await makeAccount(herald.services, opts);
    const token = await fetchToken(herald, made.appid, made.secret);
    const cover = await addMaterial(herald.services, { account: made.account, kind: 'image', file: { bytes: PLACEHOLDER_PNG, filename: 'c.png' } });
    return { ...made, token, cover: cover.id };
  }
  const post = (token: string, path: string, body: unknown) => wxCall(herald, 'POST', `/cgi-bin/${path}?access_token=${token}`, { body });
  const article = (cover: string, extra: Record<string, unknown> = {}) => ({ title: 'Spring menu', author: 'Chef', content: '<p>New dishes this week.</p>', thumb_media_id: cover, ...extra });

  it('adds, gets, updates (0-based), counts, lists and deletes drafts', async () => {
    const { token, cover } = await setup();
    const added = await post(token, 'draft/add', { articles: [article(cover), article(cover, { title: 'Second', digest: 'dropped in a group' })] });
    expect(Object.keys(added)).toEqual(['media_id']);
    const mediaId = String(added.media_id);
    expect(mediaId).toMatch(/^[A-Za-z0-9_-]{64}$/);

    const got = await post(token, 'draft/get', { media_id: mediaId });
    const items = got.news_item as Record<string, unknown>[];
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      title: 'Spring menu', author: 'Chef', digest: '', content: '<p>New dishes this week.</p>', thumb_media_id: cover,
      thumb_url: `${herald.config.publicUrl}/media/${cover}`, need_open_comment: 0, only_fans_can_comment: 0, show_cover_pic: 0, content_source_url: '',
    });
    expect(String(items[0].url)).toMatch(new RegExp(`^${herald.config.publicUrl}/s/[A-Za-z0-9_-]{22}$`));
    expect(items[1]).toMatchObject({ title: 'Second', digest: '' });

    // index is 0-based: 1 is the second article.
    expect(await post(token, 'draft/update', { media_id: mediaId, index: 1, articles: article(cover, { title: 'Second, revised', need_open_comment: 1 }) })).toEqual({ errcode: 0, errmsg: 'ok' });
    const after = (await post(token, 'draft/get', { media_id: mediaId })).news_item as Record<string, unknown>[];
    expect(after.map((i) => i.title)).toEqual(['Spring menu', 'Second, revised']);
    expect(after[1]).toMatchObject({ need_open_comment: 1 });
    expect(after[1].url).toBe(items[1].url); // the article keeps its id
    expectWxError(await post(token, 'draft/update', { media_id: mediaId, index: 2, articles: article(cover) }), 40035);
    expectWxError(await post(token, 'draft/update', { media_id: mediaId, index: -1, articles: article(cover) }), 40035);
    expectWxError(await post(token, 'draft/update', { media_id: mediaId, index: 'first', articles: article(cover) }), 40035);
    expectWxError(await post(token, 'draft/update', { media_id: mediaId, index: 0, articles: article(cover, { title: 'x'.repeat(33) }) }), 45003);

    const single = await post(token, 'draft/add', { articles: [article(cover, { content: `<p>${'长'.repeat(70)}</p>` })] });
    const singleItem = ((await post(token, 'draft/get', { media_id: single.media_id })).news_item as Record<string, unknown>[])[0];
    expect(singleItem.digest).toBe('长'.repeat(54));

    expect(await wxCall(herald, 'GET', `/cgi-bin/draft/count?access_token=${token}`)).toEqual({ total_count: 2 });
    const page = await post(token, 'draft/batchget', { offset: 0, count: 20, no_content: 1 });
    expect(page).toMatchObject({ total_count: 2, item_count: 2 });
    const listed = page.item as Array<{ media_id: string; content: { news_item: Array<{ content: string; title: string }> }; update_time: number }>;
    // Most recently updated first: the single draft was added after the update.
    expect(listed.map((i) => i.media_id)).toEqual([single.media_id, mediaId]);
    expect(listed[1].content.news_item.map((i) => i.content)).toEqual(['', '']);
    expect(typeof listed[0].update_time).toBe('number');
    const withContent = await post(token, 'draft/batchget', { offset: 1, count: 1 });
    expect(withContent).toMatchObject({ total_count: 2, item_count: 1 });
    expect((withContent.item as typeof listed)[0].content.news_item[0].content).toBe('<p>New dishes this week.</p>');

    expect(await post(token, 'draft/delete', { media_id: mediaId })).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await post(token, 'draft/get', { media_id: mediaId }), 40007, 'invalid media_id');
    expectWxError(await post(token, 'draft/delete', { media_id: mediaId }), 40007);
    expect(await wxCall(herald, 'GET', `/cgi-bin/draft/count?access_token=${token}`)).toEqual({ total_count: 1 });
  });

  it('removes a published or mass-sent draft from the draft box', async () => {
    const { account, token, cover } = await setup();
    const a = String((await post(token, 'draft/add', { articles: [article(cover)] })).media_id);
    const b = String((await post(token, 'draft/add', { articles: [article(cover)] })).media_id);
    await setNewsGroupState(herald.services.db, a, { state: 'sent' }, new Date());
    expect(await wxCall(herald, 'GET', `/cgi-bin/draft/count?access_token=${token}`)).toEqual({ total_count: 1 });
    expect(((await post(token, 'draft/batchget', { offset: 0, count: 5 })).item as Array<{ media_id: string }>).map((i) => i.media_id)).toEqual([b]);
    for (const call of [['draft/get', {}], ['draft/delete', {}], ['draft/update', { index: 0, articles: article(cover) }], ['freepublish/submit', {}]] as const) {
      expectWxError(await post(token, call[0], { media_id: a, ...call[1] }), 40007);
    }
    expect((await findNewsGroup(herald.services.db, account.id, a))?.state).toBe('sent');
  });

  it('holds at most 8 articles and answers WeChat errcodes for each field limit', async () => {
    const { token, cover } = await setup();
    const many = (n: number) => ({ articles: Array.from({ length: n }, () => article(cover)) });
    expect((await post(token, 'draft/add', many(8))).media_id).toBeTruthy();
    expectWxError(await post(token, 'draft/add', many(9)), 45008, 'article size out of limit');
    expectWxError(await post(token, 'draft/add', many(0)), 44003, 'empty news data');
    expectWxError(await post(token, 'draft/add', {}), 44003);
    expectWxError(await post(token, 'draft/add', { articles: 'x' }), 47001);
    expectWxError(await post(token, 'draft/add', [article(cover)]), 47001);
    const cases: Array<[Record<string, unknown>, number, string?]> = [
      [{ title: 'x'.repeat(33) }, 45003, 'title size out of limit'],
      [{ author: 'x'.repeat(17) }, 45110, 'author size out of limit'],
      [{ digest: 'x'.repeat(129) }, 45004, 'description size out of limit'],
      [{ content: 'x'.repeat(20_000) }, 45002, 'content size out of limit'],
      [{ content: '' }, 44004, 'empty content'],
      [{ title: '' }, 44003],
      [{ thumb_media_id: undefined }, 40007],
      [{ thumb_media_id: 'A'.repeat(64) }, 40007],
      [{ need_open_comment: 3 }, 40035],
      [{ content_source_url: 'ftp://x.example/' }, 40066],
      [{ pic_crop_235_1: '0_0_1' }, 40035],
      [{ title: 42 }, 0],
      [{ title: ['t'] }, 47001],
    ];
    for (const [extra, errcode, errmsg] of cases) {
      const r = await post(token, 'draft/add', { articles: [article(cover, extra)] });
      if (errcode === 0) expect(r.media_id, JSON.stringify(extra)).toBeTruthy();
      else expectWxError(r, errcode, errmsg);
    }
  });

  it('takes only the account\'s own permanent image or thumb materials as covers', async () => {
    const { account, token, cover } = await setup();
    const other = await setup();
    expectWxError(await post(token, 'draft/add', { articles: [article(other.cover)] }), 40007);
    const temporary = await uploadAccountMedia(herald.services, account, 'thumb', { bytes: PLACEHOLDER_JPEG });
    expectWxError(await post(token, 'draft/add', { articles: [article(temporary.id)] }), 40007);
    const thumb = await addMaterial(herald.services, { account, kind: 'thumb', file: { bytes: PLACEHOLDER_JPEG } });
    expect((await post(token, 'draft/add', { articles: [article(thumb.id)] })).media_id).toBeTruthy();
    // newspic: images must be image materials of the account; no cover needed.
    const pic = { article_type: 'newspic', title: 'Photos', content: 'three photos', image_info: { image_list: [{ image_media_id: cover }] } };
    const added = await post(token, 'draft/add', { articles: [pic] });
    const item = ((await post(token, 'draft/get', { media_id: added.media_id })).news_item as Record<string, unknown>[])[0];
    expect(item).toMatchObject({ article_type: 'newspic', image_info: { image_list: [{ image_media_id: cover }] }, thumb_media_id: '' });
    expectWxError(await post(token, 'draft/add', { articles: [{ ...pic, image_info: { image_list: [{ image_media_id: thumb.id }] } }] }), 40007);
    expectWxError(await post(token, 'draft/add', { articles: [{ ...pic, image_info: { image_list: [{ image_media_id: other.cover }] } }] }), 40007);
  });

  it('stores hostile HTML sanitized and drops images Herald does not serve', async () => {
    const { account, token, cover } = await setup();
    const own = `${herald.config.publicUrl}/media/${cover}`;
    const inline = (await uploadArticleImage(herald.services, { account, file: { bytes: PLACEHOLDER_PNG } })).url;
    const temporary = `${herald.config.publicUrl}/media/${(await uploadAccountMedia(herald.services, account, 'image', { bytes: PLACEHOLDER_PNG })).id}`;
    const content = `<p onmouseover="steal()">Hi</p><script>document.cookie</script><img src="${own}"><img src="${inline}"><img src="${temporary}"><img src="${herald.config.publicUrl}/media/unknownMedia"><img src="https://tracker.example/p.gif"><a href="javascript:alert(1)">x</a><iframe src="https://evil.example"></iframe><form action="/x"><input name="p"></form>`;
    const added = await post(token, 'draft/add', { articles: [article(cover, { content })] });
    const [row] = await findArticlesByGroup(herald.services.db, String(added.media_id));
    expect(row.accountId).toBe(account.id);
    expect(row.content).not.toMatch(/script|onmouseover|tracker|javascript:|iframe|<form|<input/i);
    expect(row.content).toContain(`<img src="${own}" />`);
    expect(row.content).toContain(`<img src="${inline}" />`);
    expect(row.content).not.toContain(temporary);
    expect(row.content).not.toContain('unknownMedia');
    expect(row.content).toContain('<p>Hi</p>');
  });

  it('refuses malformed, oversized and foreign arguments', async () => {
    const { token, cover } = await setup();
    const other = await setup();
    const theirs = String((await post(other.token, 'draft/add', { articles: [article(other.cover)] })).media_id);
    for (const path of ['draft/get', 'draft/delete']) {
      expectWxError(await post(token, path, { media_id: theirs }), 40007);
      expectWxError(await post(token, path, {}), 40007);
      expectWxError(await post(token, path, { media_id: 5 }), 40007);
      expectWxError(await post(token, path, { media_id: '../'.repeat(50) }), 40007);
      expectWxError(await post(token, path, { media_id: 'x'.repeat(5000) }), 40007);
    }
    expectWxError(await post(token, 'draft/update', { media_id: theirs, index: 0, articles: article(cover) }), 40007);
    expectWxError(await post(token, 'draft/update', { media_id: theirs, index: 0 }), 40007);
    for (const bad of [{}, { offset: 0, count: 0 }, { offset: 0, count: 21 }, { offset: -1, count: 1 }, { offset: 'a', count: 1 }, { offset: 0, count: 1, no_content: 2 }]) {
      expectWxError(await post(token, 'draft/batchget', bad), 40035);
    }
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/draft/add?access_token=${token}`, { body: '{"articles":[' }), 47001);
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/draft/add?access_token=${token}`, { body: '' }), 44002);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/draft/add?access_token=${token}`), 43002);
    const huge = JSON.stringify({ articles: [article(cover, { content: 'x'.repeat(11 * 1024 * 1024) })] });
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/draft/add?access_token=${token}`, { body: huge, headers: { 'content-type': 'application/json' } }), 45002);
    // Just under 1 MB of multi-byte text but over 20,000 characters.
    expectWxError(await post(token, 'draft/add', { articles: [article(cover, { content: '字'.repeat(300_000) })] }), 45002);
  });

  it('is for verified accounts of both types (48001 otherwise)', async () => {
    for (const opts of [{ type: 'subscription' as const, verified: false }, { type: 'service' as const, verified: false }]) {
      const made = await makeAccount(herald.services, opts);
      const token = await fetchToken(herald, made.appid, made.secret);
      expectWxError(await post(token, 'draft/add', { articles: [] }), 48001);
      expectWxError(await wxCall(herald, 'GET', `/cgi-bin/draft/count?access_token=${token}`), 48001);
    }
    const sub = await setup({ type: 'subscription', verified: true });
    expect((await post(sub.token, 'draft/add', { articles: [article(sub.cover)] })).media_id).toBeTruthy();
  });
});
