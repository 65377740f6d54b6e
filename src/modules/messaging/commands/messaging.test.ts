import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { startDevServer, xmlField, type DevServer } from '../../../../test/devServer.js';
import { makeKf, makeKfAccountOwner } from '../../../../test/factories/kf.js';
import { follows } from '../../followers/schema.js';
import { serviceWindows } from '../schema.js';
import { createFollowerUser } from '../../followers/commands/followerUserCreator.js';
import { followAccount } from '../../followers/commands/followAccount.js';
import { unfollowAccount } from '../../followers/commands/unfollowAccount.js';
import { sendUserMessage } from './userMessageSender.js';
import { sendCustomMessage } from './customMessageSender.js';
import { uploadFollowerMedia } from '../../media/commands/mediaUploader.js';
import { clickMenu } from '../../menus/commands/menuClicker.js';
import { scanQr } from '../../qrcodes/commands/qrScanner.js';
import { reportLocation } from '../../followers/commands/locationReporter.js';
import { setAutoReply } from '../../autoreplies/commands/autoReplySetter.js';
import { createKeywordRule } from '../../autoreplies/commands/autoReplyRuleCreator.js';
import { createKfSession } from '../../kf/commands/kfSessionCreator.js';
import { createQrCode } from '../../qrcodes/commands/qrCodeCreator.js';
import { publishMenu } from '../../menus/commands/menuPublisher.js';
import { configureServer } from '../../callbacks/commands/serverConfigurator.js';
import { uploadAccountMedia } from '../../media/commands/mediaUploader.js';
import { listUserConversation } from '../store/conversations.js';
import { getDelivery, listDeliveries } from '../../callbacks/store/deliveries.js';
import { listKfRecords } from '../../kf/store/kfRecords.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { waitForDelivery } from '../../callbacks/jobs/deliveryWaiter.js';

describeEachDb('messaging commands', (kind) => {
  let herald: TestHerald;
  const devs: DevServer[] = [];
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterEach(async () => {
    await Promise.all(devs.splice(0).map((d) => d.close()));
  });
  afterAll(async () => {
    await herald.close();
  });

  const conversation = async (userId: string, accountId: string) => listUserConversation(herald.services.db, userId, { accountId });

  async function withServer(opts: { type?: 'service' | 'subscription'; verified?: boolean } = {}) {
    const made = await makeAccount(herald.services, opts);
    const dev = await startDevServer({ token: 'msgtoken' });
    devs.push(dev);
    await configureServer(herald.services, made.account.id, { url: dev.url, token: 'msgtoken', encodingAesKey: null, mode: 'plaintext' });
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, made.appid);
    return { ...made, dev, user, openid };
  }

  it('answers with the account’s auto-replies when it has no developer server', async () => {
    const { account, appid } = await makeAccount(herald.services, { type: 'subscription', verified: true });
    await setAutoReply(herald.services, account.id, 'subscribe', { replies: [{ type: 'text', content: 'Thanks for following!' }] });
    await setAutoReply(herald.services, account.id, 'default', { replies: [{ type: 'text', content: 'We will get back to you.' }] });
    await createKeywordRule(herald.services, account.id, {
      keywords: [{ text: 'price', match: 'contains' }],
      replies: [{ type: 'news', title: 'Prices', description: 'All of them', url: 'https://example.com/prices', picurl: '' }],
    });
    const user = await createFollowerUser(herald.services, {});
    await followAccount(herald.services, user.id, appid);
    const priced = await sendUserMessage(herald.services, user.id, appid, { msgtype: 'text', content: 'What is the PRICE?' });
    expect(priced.route).toBe('autoreply');
    expect(priced.replies.map((r) => [r.source, r.msg_type])).toEqual([['autoreply', 'news']]);
    const other = await sendUserMessage(herald.services, user.id, appid, { msgtype: 'location', location_x: 1, location_y: 2 });
    expect(other.replies.map((r) => r.content)).toEqual([{ content: 'We will get back to you.' }]);
    const rows = await conversation(user.id, account.id);
    expect(rows.map((r) => [r.direction, r.source, r.msgType])).toEqual([
      ['out', 'autoreply', 'text'],
      ['in', 'user', 'text'],
      ['out', 'autoreply', 'news'],
      ['in', 'user', 'location'],
      ['out', 'autoreply', 'text'],
    ]);
    // A subscription account's messages go to the Subscriptions folder and do not notify.
    expect(rows.every((r) => r.placement === 'subscriptions' && r.notify === false)).toBe(true);
    // With a server enabled, the auto-replies stay silent.
    const dev = await startDevServer({ token: 'msgtoken' });
    devs.push(dev);
    await configureServer(herald.services, account.id, { url: dev.url, token: 'msgtoken', encodingAesKey: null, mode: 'plaintext' });
    const pushed = await sendUserMessage(herald.services, user.id, appid, { msgtype: 'text', content: 'price?' });
    expect(pushed).toMatchObject({ route: 'server', replies: [] });
  });

  it('routes messages of a follower with a representative to the representative, not the server', async () => {
    const owner = await makeKfAccountOwner(herald.services);
    const kf = await makeKf(herald.services, owner.account.id, owner.wechatId, 'bo');
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, owner.appid);
    await createKfSession(herald.services, owner.account.id, { kfAccount: kf, openid });
    const before = (await listDeliveries(herald.services.db, owner.account.id, { limit: 100 })).length;
    const sent = await sendUserMessage(herald.services, user.id, owner.appid, { msgtype: 'text', content: 'Can I return this?' });
    expect(sent.route).toBe('kf');
    expect(sent.deliveryId).toBeUndefined();
    expect((await listDeliveries(herald.services.db, owner.account.id, { limit: 100 })).length).toBe(before);
    const records = await listKfRecords(herald.services.db, owner.account.id, { from: new Date(0), to: new Date(Date.UTC(9999, 0)), openid, limit: 50 });
    expect(records.some((r) => r.opercode === 2003 && r.worker === kf && r.text === 'Can I return this?')).toBe(true);
    // The representative answers through the same path the console uses.
    const reply = await sendCustomMessage(herald.services, owner.account, { touser: openid, msgtype: 'text', text: { content: 'Sure.' }, customservice: { kf_account: kf } });
    expect(reply.message).toMatchObject({ source: 'kf', kf_account: kf, direction: 'out' });
  });

  it('records a plain message to an account with a server in one call, exactly as the careful path would', async () => {
    const { account, appid } = await makeKfAccountOwner(herald.services);
    const dev = await startDevServer({ token: 'msgtoken' });
    devs.push(dev);
    await configureServer(herald.services, account.id, { url: dev.url, token: 'msgtoken', encodingAesKey: null, mode: 'plaintext' });
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, appid);
    const sent = await sendUserMessage(herald.services, user.id, appid, { msgtype: 'link', title: 'A <b>&', url: 'https://example.com/x', description: 'oHERALD' });
    expect(sent).toMatchObject({ route: 'server', openid, replies: [] });
    const d = await getDelivery(herald.services.db, account.id, sent.deliveryId!);
    expect(d).toMatchObject({ kind: 'message', label: 'link', msgId: sent.msgId, openid });
    expect(xmlField(d!.payloadXml, 'FromUserName')).toBe(openid);
    expect(xmlField(d!.payloadXml, 'ToUserName')).toBe(account.originalId);
    expect(xmlField(d!.payloadXml, 'Title')).toBe('A <b>&');
    expect(xmlField(d!.payloadXml, 'MsgId')).toBe(sent.msgId);
    const rows = await conversation(user.id, account.id);
    expect(rows.map((r) => [r.direction, r.source, r.msgType, r.msgId, r.openid])).toEqual([['in', 'user', 'link', sent.msgId, openid]]);
    const windows = await herald.services.db.select().from(serviceWindows).where(and(eq(serviceWindows.accountId, account.id), eq(serviceWindows.openid, openid)));
    expect(windows.filter((w) => w.trigger === 'message')).toMatchObject([{ limit: 5, used: 0 }]);
    await dev.waitFor(2); // the subscribe event, then this message
    // A follower with an open customer-service session, a stranger and an unknown user take the careful path.
    const kf = await makeKf(herald.services, account.id, account.wechatId!, 'cy');
    await createKfSession(herald.services, account.id, { kfAccount: kf, openid });
    expect((await sendUserMessage(herald.services, user.id, appid, { msgtype: 'text', content: 'to the representative' })).route).toBe('kf');
    const stranger = await createFollowerUser(herald.services, {});
    await expect(sendUserMessage(herald.services, stranger.id, appid, { msgtype: 'text', content: 'hi' })).rejects.toMatchObject({ code: 'not_following' });
    await expect(sendUserMessage(herald.services, '00000000-0000-4000-8000-000000000000', appid, { msgtype: 'text', content: 'hi' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(sendUserMessage(herald.services, 'not-a-uuid', appid, { msgtype: 'text', content: 'hi' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('only sends a follower’s own, live uploads of the right kind', async () => {
    const { appid } = await makeAccount(herald.services);
    const ann = await createFollowerUser(herald.services, {});
    const bob = await createFollowerUser(herald.services, {});
    await followAccount(herald.services, ann.id, appid);
    await followAccount(herald.services, bob.id, appid);
    const annPhoto = await uploadFollowerMedia(herald.services, ann.id, { bytes: PLACEHOLDER_PNG, filename: 'a.png' });
    const annVoice = await uploadFollowerMedia(herald.services, ann.id, { bytes: PLACEHOLDER_AMR });
    expect(annPhoto).toMatchObject({ kind: 'image', content_type: 'image/png', url: `/media/${annPhoto.media_id}` });
    expect(annVoice.kind).toBe('voice');
    await expect(sendUserMessage(herald.services, bob.id, appid, { msgtype: 'image', media_id: annPhoto.media_id })).rejects.toMatchObject({ code: 'invalid_media' });
    await expect(sendUserMessage(herald.services, ann.id, appid, { msgtype: 'image', media_id: annVoice.media_id })).rejects.toMatchObject({ code: 'invalid_media' });
    await expect(sendUserMessage(herald.services, ann.id, appid, { msgtype: 'voice', media_id: 'made_up_id' })).rejects.toMatchObject({ code: 'invalid_media' });
    await expect(sendUserMessage(herald.services, ann.id, appid, { msgtype: 'video', media_id: annPhoto.media_id, thumb_media_id: annPhoto.media_id })).rejects.toMatchObject({ code: 'invalid_media' });
    const ok = await sendUserMessage(herald.services, ann.id, appid, { msgtype: 'image', media_id: annPhoto.media_id });
    expect(ok.message.content).toEqual({ media_id: annPhoto.media_id, url: `/media/${annPhoto.media_id}` });
    herald.services.clock.advance(3 * 24 * 3600 * 1000);
    await expect(sendUserMessage(herald.services, ann.id, appid, { msgtype: 'image', media_id: annPhoto.media_id })).rejects.toMatchObject({ code: 'invalid_media' });
    // Files that are nothing a phone sends, or too big.
    await expect(uploadFollowerMedia(herald.services, ann.id, { bytes: Buffer.from('MZ\x90\x00 not a photo') })).rejects.toMatchObject({ code: 'invalid_media' });
    await expect(uploadFollowerMedia(herald.services, ann.id, { bytes: Buffer.alloc(0) })).rejects.toMatchObject({ code: 'invalid_media' });
    await expect(uploadFollowerMedia(herald.services, ann.id, { bytes: Buffer.concat([PLACEHOLDER_AMR, Buffer.alloc(2 * 1024 * 1024)]) })).rejects.toMatchObject({ code: 'invalid_media' });
    await expect(uploadFollowerMedia(herald.services, '00000000-0000-0000-0000-000000000000', { bytes: PLACEHOLDER_PNG })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses malformed messages of every type', async () => {
    const { appid } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    await followAccount(herald.services, user.id, appid);
    const bad: unknown[] = [
      null, 'text', [], { msgtype: 'sticker' }, { msgtype: 'text', content: 5 }, { msgtype: 'text', content: 'x', bizmsgmenuid: 'a b' },
      { msgtype: 'text', content: '\ud800' }, { msgtype: 'image' }, { msgtype: 'image', media_id: '../../x' }, { msgtype: 'voice', media_id: 'a', format: 'mp3' },
      { msgtype: 'video', media_id: 'a' }, { msgtype: 'location', location_x: 91, location_y: 0 }, { msgtype: 'location', location_x: '1', location_y: 2 },
      { msgtype: 'location', location_x: Number.NaN, location_y: 2 }, { msgtype: 'link', title: 't', url: 'javascript:alert(1)' }, { msgtype: 'link', url: 'https://x.y' },
      { msgtype: 'link', title: 'x'.repeat(10_000), url: 'https://x.y' }, { msgtype: 'link', title: 'a\nb', url: 'https://x.y' },
    ];
    for (const input of bad) {
      await expect(sendUserMessage(herald.services, user.id, appid, input as never), JSON.stringify(input)).rejects.toMatchObject({ code: 'invalid_message' });
    }
  });

  it('follows through a parametric QR code, then scans it again as a follower', async () => {
    const { account, appid } = await makeAccount(herald.services);
    const { record } = await createQrCode(herald.services, account.id, { action_name: 'QR_STR_SCENE', expire_seconds: 600, action_info: { scene: { scene_str: 'spring-promo' } } });
    const user = await createFollowerUser(herald.services, {});
    const first = await scanQr(herald.services, user.id, record.url);
    expect(first).toMatchObject({ appid, event: 'subscribe', scene: 'spring-promo' });
    const [follow] = await herald.services.db.select().from(follows).where(and(eq(follows.accountId, account.id), eq(follows.userId, user.id)));
    expect(follow).toMatchObject({ subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: 'spring-promo' });
    const [subscribe] = await listDeliveries(herald.services.db, account.id, { limit: 1 });
    const detail = await getDelivery(herald.services.db, account.id, subscribe.id);
    expect(xmlField(detail!.payloadXml, 'EventKey')).toBe('qrscene_spring-promo');
    expect(xmlField(detail!.payloadXml, 'Ticket')).toBe(record.ticket);

    const again = await scanQr(herald.services, user.id, record.ticket);
    expect(again).toMatchObject({ event: 'SCAN', openid: first.openid });
    const [scan] = await listDeliveries(herald.services.db, account.id, { limit: 1 });
    const scanXml = (await getDelivery(herald.services.db, account.id, scan.id))!.payloadXml;
    expect([xmlField(scanXml, 'Event'), xmlField(scanXml, 'EventKey'), xmlField(scanXml, 'Ticket')]).toEqual(['SCAN', 'spring-promo', record.ticket]);
    // A scan opens a window of 3 messages.
    const windows = await herald.services.db.select().from(serviceWindows).where(eq(serviceWindows.openid, first.openid));
    expect(windows.map((w) => [w.trigger, w.limit])).toEqual([['follow', 3], ['scan', 3]]);

    // Numeric scenes, expired codes, and things that are not codes.
    const { record: numeric } = await createQrCode(herald.services, account.id, { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 42 } } });
    const other = await createFollowerUser(herald.services, {});
    expect(await scanQr(herald.services, other.id, numeric.url)).toMatchObject({ event: 'subscribe', scene: '42' });
    herald.services.clock.advance(601_000);
    await expect(scanQr(herald.services, other.id, record.url)).rejects.toMatchObject({ code: 'qr_expired' });
    for (const junk of ['', 'https://example.com/q/abc', 'hello', 'x'.repeat(10_000), 'http://[::1', 42 as unknown as string]) {
      await expect(scanQr(herald.services, other.id, junk)).rejects.toMatchObject({ code: 'qr_unknown' });
    }
  });

  it('reports the location only to accounts allowed to receive it', async () => {
    const { dev, appid, user, openid } = await withServer();
    const { deliveryId } = await reportLocation(herald.services, user.id, appid, { latitude: 31.2304, longitude: 121.4737, precision: 65 });
    expect(await waitForDelivery(herald.services, deliveryId, { timeoutMs: 5000 })).toMatchObject({ status: 'delivered' });
    const post = dev.requests.find((r) => xmlField(r.body, 'Event') === 'LOCATION')!;
    expect([xmlField(post.body, 'Latitude'), xmlField(post.body, 'Longitude'), xmlField(post.body, 'Precision'), xmlField(post.body, 'FromUserName')]).toEqual(['31.2304', '121.4737', '65', openid]);
    const sub = await makeAccount(herald.services, { type: 'subscription', verified: true });
    await followAccount(herald.services, user.id, sub.appid);
    await expect(reportLocation(herald.services, user.id, sub.appid, { latitude: 1, longitude: 1, precision: 1 })).rejects.toMatchObject({ code: 'location_not_allowed' });
    await expect(reportLocation(herald.services, user.id, appid, { latitude: 100, longitude: 1, precision: 1 })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(reportLocation(herald.services, user.id, appid, {} as never)).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('sends menu materials straight to the follower and refuses taps it cannot make', async () => {
    const { account, appid } = await makeAccount(herald.services);
    const image = await uploadAccountMedia(herald.services, account, 'image', { bytes: PLACEHOLDER_PNG });
    await publishMenu(herald.services, account.id, [
      { type: 'media_id', name: 'Poster', media_id: image.id },
      { type: 'media_id', name: 'Old', media_id: 'PERMANENT_NEWS_ID' },
      { name: 'More', sub_button: [{ type: 'article_id', name: 'Story', article_id: 'ARTICLE_1' }] },
    ]);
    const user = await createFollowerUser(herald.services, {});
    const stranger = await createFollowerUser(herald.services, {});
    await followAccount(herald.services, user.id, appid);
    const poster = await clickMenu(herald.services, user.id, appid, [0]);
    expect(poster).toMatchObject({ type: 'media_id', delivery_id: null });
    expect(poster.messages.map((m) => [m.direction, m.msg_type, m.content])).toEqual([['out', 'image', { media_id: image.id, url: `/media/${image.id}` }]]);
    const old = await clickMenu(herald.services, user.id, appid, [1]);
    expect(old.messages[0]).toMatchObject({ msg_type: 'mpnews', content: { media_id: 'PERMANENT_NEWS_ID', placeholder: expect.any(String) } });
    const story = await clickMenu(herald.services, user.id, appid, [2, 0]);
    expect(story.messages[0]).toMatchObject({ msg_type: 'mpnewsarticle', content: { article_id: 'ARTICLE_1' } });
    for (const path of [[3], [2], [2, 1], [-1], [0, 0, 0], ['a']]) {
      await expect(clickMenu(herald.services, user.id, appid, path as [number])).rejects.toMatchObject({ code: 'invalid_menu_path' });
    }
    await expect(clickMenu(herald.services, stranger.id, appid, [0])).rejects.toMatchObject({ code: 'not_following' });
    const bare = await makeAccount(herald.services);
    await followAccount(herald.services, user.id, bare.appid);
    await expect(clickMenu(herald.services, user.id, bare.appid, [0])).rejects.toMatchObject({ code: 'no_menu' });
  });

  it('opens a window on follow and closes every window on unfollow', async () => {
    const { account, appid } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, appid);
    await sendUserMessage(herald.services, user.id, appid, { msgtype: 'text', content: 'hi' });
    const open = () => herald.services.db.select().from(serviceWindows).where(eq(serviceWindows.openid, openid));
    expect((await open()).map((w) => [w.trigger, w.limit])).toEqual([['follow', 3], ['message', 5]]);
    await unfollowAccount(herald.services, user.id, appid);
    const now = herald.services.clock.nowMs();
    expect((await open()).every((w) => w.expiresAt.getTime() <= now)).toBe(true);
    await followAccount(herald.services, user.id, appid);
    const send = () => sendCustomMessage(herald.services, account, { touser: openid, msgtype: 'text', text: { content: 'x' } });
    for (let i = 0; i < 3; i++) await send();
    await expect(send()).rejects.toMatchObject({ code: 'window_exhausted', details: { errcode: 45047 } });
  });

  it('never lets two concurrent sends share the last message of a window', async () => {
    const { account, appid } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, appid);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => sendCustomMessage(herald.services, account, { touser: openid, msgtype: 'text', text: { content: `race ${i}` } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.details.errcode === 45047)).toBe(true);
  });
});
