import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { follows, unionIds } from '../schema.js';
import { deliveries } from '../../callbacks/schema.js';
import { listDeliveries } from '../../callbacks/store/deliveries.js';
import { findFollow } from '../store/followers.js';
import { parseXml } from '../../../protocol/xml.js';
import { createFollowerUser } from './followerUserCreator.js';
import { followAccount } from './followAccount.js';
import { unfollowAccount } from './unfollowAccount.js';
import { sendUserMessage } from '../../messaging/commands/userMessageSender.js';

describeEachDb('follows and user messages', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
  });
  afterAll(async () => {
    await herald.close();
  });

  const events = async (accountId: string) => (await listDeliveries(herald.services.db, accountId, { limit: 100 })).map((d) => d.label).reverse();

  it('creates users with defaults and checks their profile', async () => {
    const u = await createFollowerUser(herald.services, {});
    expect(u).toMatchObject({ language: 'zh_CN', sex: 0, country: '', city: '' });
    // Named in the user's language: 用户1234 for zh_CN (the default), User 1234 for English.
    expect(u.nickname).toMatch(/^用户\d{4}$/);
    expect((await createFollowerUser(herald.services, { language: 'en' })).nickname).toMatch(/^User \d{4}$/);
    expect((await createFollowerUser(herald.services, { language: 'zh_TW', nickname: '  ' })).nickname).toMatch(/^用户\d{4}$/);
    const v = await createFollowerUser(herald.services, { nickname: ' 小明 ', country: 'China', province: 'Guangdong', city: 'Shenzhen', language: 'en', sex: 1 });
    expect(v).toMatchObject({ nickname: '小明', country: 'China', province: 'Guangdong', city: 'Shenzhen', language: 'en', sex: 1 });
    for (const bad of [{ nickname: 'x'.repeat(65) }, { language: 'klingon' }, { sex: 3 }, { sex: 1.5 }, { city: 'a\u0000b' }, { avatarUrl: 'javascript:x' }]) {
      await expect(createFollowerUser(herald.services, bad)).rejects.toMatchObject({ code: 'invalid_user' });
    }
  });

  it('mints a stable openid per user and account, and queues subscribe in the same transaction', async () => {
    const { account } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, account.appid);
    expect(openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    const row = await findFollow(herald.services.db, account.id, user.id);
    expect(row).toMatchObject({ openid, subscribed: true, subscribeScene: 'ADD_SCENE_SEARCH' });
    expect(row?.subscribedAt).toBeInstanceOf(Date);
    const [d] = await listDeliveries(herald.services.db, account.id, { limit: 1 });
    // No server configured: nothing to deliver to.
    expect(d).toMatchObject({ kind: 'event', label: 'event:subscribe', openid, status: 'skipped' });

    expect(await unfollowAccount(herald.services, user.id, account.appid)).toBe(openid);
    expect(await followAccount(herald.services, user.id, account.appid, { scene: 'ADD_SCENE_QR_CODE' })).toBe(openid);
    expect(await findFollow(herald.services.db, account.id, user.id)).toMatchObject({ subscribed: true, subscribeScene: 'ADD_SCENE_QR_CODE' });
    expect(await events(account.id)).toEqual(['event:subscribe', 'event:unsubscribe', 'event:subscribe']);
  });

  it('is idempotent: following or unfollowing twice pushes one event', async () => {
    const { account } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    const a = await followAccount(herald.services, user.id, account.appid);
    const b = await followAccount(herald.services, user.id, account.appid);
    expect(b).toBe(a);
    await unfollowAccount(herald.services, user.id, account.appid);
    await unfollowAccount(herald.services, user.id, account.appid);
    expect(await events(account.id)).toEqual(['event:subscribe', 'event:unsubscribe']);
  });

  it('handles concurrent follows of one user as one follow', async () => {
    const { account } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    const openids = await Promise.all(Array.from({ length: 6 }, () => followAccount(herald.services, user.id, account.appid)));
    expect(new Set(openids).size).toBe(1);
    expect(await events(account.id)).toEqual(['event:subscribe']);
    const rows = await herald.services.db.select().from(follows).where(and(eq(follows.accountId, account.id), eq(follows.userId, user.id)));
    expect(rows).toHaveLength(1);
  });

  it('gives different openids per account and one unionid per organization', async () => {
    const first = await makeAccount(herald.services);
    const sibling = await makeAccount(herald.services, { orgId: first.orgId });
    const stranger = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    const o1 = await followAccount(herald.services, user.id, first.appid);
    const o2 = await followAccount(herald.services, user.id, sibling.appid);
    const o3 = await followAccount(herald.services, user.id, stranger.appid);
    expect(new Set([o1, o2, o3]).size).toBe(3);
    const f1 = await findFollow(herald.services.db, first.account.id, user.id);
    const f2 = await findFollow(herald.services.db, sibling.account.id, user.id);
    const f3 = await findFollow(herald.services.db, stranger.account.id, user.id);
    expect(f1?.unionid).toBe(f2?.unionid);
    expect(f3?.unionid).not.toBe(f1?.unionid);
    const unions = await herald.services.db.select().from(unionIds).where(eq(unionIds.userId, user.id));
    expect(unions).toHaveLength(2);
  });

  it('builds the events WeChat pushes', async () => {
    const { account } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, account.appid);
    const qrUser = await createFollowerUser(herald.services, {});
    const qrOpenid = await followAccount(herald.services, qrUser.id, account.appid, { qr: { sceneStr: 'promo', ticket: 'TK' } });
    expect(await findFollow(herald.services.db, account.id, qrUser.id)).toMatchObject({ subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: 'promo' });
    await unfollowAccount(herald.services, user.id, account.appid);
    const list = await listDeliveries(herald.services.db, account.id, { limit: 10 });
    const detail = await Promise.all(list.map((d) => herald.services.db.select().from(deliveries).where(eq(deliveries.id, d.id)).then((r) => r[0])));
    const [unsub, qrSub, sub] = detail.map((d) => parseXml(d!.payloadXml).fields);
    expect(sub).toMatchObject({ ToUserName: account.originalId, FromUserName: openid, MsgType: 'event', Event: 'subscribe' });
    expect(sub.EventKey).toBeUndefined();
    expect(Math.abs(Number(sub.CreateTime) - herald.services.clock.nowSec())).toBeLessThan(5);
    expect(qrSub).toMatchObject({ FromUserName: qrOpenid, Event: 'subscribe', EventKey: 'qrscene_promo', Ticket: 'TK' });
    expect(unsub).toMatchObject({ FromUserName: openid, Event: 'unsubscribe' });
  });

  it('rejects unknown users, unknown accounts and bad scenes', async () => {
    const { account } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    await expect(followAccount(herald.services, 'not-a-uuid', account.appid)).rejects.toMatchObject({ code: 'not_found' });
    await expect(followAccount(herald.services, '00000000-0000-0000-0000-000000000000', account.appid)).rejects.toMatchObject({ code: 'not_found' });
    await expect(followAccount(herald.services, user.id, 'wxnothere')).rejects.toMatchObject({ code: 'not_found' });
    await expect(followAccount(herald.services, user.id, account.appid, { scene: "x'; drop table follows;--" })).rejects.toMatchObject({ code: 'invalid_scene' });
    await expect(unfollowAccount(herald.services, user.id, account.appid)).rejects.toMatchObject({ code: 'not_following' });
  });

  it('lets only followers send messages, with a unique MsgId each', async () => {
    const { account } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    const send = (content: string) => sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content });
    await expect(send('hi')).rejects.toMatchObject({ code: 'not_following' });
    const openid = await followAccount(herald.services, user.id, account.appid);
    const a = await send('one');
    const b = await send('two');
    expect(a.openid).toBe(openid);
    expect(a.msgId).not.toBe(b.msgId);
    expect(a.msgId).toMatch(/^\d{17,19}$/);
    const [latest] = await listDeliveries(herald.services.db, account.id, { limit: 1 });
    expect(latest).toMatchObject({ id: b.deliveryId, kind: 'message', label: 'text', msgId: b.msgId, openid });
    await unfollowAccount(herald.services, user.id, account.appid);
    await expect(send('after')).rejects.toMatchObject({ code: 'not_following' });
  });

  it('rejects empty, oversized and unrepresentable messages', async () => {
    const { account } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    await followAccount(herald.services, user.id, account.appid);
    for (const content of ['', '   ', 'x'.repeat(4097), 'a\u0000b', 'bell\u0007']) {
      await expect(sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content })).rejects.toMatchObject({ code: 'invalid_message' });
    }
    await expect(sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'image' as 'text', content: 'x' })).rejects.toMatchObject({
      code: 'invalid_message',
    });
    const ok = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'line1\nline2\t]]> 🌏' });
    const row = await herald.services.db.select().from(deliveries).where(eq(deliveries.id, ok.deliveryId!)).then((r) => r[0]);
    expect(parseXml(row!.payloadXml).fields.Content).toBe('line1\nline2\t]]> 🌏');
  });
});
