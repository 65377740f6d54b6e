
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import { webotServer } from '../webot.js';
import { waitForValue as until } from '../wait.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { newAesKey } from '../devServer.js';
import { findAccountByAppid } from '../../src/modules/accounts/store/accounts.js';
import { articles } from '../../src/modules/articles/schema.js';
import { broadcastRecipients, broadcasts } from '../../src/modules/broadcasts/schema.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_JPEG, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../src/surfaces/sim/placeholders.js';

type Json = Record<string, unknown>;
interface CoApi {
  prefix: string;
  fileServerPrefix: string;
  uploadMedia(file: Buffer, type: string, filename: string, mime: string): Promise<{ media_id: string }>;
  uploadMaterial(filepath: string, type: string): Promise<{ media_id: string }>;
  uploadNewsMaterial(news: Json): Promise<{ media_id: string }>;
  uploadNews(news: Json): Promise<{ media_id: string }>;
  massSend(opts: Json, receivers: boolean | number | string[], clientMsgId?: string, sendIgnoreReprint?: number): Promise<Json>;
  massSendNews(mediaId: string, receivers: boolean | number | string[], clientMsgId?: string, sendIgnoreReprint?: number): Promise<Json>;
  massSendText(content: string, receivers: boolean | number | string[], clientMsgId?: string): Promise<Json>;
  massSendVoice(mediaId: string, receivers: boolean | number | string[]): Promise<Json>;
  massSendImage(mediaId: string, receivers: boolean | number | string[]): Promise<Json>;
  massSendVideo(mediaId: string, receivers: boolean | number | string[]): Promise<Json>;
  massSendMPVideo(data: Json, receivers: boolean | number | string[]): Promise<Json>;
  deleteMass(msgId: number): Promise<Json>;
  previewNews(openid: string, mediaId: string): Promise<Json>;
  previewText(openid: string, content: string): Promise<Json>;
  previewVoice(openid: string, mediaId: string): Promise<Json>;
  previewImage(openid: string, mediaId: string): Promise<Json>;
  previewVideo(openid: string, mediaId: string): Promise<Json>;
  getMassMessageStatus(msgId: number): Promise<Json>;
}
const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as new (appid: string, secret: string) => CoApi;

describeEachDb('co-wechat-api mass send against Herald', (kind) => {
  let herald: TestHerald;
  let dir: string;
  const files: Record<string, string> = {};
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    dir = mkdtempSync(path.join(os.tmpdir(), 'herald-mass-'));
    files.cover = path.join(dir, 'cover.jpg');
    writeFileSync(files.cover, PLACEHOLDER_JPEG);
  });
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
    await herald?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sim = async (method: 'POST' | 'PUT', url: string, body: object) => {
    const r = await herald.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json() as Json;
  };

  async function setup(followers: number) {
    const created = (await sim('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Mass SDK' })) as { appid: string; secret: string };
    const account = (await findAccountByAppid(herald.services.db, created.appid))!;
    const openids: string[] = [];
    for (let i = 0; i < followers; i++) {
      const user = (await sim('POST', '/sim/v1/users', { nickname: `Reader ${i}` })) as { id: string };
      openids.push(((await sim('POST', `/sim/v1/users/${user.id}/follow`, { account: created.appid })) as { openid: string }).openid);
    }
    const api = new CoWechatAPI(created.appid, created.secret);
    api.prefix = `${herald.url}/cgi-bin/`;
    api.fileServerPrefix = `${herald.url}/cgi-bin/`;
    return { account, appid: created.appid, api, openids };
  }

  const statusOf = (api: CoApi, msgId: number) => until(`push post ${msgId} to finish`, async () => {
    const s = await api.getMassMessageStatus(msgId);
    return s.msg_status === 'SENDING' ? undefined : s.msg_status;
  });

  it('upload → add news → sendall → MASSSENDJOBFINISH with exact counts at a `wechat` middleware server', async () => {
    const { account, appid, api, openids } = await setup(3);
    const token = 'masstoken';
    const aesKey = newAesKey();
    const server = await webotServer({ token, appid, encodingAESKey: aesKey });
    closers.push(server.close);
    await sim('PUT', `/sim/v1/accounts/${appid}/server`, { url: server.url, token, encoding_aes_key: aesKey, mode: 'safe' });

    // Two followers already received four push posts this month (openid-list sends do not use the
    // account's quota): the 4-a-month rule filters them out of the sendall below.
    for (let i = 0; i < 4; i++) {
      const r = await api.massSendText(`warm-up ${i}`, [openids[0], openids[1]]);
      expect(r).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
      expect(await statusOf(api, Number(r.msg_id))).toBe('SEND_SUCCESS');
    }

    const cover = await api.uploadMaterial(files.cover, 'thumb');
    const news = await api.uploadNewsMaterial({
      articles: [
        { title: 'Spring launch', thumb_media_id: cover.media_id, author: 'Team', digest: 'What is new', show_cover_pic: 1, content: '<p>Our spring line is here.</p>', content_source_url: '' },
        { title: 'Behind the scenes', thumb_media_id: cover.media_id, author: 'Team', digest: 'How we made it', show_cover_pic: 0, content: '<p>Making of.</p>', content_source_url: '' },
      ],
    });
    const sent = await api.massSendNews(news.media_id, true, 'launch-1', 0);
    expect(sent).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
    const msgId = Number(sent.msg_id);
    expect(Number(sent.msg_data_id)).toBeGreaterThan(0);

    const finish = await until('MASSSENDJOBFINISH', () => server.received.find((m) => m.Event === 'MASSSENDJOBFINISH' && m.MsgID === String(msgId)));
    expect(finish).toMatchObject({
      ToUserName: account.originalId,
      FromUserName: 'mphelper',
      MsgType: 'event',
      MsgID: String(msgId),
      Status: 'send success',
      TotalCount: '3',
      FilterCount: '1',
      SentCount: '1',
      ErrorCount: '0',
    });
    expect(JSON.stringify(finish.CopyrightCheckResult)).toContain('"CheckState":"1"');
    const urls = JSON.stringify(finish.ArticleUrlResult);
    expect(urls).toContain('"Count":"2"');
    expect(urls).toMatch(/\/s\//);
    expect(await statusOf(api, msgId)).toBe('SEND_SUCCESS');
    const recipients = await herald.services.db.select().from(broadcastRecipients).where(eq(broadcastRecipients.broadcastId, msgId));
    expect(recipients.map((r) => r.openid)).toEqual([openids[2]]);
    const live = await herald.services.db.select().from(articles).where(eq(articles.groupId, news.media_id));
    expect(live).toHaveLength(2);
    expect(live.every((a) => a.publishedAt !== null)).toBe(true);

    // The warm-up posts' finish events arrived too, one each.
    expect(server.received.filter((m) => m.Event === 'MASSSENDJOBFINISH')).toHaveLength(5);

    expect(await api.deleteMass(msgId)).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(await api.getMassMessageStatus(msgId)).toEqual({ msg_id: msgId, msg_status: 'DELETE' });
    await expectSdkCovered(herald, account.id, 'co-wechat-api', [
      '/cgi-bin/message/mass/send',
      '/cgi-bin/message/mass/sendall',
      '/cgi-bin/message/mass/get',
      '/cgi-bin/message/mass/delete',
    ]);
  });

  it('sends and previews every msgtype co-wechat-api has a function for', async () => {
    const { account, api, openids } = await setup(2);
    const image = await api.uploadMedia(PLACEHOLDER_PNG, 'image', 'p.png', 'image/png');
    const voice = await api.uploadMedia(PLACEHOLDER_AMR, 'voice', 'v.amr', 'audio/amr');
    const video = await api.uploadMedia(PLACEHOLDER_MP4, 'video', 'v.mp4', 'video/mp4');
    const cover = await api.uploadMaterial(files.cover, 'thumb');
    const news = await api.uploadNews({ articles: [{ title: 'Temporary news', thumb_media_id: cover.media_id, author: 'A', digest: 'd', show_cover_pic: 1, content: '<p>Body</p>', content_source_url: '' }] });

    const [a] = openids;
    for (const preview of [
      api.previewNews(a, news.media_id),
      api.previewText(a, 'Preview text'),
      api.previewImage(a, image.media_id),
      api.previewVoice(a, voice.media_id),
    ]) {
      const r = await preview;
      expect(r).toMatchObject({ errcode: 0, errmsg: 'preview success' });
      expect(typeof r.msg_id).toBe('number');
    }
    const mpvideo = await api.massSendMPVideo({ media_id: video.media_id, title: 'Clip', description: 'A short clip' }, openids);
    expect(mpvideo).toMatchObject({ errcode: 0 });
    const sends = [
      await api.massSendImage(image.media_id, openids),
      await api.massSendVoice(voice.media_id, openids),
      await api.massSend({ msgtype: 'text', text: { content: 'generic' } }, openids),
      await api.massSendNews(news.media_id, 2, undefined, 1),
    ];
    for (const r of sends) expect(r).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
    for (const r of [mpvideo, ...sends]) expect(await statusOf(api, Number(r.msg_id))).toBe(r === sends[3] ? 'SEND_FAIL' : 'SEND_SUCCESS');

    // A video for mass sending comes from media/uploadvideo: preview it too.
    const stored = await herald.services.db.select().from(broadcasts).where(eq(broadcasts.id, Number(mpvideo.msg_id))).then((r) => r[0]);
    const videoPreview = await api.previewVideo(a, String((stored?.payload as { media_id: string } | undefined)?.media_id));
    expect(videoPreview).toMatchObject({ errcode: 0, errmsg: 'preview success' });

    const err = await api.massSendVideo('not-a-video', openids).then(() => undefined, (e: { code?: number }) => e);
    expect(err?.code).toBe(40007);
    await expectSdkCovered(herald, account.id, 'co-wechat-api', [
      '/cgi-bin/message/mass/preview',
      '/cgi-bin/message/mass/send',
      '/cgi-bin/message/mass/sendall',
      '/cgi-bin/message/mass/get',
      '/cgi-bin/media/uploadvideo',
      '/cgi-bin/media/uploadnews',
    ]);
  });
});
