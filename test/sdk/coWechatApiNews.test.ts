/**
 * co-wechat-api 3.x, unmodified, with news materials and uploadnews: the SDK has no draft or
 * freepublish functions (those are tested over raw HTTP next to their routes).
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { PLACEHOLDER_JPEG, PLACEHOLDER_PNG } from '../../src/surfaces/sim/placeholders.js';
import { findNewsGroup } from '../../src/modules/articles/store/newsGroups.js';

interface NewsBody { articles: unknown }
interface CoApi {
  prefix: string;
  mpPrefix: string;
  fileServerPrefix: string;
  uploadImageMaterial(filepath: string): Promise<{ media_id: string; url: string }>;
  uploadThumbMedia(filepath: string): Promise<{ media_id: string; thumb_media_id?: string; type: string }>;
  uploadNewsMaterial(news: NewsBody): Promise<{ media_id: string }>;
  updateNewsMaterial(news: { media_id: string; index: number; articles: unknown }): Promise<{ errcode: number; errmsg: string }>;
  uploadNews(news: NewsBody): Promise<{ type: string; media_id: string; created_at: number }>;
  getMaterials(type: string, offset: number, count: number): Promise<{ total_count: number; item: Array<{ media_id: string; content: { news_item: Array<Record<string, unknown>> } }> }>;
}
type CoApiClass = new (appid: string, secret: string) => CoApi;
const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as CoApiClass;

function clientFor(herald: TestHerald, appid: string, secret: string): CoApi {
  const api = new CoWechatAPI(appid, secret);
  api.prefix = `${herald.url}/cgi-bin/`;
  api.mpPrefix = `${herald.url}/cgi-bin/`;
  api.fileServerPrefix = `${herald.url}/cgi-bin/`;
  return api;
}

describeEachDb('co-wechat-api news materials and uploadnews', (kind) => {
  let herald: TestHerald;
  let dir: string;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    dir = mkdtempSync(path.join(os.tmpdir(), 'herald-news-sdk-'));
    writeFileSync(path.join(dir, 'cover.png'), PLACEHOLDER_PNG);
    writeFileSync(path.join(dir, 'thumb.jpg'), PLACEHOLDER_JPEG);
  });
  afterAll(async () => {
    await herald?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds and updates a news material (index 0-based) and uploads a news for mass send', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const api = clientFor(herald, appid, secret);
    const cover = await api.uploadImageMaterial(path.join(dir, 'cover.png'));
    const article = (title: string) => ({ title, thumb_media_id: cover.media_id, author: 'Ed', digest: '', show_cover_pic: 1, content: `<p>${title} body</p>`, content_source_url: 'https://example.com/src' });

    const added = await api.uploadNewsMaterial({ articles: [article('First'), article('Second')] });
    expect(added.media_id).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(await api.updateNewsMaterial({ media_id: added.media_id, index: 1, articles: article('Second, revised') })).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const listed = await api.getMaterials('news', 0, 10);
    expect(listed.total_count).toBe(1);
    const items = listed.item[0].content.news_item;
    expect(items.map((i) => i.title)).toEqual(['First', 'Second, revised']);
    expect(items[0]).toMatchObject({ thumb_media_id: cover.media_id, show_cover_pic: 1, author: 'Ed', content_source_url: 'https://example.com/src' });

    // uploadnews takes a temporary thumb (media/upload) as its cover and lives 3 days.
    const thumb = await api.uploadThumbMedia(path.join(dir, 'thumb.jpg'));
    const before = Math.floor(herald.services.clock.nowMs() / 1000);
    const uploaded = await api.uploadNews({ articles: [{ ...article('For the mass send'), thumb_media_id: thumb.thumb_media_id ?? thumb.media_id }] });
    expect(uploaded.type).toBe('news');
    expect(uploaded.created_at).toBeGreaterThanOrEqual(before - 1);
    const group = await findNewsGroup(herald.services.db, account.id, uploaded.media_id);
    expect(group).toMatchObject({ origin: 'uploadnews', state: 'draft' });
    expect(group!.expiresAt!.getTime() - group!.createdAt.getTime()).toBe(3 * 24 * 3600 * 1000);

    // Refusals surface as the SDK's WeChatAPIError with WeChat's errcode.
    const tooMany = (await api.uploadNewsMaterial({ articles: Array.from({ length: 9 }, () => article('x')) }).catch((e: unknown) => e)) as { name: string; code: number };
    expect(tooMany).toMatchObject({ name: 'WeChatAPIError', code: 45008 });
    const longTitle = (await api.uploadNews({ articles: [article('t'.repeat(33))] }).catch((e: unknown) => e)) as { code: number };
    expect(longTitle.code).toBe(45003);

    await expectSdkCovered(herald, account.id, 'co-wechat-api', ['/cgi-bin/material/add_news', '/cgi-bin/material/update_news', '/cgi-bin/media/uploadnews']);
  });
});
