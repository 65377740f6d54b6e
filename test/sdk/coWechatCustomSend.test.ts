/**
 * Customer-service messages and temporary media through co-wechat-api 3.x, unmodified, against
 * Herald on a real loopback port: every send* method, uploadMedia / getMedia, and the message
 * window (5 messages in 48 hours after a user message, 3 within a minute after a follow) with
 * the emulator clock.
 */
import { createRequire } from 'node:module';
import { linkMiniProgram } from '../factories/miniprograms.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { fetchToken, wxCall } from '../wxClient.js';
import { makeKf, makeKfAccountOwner } from '../factories/kf.js';
import { createFollowerUser } from '../../src/modules/followers/commands/followerUserCreator.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { unfollowAccount } from '../../src/modules/followers/commands/unfollowAccount.js';
import { sendUserMessage } from '../../src/modules/messaging/commands/userMessageSender.js';
import { listUserConversation } from '../../src/modules/messaging/store/conversations.js';
import { listKfRecords } from '../../src/modules/kf/store/kfRecords.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_JPEG, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../src/surfaces/sim/placeholders.js';

type Json = Record<string, unknown>;
interface CoApi {
  prefix: string;
  sendText(openid: string, text: string): Promise<Json>;
  sendImage(openid: string, mediaId: string): Promise<Json>;
  sendVoice(openid: string, mediaId: string): Promise<Json>;
  sendVideo(openid: string, mediaId: string, thumbMediaId: string): Promise<Json>;
  sendMusic(openid: string, music: Json): Promise<Json>;
  sendNews(openid: string, articles: Json[]): Promise<Json>;
  sendMpNews(openid: string, mediaId: string): Promise<Json>;
  sendMiniProgram(openid: string, mp: Json): Promise<Json>;
  sendCard(openid: string, cardId: string): Promise<Json>;
  uploadMedia(file: Buffer, type: string, filename: string, mime: string): Promise<{ type: string; media_id: string; created_at: number }>;
  getMedia(mediaId: string): Promise<Buffer>;
}
const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as new (appid: string, secret: string) => CoApi;

function clientFor(herald: TestHerald, appid: string, secret: string): CoApi {
  const api = new CoWechatAPI(appid, secret);
  api.prefix = `${herald.url}/cgi-bin/`;
  return api;
}

async function errcodeOf(p: Promise<unknown>): Promise<number | string> {
  const err = (await p.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name?: string; code?: number } | undefined;
  if (!err) return 'no error';
  expect(err.name).toBe('WeChatAPIError');
  return err.code ?? 'no code';
}

describeEachDb('co-wechat-api customer-service messages against Herald', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await herald?.close();
  });

  /** A verified service account, a follower who just wrote (a window of 5 messages), and the SDK. */
  async function setup() {
    const { account, appid, secret } = await makeAccount(herald.services);
    await linkMiniProgram(herald.services.db, account.id, { appid: 'wx0123456789abcdef' });
    const user = await createFollowerUser(herald.services, { nickname: 'Reader' });
    const openid = await followAccount(herald.services, user.id, appid);
    return { account, appid, secret, user, openid, api: clientFor(herald, appid, secret) };
  }

  it('sends every message type and records each in the conversation', async () => {
    const { account, appid, secret, user, openid, api } = await setup();
    const image = await api.uploadMedia(PLACEHOLDER_PNG, 'image', 'p.png', 'image/png');
    expect(image).toMatchObject({ type: 'image' });
    expect(typeof image.created_at).toBe('number');
    const voice = await api.uploadMedia(PLACEHOLDER_AMR, 'voice', 'v.amr', 'audio/amr');
    const video = await api.uploadMedia(PLACEHOLDER_MP4, 'video', 'v.mp4', 'video/mp4');
    const thumb = await api.uploadMedia(PLACEHOLDER_JPEG, 'thumb', 't.jpg', 'image/jpeg');
    const fetched = await api.getMedia(image.media_id);
    expect(Buffer.isBuffer(fetched) && fetched.equals(PLACEHOLDER_PNG)).toBe(true);

    // Three user messages open three windows: 15 messages to send.
    for (const content of ['1', '2', '3']) await sendUserMessage(herald.services, user.id, appid, { msgtype: 'text', content });
    expect(await api.sendText(openid, 'Hello 👋')).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(await api.sendImage(openid, image.media_id)).toMatchObject({ errcode: 0 });
    expect(await api.sendVoice(openid, voice.media_id)).toMatchObject({ errcode: 0 });
    expect(await api.sendVideo(openid, video.media_id, thumb.media_id)).toMatchObject({ errcode: 0 });
    expect(await api.sendMusic(openid, { title: 'Song', description: 'Good', musicurl: 'http://m.example.com/a.mp3', hqmusicurl: 'http://m.example.com/hq.mp3', thumb_media_id: thumb.media_id })).toMatchObject({ errcode: 0 });
    expect(await api.sendNews(openid, [{ title: 'News', description: 'Today', url: 'http://example.com/n', picurl: 'http://example.com/n.png' }])).toMatchObject({ errcode: 0 });
    expect(await api.sendMpNews(openid, 'PERMANENT_NEWS_MEDIA_ID')).toMatchObject({ errcode: 0 });
    expect(await api.sendMiniProgram(openid, { title: 'Shop', appid: 'wx0123456789abcdef', pagepath: 'pages/shop?id=1', thumb_media_id: thumb.media_id })).toMatchObject({ errcode: 0 });
    expect(await api.sendCard(openid, 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc')).toMatchObject({ errcode: 0 });
    // Types co-wechat-api has no method for, sent as raw JSON.
    const token = await fetchToken(herald, appid, secret);
    const raw = (body: Json) => wxCall(herald, 'POST', `/cgi-bin/message/custom/send?access_token=${token}`, { body: { touser: openid, ...body } });
    expect(await raw({ msgtype: 'msgmenu', msgmenu: { head_content: 'Rate us', list: [{ id: '101', content: 'Good' }, { id: 102, content: 'Bad' }], tail_content: 'Thanks' } })).toMatchObject({ errcode: 0 });
    expect(await raw({ msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: 'ARTICLE_ID_1' } })).toMatchObject({ errcode: 0 });
    expect(await raw({ msgtype: 'link', link: { title: 'Page', description: 'A page', url: 'https://example.com/p', thumb_url: 'https://example.com/p.png' } })).toMatchObject({ errcode: 0 });

    const rows = (await listUserConversation(herald.services.db, user.id, { accountId: account.id })).filter((r) => r.direction === 'out');
    expect(rows.map((r) => [r.source, r.msgType])).toEqual(
      ['text', 'image', 'voice', 'video', 'music', 'news', 'mpnews', 'miniprogrampage', 'wxcard', 'msgmenu', 'mpnewsarticle', 'link'].map((t) => ['custom', t]),
    );
    const content = Object.fromEntries(rows.map((r) => [r.msgType, r.content]));
    expect(content.text).toEqual({ content: 'Hello 👋' });
    expect(content.image).toEqual({ media_id: image.media_id, url: `/media/${image.media_id}` });
    expect(content.video).toMatchObject({ media_id: video.media_id, thumb_media_id: thumb.media_id });
    expect(content.msgmenu).toEqual({ head_content: 'Rate us', list: [{ id: '101', content: 'Good' }, { id: '102', content: 'Bad' }], tail_content: 'Thanks' });
    expect(content.miniprogrampage).toMatchObject({ appid: 'wx0123456789abcdef', pagepath: 'pages/shop?id=1', thumb_url: `/media/${thumb.media_id}` });
    expect(rows.every((r) => r.placement === 'chats' && r.notify)).toBe(true);

    // The follower answers a msgmenu option.
    const answer = await sendUserMessage(herald.services, user.id, appid, { msgtype: 'text', content: 'Good', bizmsgmenuid: '101' });
    expect(answer.message.content).toEqual({ content: 'Good', bizmsgmenuid: '101' });

    await expectSdkCovered(herald, account.id, 'co-wechat-api', ['/cgi-bin/message/custom/send', '/cgi-bin/media/upload', '/cgi-bin/media/get']);
  });

  it('allows 5 messages in the 48 hours after a user message, then 45047; after 48 hours 45015', async () => {
    const { appid, user, openid, api } = await setup();
    herald.services.clock.advance(61_000); // the follow window closes
    expect(await errcodeOf(api.sendText(openid, 'too early'))).toBe(45015);
    await sendUserMessage(herald.services, user.id, appid, { msgtype: 'text', content: 'hi' });
    for (let i = 1; i <= 5; i++) expect(await api.sendText(openid, `answer ${i}`)).toMatchObject({ errcode: 0 });
    expect(await errcodeOf(api.sendText(openid, 'sixth'))).toBe(45047);
    herald.services.clock.advance(47 * 3600 * 1000);
    expect(await errcodeOf(api.sendText(openid, 'still used up'))).toBe(45047);
    herald.services.clock.advance(3600 * 1000);
    expect(await errcodeOf(api.sendText(openid, 'too late'))).toBe(45015);
    // A new message opens a new window.
    await sendUserMessage(herald.services, user.id, appid, { msgtype: 'text', content: 'back' });
    expect(await api.sendText(openid, 'welcome back')).toMatchObject({ errcode: 0 });
  });

  it('allows 3 messages within a minute of a follow, then 45047; after a minute 45015', async () => {
    const { api, openid } = await setup();
    for (let i = 1; i <= 3; i++) expect(await api.sendText(openid, `welcome ${i}`)).toMatchObject({ errcode: 0 });
    expect(await errcodeOf(api.sendText(openid, 'fourth'))).toBe(45047);
    herald.services.clock.advance(60_000);
    expect(await errcodeOf(api.sendText(openid, 'late'))).toBe(45015);
  });

  it('refuses strangers, unfollowed users, bad media and bad messages with WeChat errcodes', async () => {
    const { appid, secret, user, openid, api } = await setup();
    const token = await fetchToken(herald, appid, secret);
    const send = (body: unknown) => wxCall(herald, 'POST', `/cgi-bin/message/custom/send?access_token=${token}`, { body: body as object });
    const code = async (body: unknown) => (await send(body)).errcode;
    expect(await code({ touser: 'oNOBODY0000000000000000000000', msgtype: 'text', text: { content: 'x' } })).toBe(40003);
    expect(await code({ touser: "'; drop table follows;--", msgtype: 'text', text: { content: 'x' } })).toBe(40003);
    expect(await code({ touser: openid, msgtype: 'sticker', sticker: {} })).toBe(40008);
    expect(await code({ touser: openid, msgtype: 'text', text: { content: '' } })).toBe(44004);
    expect(await code({ touser: openid, msgtype: 'text', text: {} })).toBe(44004);
    expect(await code({ touser: openid, msgtype: 'text', text: { content: '字'.repeat(683) } })).toBe(45002);
    expect(await code({ touser: openid, msgtype: 'image', image: { media_id: 'unknown_media' } })).toBe(40007);
    expect(await code({ touser: openid, msgtype: 'image', image: {} })).toBe(40007);
    expect(await code({ touser: openid, msgtype: 'news', news: { articles: [] } })).toBe(44003);
    const article = { title: 'A', description: 'B', url: 'http://example.com', picurl: 'http://example.com/p.png' };
    expect(await code({ touser: openid, msgtype: 'news', news: { articles: [article, article] } })).toBe(45008);
    expect(await code({ touser: openid, msgtype: 'miniprogrampage', miniprogrampage: { title: 't', appid: 'nope', pagepath: 'p', thumb_media_id: 'x' } })).toBe(40013);
    expect(await code({ touser: openid, msgtype: 'text', text: { content: 'x' }, customservice: { kf_account: 'ghost@nowhere' } })).toBe(65401);
    // Another account's media cannot be sent.
    const other = await makeAccount(herald.services);
    const otherMedia = await clientFor(herald, other.appid, other.secret).uploadMedia(PLACEHOLDER_PNG, 'image', 'o.png', 'image/png');
    expect(await code({ touser: openid, msgtype: 'image', image: { media_id: otherMedia.media_id } })).toBe(40007);
    // An unsubscribed follower: 43004, and their windows are closed for good.
    await unfollowAccount(herald.services, user.id, appid);
    expect(await errcodeOf(api.sendText(openid, 'gone'))).toBe(43004);
    await followAccount(herald.services, user.id, appid);
    expect(await api.sendText(openid, 'welcome back')).toMatchObject({ errcode: 0 });
    // None of the refusals used up the window: two more fit.
    expect(await api.sendText(openid, 'two')).toMatchObject({ errcode: 0 });
    expect(await api.sendText(openid, 'three')).toMatchObject({ errcode: 0 });
    expect(await errcodeOf(api.sendText(openid, 'four'))).toBe(45047);
  });

  it('answers a representative (customservice.kf_account) as kf and records it', async () => {
    const owner = await makeKfAccountOwner(herald.services);
    const kf = await makeKf(herald.services, owner.account.id, owner.wechatId, 'anna');
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, owner.appid);
    const token = await fetchToken(herald, owner.appid, owner.secret);
    const r = await wxCall(herald, 'POST', `/cgi-bin/message/custom/send?access_token=${token}`, {
      body: { touser: openid, msgtype: 'text', text: { content: 'Anna here' }, customservice: { kf_account: kf.toUpperCase().replace(owner.wechatId.toUpperCase(), owner.wechatId) } },
    });
    expect(r).toMatchObject({ errcode: 0 });
    const [row] = (await listUserConversation(herald.services.db, user.id, { accountId: owner.account.id })).filter((m) => m.direction === 'out');
    expect(row).toMatchObject({ source: 'kf', kfAccount: kf, msgType: 'text', content: { content: 'Anna here' } });
    const records = await listKfRecords(herald.services.db, owner.account.id, { from: new Date(0), to: new Date(Date.UTC(9999, 0)), openid, limit: 50 });
    expect(records.some((rec) => rec.opercode === 2002 && rec.worker === kf && rec.text === 'Anna here')).toBe(true);
  });

  it('shows a typing indicator only inside a window', async () => {
    const { appid, secret, openid } = await setup();
    const token = await fetchToken(herald, appid, secret);
    const typing = (command: string) => wxCall(herald, 'POST', `/cgi-bin/message/custom/typing?access_token=${token}`, { body: { touser: openid, command } });
    expect(await typing('Typing')).toMatchObject({ errcode: 0 });
    expect(await typing('CancelTyping')).toMatchObject({ errcode: 0 });
    expect((await typing('Dancing')).errcode).toBe(40035);
    herald.services.clock.advance(61_000);
    expect((await typing('Typing')).errcode).toBe(45015);
  });

  it('is refused to accounts without the customer-service capability', async () => {
    const { appid, secret } = await makeAccount(herald.services, { type: 'subscription', verified: false });
    const token = await fetchToken(herald, appid, secret);
    const r = await wxCall(herald, 'POST', `/cgi-bin/message/custom/send?access_token=${token}`, { body: { touser: 'x', msgtype: 'text', text: { content: 'x' } } });
    expect(r.errcode).toBe(48001);
  });
});
