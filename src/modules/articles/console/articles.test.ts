import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkMiniProgram } from '../../../../test/factories/miniprograms.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../../test/consoleFixtures.js';
import { PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { consoleUpload, multipart } from '../../../../test/consoleUpload.js';

type Json = Record<string, any>;

/** An image material of the account, for covers and article images. */
async function imageMaterial(h: TestHerald, client: ConsoleClient, appid: string, n = 0): Promise<{ media_id: string; url: string }> {
  const { body, contentType } = multipart({ bytes: Buffer.concat([PLACEHOLDER_PNG, Buffer.from([n])]), filename: `cover${n}.png` });
  const r = await consoleUpload(h, client, `/console/api/accounts/${appid}/materials?type=image`, body, contentType);
  expect(r.status).toBe(201);
  return r.json.item as { media_id: string; url: string };
}

const article = (over: Json = {}): Json => ({
  title: 'Spring tea',
  author: 'Mei',
  digest: '',
  content: '<h2>First flush</h2><p>Picked by hand.</p>',
  content_source_url: '',
  thumb_media_id: '',
  need_open_comment: 1,
  only_fans_can_comment: 0,
  original: false,
  can_reprint: true,
  donations_enabled: false,
  ads_enabled: false,
  ...over,
});

describeEachDb('console drafts', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates, reads, lists, saves the whole group (add, reorder, remove) and deletes drafts', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid, account } = await makeAccount(h.services, { orgId: op.orgId });
    await linkMiniProgram(h.services.db, account.id, { appid: 'wx0123456789abcdef' });
    const base = `/console/api/accounts/${appid}`;
    const cover = await imageMaterial(h, client, appid);
    const content = `<h2>First flush</h2><blockquote><p>Tea is quiet.</p></blockquote><p>See <a href="https://tea.example.org/x">notes</a>.</p>`
      + `<img src="${cover.url}" alt="pot"><mp-miniprogram data-miniprogram-appid="wx0123456789abcdef" data-miniprogram-path="pages/a" data-miniprogram-title="Shop"></mp-miniprogram>`
      + `<script>alert(1)</script><img src="https://evil.example.com/x.png">`;
    const created = await client.post(`${base}/drafts`, { articles: [article({ content, thumb_media_id: cover.media_id, original: true, donations_enabled: true })] });
    expect(created.status).toBe(201);
    const draft = (created.json as Json).draft as Json;
    expect(draft.articles).toHaveLength(1);
    const a0 = draft.articles[0] as Json;
    expect(a0).toMatchObject({ title: 'Spring tea', author: 'Mei', thumb_media_id: cover.media_id, thumb_url: cover.url, original: true, donations_enabled: true, need_open_comment: 1 });
    // Sanitized with the shared rules: scripts and foreign images are gone, the rest kept.
    expect(a0.content).toContain('<h2>First flush</h2>');
    expect(a0.content).toContain('<blockquote>');
    expect(a0.content).toContain('data-miniprogram-appid="wx0123456789abcdef"');
    expect(a0.content).toContain(`src="${cover.url}"`);
    expect(a0.content).not.toContain('script');
    expect(a0.content).not.toContain('evil.example.com');
    // A single article gets a digest from its text when none is given.
    expect(a0.digest).toMatch(/^First flush/);

    const read = await client.get(`${base}/drafts/${draft.media_id}`);
    expect((read.json as Json).draft).toEqual(draft);

    // A signed preview of the unpublished article; the plain address shows nothing yet.
    const preview = await client.get(`${base}/articles/${a0.id}/preview`);
    expect(preview.status).toBe(200);
    const previewAt = new URL((preview.json as Json).url as string);
    expect(previewAt.pathname).toBe(`/s/${a0.id}`);
    expect(previewAt.searchParams.get('preview')).toBeTruthy();
    const page = await h.app.inject({ method: 'GET', url: previewAt.pathname + previewAt.search });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('First flush');
    expect((await h.app.inject({ method: 'GET', url: previewAt.pathname })).statusCode).toBe(404);
    expect((await client.get(`${base}/articles/nope/preview`)).status).toBe(404);

    h.services.clock.advance(2000);
    const second = await client.post(`${base}/drafts`, { articles: [article({ title: 'Second post', thumb_media_id: cover.media_id })] });
    expect(second.status).toBe(201);
    const list = (await client.get(`${base}/drafts`)).json as Json;
    expect(list.total).toBe(2);
    expect(list.drafts.map((d: Json) => d.title)).toEqual(['Second post', 'Spring tea']);
    expect(list.drafts[1]).toMatchObject({ media_id: draft.media_id, cover_url: cover.url, article_count: 1, titles: ['Spring tea'] });

    // The whole group: add two, then reorder and remove; page ids stay with their articles.
    const cover2 = await imageMaterial(h, client, appid, 1);
    const three = await client.put(`${base}/drafts/${draft.media_id}`, {
      articles: [{ ...a0 }, article({ title: 'Brewing', thumb_media_id: cover2.media_id }), article({ title: 'Cups', thumb_media_id: cover.media_id })],
    });
    expect(three.status).toBe(200);
    const threeArticles = ((three.json as Json).draft as Json).articles as Json[];
    expect(threeArticles.map((a) => a.title)).toEqual(['Spring tea', 'Brewing', 'Cups']);
    // Several articles: no digests.
    expect(threeArticles.every((a) => a.digest === '')).toBe(true);
    const reordered = await client.put(`${base}/drafts/${draft.media_id}`, { articles: [threeArticles[2], threeArticles[0]] });
    const after = ((reordered.json as Json).draft as Json).articles as Json[];
    expect(after.map((a) => [a.title, a.idx])).toEqual([['Cups', 0], ['Spring tea', 1]]);
    expect(((await client.get(`${base}/drafts`)).json as Json).drafts[0]).toMatchObject({ media_id: draft.media_id, title: 'Cups', article_count: 2 });

    const del = await client.request('DELETE', `${base}/drafts/${draft.media_id}`);
    expect(del.status).toBe(200);
    expect((await client.get(`${base}/drafts/${draft.media_id}`)).status).toBe(404);
    expect((await client.request('DELETE', `${base}/drafts/${draft.media_id}`)).status).toBe(404);
    expect(((await client.get(`${base}/drafts`)).json as Json).total).toBe(1);
  });

  it('refuses invalid articles with the field and the article named', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${appid}`;
    const cover = await imageMaterial(h, client, appid);
    const cases: Array<[Json[], string, number | undefined, RegExp]> = [
      [[article({ title: 'x'.repeat(33), thumb_media_id: cover.media_id })], 'title', 0, /at most 32/],
      [[article({ title: '   ', thumb_media_id: cover.media_id })], 'title', 0, /Enter a title/],
      [[article({ thumb_media_id: cover.media_id }), article({ author: 'a'.repeat(17), thumb_media_id: cover.media_id })], 'author', 1, /at most 16/],
      [[article({ digest: 'd'.repeat(129), thumb_media_id: cover.media_id })], 'digest', 0, /at most 128/],
      [[article({ thumb_media_id: 'not-a-material-of-this-account' })], 'thumb_media_id', 0, /cover/],
      [[article({ thumb_media_id: cover.media_id, donations_enabled: true })], 'donations_enabled', 0, /original/],
      [[article({ thumb_media_id: cover.media_id, content: '<script>x</script>' })], 'content', 0, /Write something/],
      [[article({ thumb_media_id: cover.media_id, content: 'x'.repeat(20_000) })], 'content', 0, /too long/],
      [[article({ thumb_media_id: cover.media_id, content_source_url: 'javascript:alert(1)' })], 'content_source_url', 0, /http/],
      [Array.from({ length: 9 }, () => article({ thumb_media_id: cover.media_id })), 'articles', undefined, /at most 8/],
      [[], 'articles', undefined, /at least one/],
    ];
    for (const [articles, field, index, message] of cases) {
      const r = await client.post(`${base}/drafts`, { articles });
      expect(r.status, field).toBe(400);
      const error = (r.json as Json).error as Json;
      expect(error.code, field).toBe('invalid_article');
      expect(error.details.field, JSON.stringify(error)).toBe(field);
      expect(error.details.index).toBe(index);
      expect(error.message).toMatch(message);
    }
    // A thumb of another account is not this account's material.
    const other = await makeAccount(h.services, { orgId: op.orgId });
    const theirs = await imageMaterial(h, client, other.appid, 5);
    const r = await client.post(`${base}/drafts`, { articles: [article({ thumb_media_id: theirs.media_id })] });
    expect(((r.json as Json).error as Json).details.field).toBe('thumb_media_id');
    expect(((await client.get(`${base}/drafts`)).json as Json).total).toBe(0);
    // A draft may be saved before its cover is chosen.
    const coverless = await client.post(`${base}/drafts`, { articles: [article({ thumb_media_id: '' })] });
    expect(coverless.status).toBe(201);
  });

  it('publishes a draft, reports the status to poll, and lists it with its counts', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${appid}`;
    const cover = await imageMaterial(h, client, appid);
    const coverless = await client.post(`${base}/drafts`, { articles: [article({ thumb_media_id: '' })] });
    const noCoverId = ((coverless.json as Json).draft as Json).media_id as string;
    const refused = await client.post(`${base}/drafts/${noCoverId}/publish`, {});
    expect(refused.status).toBe(400);
    expect(((refused.json as Json).error as Json).message).toMatch(/cover/);

    const created = await client.post(`${base}/drafts`, { articles: [article({ thumb_media_id: cover.media_id }), article({ title: 'Brewing', thumb_media_id: cover.media_id })] });
    const mediaId = ((created.json as Json).draft as Json).media_id as string;
    const submitted = await client.post(`${base}/drafts/${mediaId}/publish`, {});
    expect(submitted.status).toBe(202);
    const publish = (submitted.json as Json).publish as Json;
    expect(publish.publish_id).toMatch(/^\d+$/);
    let status = publish;
    await expect.poll(async () => {
      status = ((await client.get(`${base}/publish/${publish.publish_id}`)).json as Json).publish as Json;
      return status.status;
    }, { timeout: 30_000, interval: 200 }).toBe(0);
    expect(status.status_label).toBe('Published');
    expect(status.urls).toHaveLength(2);
    expect(status.urls[0]).toMatch(/\/s\/[A-Za-z0-9_-]+$/);

    const published = (await client.get(`${base}/published`)).json as Json;
    expect(published.total).toBe(1);
    expect(published.items[0].articles.map((a: Json) => a.title)).toEqual(['Spring tea', 'Brewing']);
    expect(published.items[0].articles[0]).toMatchObject({ read_count: 0, like_count: 0, wow_count: 0, share_count: 0, comment_count: 0, cover_url: cover.url, deleted: false });
    expect(published.items[0].articles[0].url).toBe(status.urls[0]);
    // Out of the draft box, and no longer editable or publishable.
    const drafts = (await client.get(`${base}/drafts`)).json as Json;
    expect(drafts.drafts.map((d: Json) => d.media_id)).toEqual([noCoverId]);
    expect((await client.post(`${base}/drafts/${mediaId}/publish`, {})).status).toBe(404);
    expect((await client.put(`${base}/drafts/${mediaId}`, { articles: [article({ thumb_media_id: cover.media_id })] })).status).toBe(404);
    for (const bad of ['0', '-1', 'abc', '99999999999999999999', '1e3']) {
      expect((await client.get(`${base}/publish/${bad}`)).status, bad).toBe(404);
    }
  });

  it('reports a publish rejected by content review with the passage found', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${appid}`;
    const cover = await imageMaterial(h, client, appid);
    const created = await client.post(`${base}/drafts`, {
      articles: [article({ thumb_media_id: cover.media_id }), article({ title: 'Odds', content: '<p>Visit our online casino tonight.</p>', thumb_media_id: cover.media_id })],
    });
    const mediaId = ((created.json as Json).draft as Json).media_id as string;
    const publish = ((await client.post(`${base}/drafts/${mediaId}/publish`, {})).json as Json).publish as Json;
    let status = publish;
    await expect.poll(async () => {
      status = ((await client.get(`${base}/publish/${publish.publish_id}`)).json as Json).publish as Json;
      return status.status;
    }, { timeout: 30_000, interval: 200 }).not.toBe(1);
    expect(status.status).toBe(4);
    expect(status.status_label).toMatch(/content review/);
    expect(status.violation).toMatchObject({ category: 'gambling', article_idx: 1 });
    expect(status.violation.passage).toContain('online casino');
    expect(((await client.get(`${base}/published`)).json as Json).total).toBe(0);
  });

  it("keeps other organizations' drafts apart", async () => {
    const a = await signedInOperator(h.app, h.services);
    const b = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: a.op.orgId });
    const cover = await imageMaterial(h, a.client, appid);
    const created = await a.client.post(`/console/api/accounts/${appid}/drafts`, { articles: [article({ thumb_media_id: cover.media_id })] });
    const id = ((created.json as Json).draft as Json).media_id as string;
    for (const [method, url, body] of [
      ['GET', `/console/api/accounts/${appid}/drafts`],
      ['GET', `/console/api/accounts/${appid}/drafts/${id}`],
      ['PUT', `/console/api/accounts/${appid}/drafts/${id}`, { articles: [article({ thumb_media_id: cover.media_id })] }],
      ['DELETE', `/console/api/accounts/${appid}/drafts/${id}`],
      ['GET', `/console/api/accounts/${appid}/published`],
      ['GET', `/console/api/accounts/${appid}/articles/${((created.json as Json).draft as Json).articles[0].id}/preview`],
    ] as const) {
      const r = await b.client.request(method, url, body);
      expect(r.status, `${method} ${url}`).toBe(404);
    }
    // The same draft id under another account of the same organization names nothing.
    const other = await makeAccount(h.services, { orgId: a.op.orgId });
    expect((await a.client.get(`/console/api/accounts/${other.appid}/drafts/${id}`)).status).toBe(404);
    expect((await a.client.get(`/console/api/accounts/${appid}/drafts/${id}`)).status).toBe(200);
  });
});
