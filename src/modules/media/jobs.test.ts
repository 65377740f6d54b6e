import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { expectWxError, fetchToken, wxCall, type WxBody } from '../../../test/wxClient.js';
import { addMaterial } from './commands/materialAdder.js';
import { uploadAccountMedia } from './commands/mediaUploader.js';
import { sendBroadcast } from '../broadcasts/commands/broadcastSender.js';
import { finishBroadcast } from '../broadcasts/commands/broadcastFinisher.js';
import { broadcastBatches } from '../broadcasts/schema.js';
import { findMedia } from './store/media.js';
import { findGroupArticles, findNewsGroup } from '../articles/store/newsGroups.js';
import { leadTitles } from '../broadcasts/store/broadcastConsole.js';
import { PLACEHOLDER_PNG } from '../../surfaces/sim/placeholders.js';
import { sweepExpiredMedia } from './jobs.js';

const DAY_MS = 24 * 3600 * 1000;
/** errcode and errmsg without the per-request rid. */
const withoutRid = (b: WxBody) => ({ errcode: b.errcode, errmsg: String(b.errmsg).replace(/ rid: [0-9a-f-]+$/, '') });

describeEachDb('expired media sweeper', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    // Role web: no fan-out runner, so queued posts stay queued while the test looks at them.
    herald = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
  });
  afterAll(async () => {
    await herald?.close();
  });

  it('removes media past 3 days, rows and bytes, and is safe to run twice', async () => {
    const { account } = await makeAccount(herald.services);
    const old = await uploadAccountMedia(herald.services, account, 'image', { bytes: PLACEHOLDER_PNG });
    herald.services.clock.advance(2 * DAY_MS);
    const young = await uploadAccountMedia(herald.services, account, 'image', { bytes: PLACEHOLDER_PNG });
    herald.services.clock.advance(DAY_MS);
    const [a, b] = await Promise.all([sweepExpiredMedia(herald.services), sweepExpiredMedia(herald.services)]);
    expect(a.media + b.media).toBeGreaterThanOrEqual(1);
    expect(await findMedia(herald.services.db, old.id)).toBeUndefined();
    expect(await herald.services.mediaStorage.get(old.storageKey)).toBeUndefined();
    expect(await findMedia(herald.services.db, young.id)).toBeDefined();
    expect((await herald.services.mediaStorage.get(young.storageKey))?.equals(PLACEHOLDER_PNG)).toBe(true);
    expect(await sweepExpiredMedia(herald.services)).toEqual({ media: 0, newsGroups: 0 });
  });

  it('removes expired uploadnews groups no push post points at, keeps referenced and fresh ones', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const cover = (await addMaterial(herald.services, { account, kind: 'image', file: { bytes: PLACEHOLDER_PNG } })).id;
    let token = await fetchToken(herald, appid, secret);
    const call = (path: string, body: unknown) => wxCall(herald, 'POST', `/cgi-bin/${path}?access_token=${token}`, { body });
    const uploadNews = async (title: string) => {
      const body = await call('media/uploadnews', { articles: [{ title, content: '<p>News of the week.</p>', thumb_media_id: cover }] });
      expect(body).toMatchObject({ type: 'news' });
      return String(body.media_id);
    };
    const sendall = (mediaId: string) => call('message/mass/sendall', { filter: { is_to_all: false, tag_id: 2 }, msgtype: 'mpnews', mpnews: { media_id: mediaId }, send_ignore_reprint: 0 });

    const unused = await uploadNews('Never sent');
    const queued = await uploadNews('Queued');
    const delivered = await uploadNews('Delivered');
    const scheduled = await uploadNews('Scheduled');
    const queuedPost = await sendall(queued);
    expect(queuedPost).toMatchObject({ errcode: 0 });
    const deliveredPost = await sendall(delivered);
    expect(deliveredPost).toMatchObject({ errcode: 0 });
    const msgId = Number(deliveredPost.msg_id);
    await herald.services.db.insert(broadcastBatches).values({ broadcastId: msgId, batchNo: 1, afterOpenid: '', lastOpenid: 'z', considered: 1, filtered: 0, delivered: 1, createdAt: herald.services.clock.now() });
    await herald.services.db.transaction((tx) => finishBroadcast(tx, herald.services, msgId));
    // Scheduled to go out after the group's 3 days: it still needs the group then.
    await sendBroadcast(herald.services, {
      accountId: account.id, source: 'api', msgtype: 'mpnews', payload: { media_id: scheduled }, audience: { kind: 'tag', tagId: 2 },
      scheduledAt: new Date(herald.services.clock.nowMs() + 4 * DAY_MS),
    });
    herald.services.clock.advance(2 * DAY_MS);
    token = await fetchToken(herald, appid, secret);
    const fresh = await uploadNews('Fresh');
    herald.services.clock.advance(DAY_MS + 1000);
    token = await fetchToken(herald, appid, secret);

    // An expired group is refused before the sweep removes it and after, exactly like an unknown id.
    const unknown = await sendall('x'.repeat(64));
    expectWxError(unknown, 40007, /^invalid media_id/);
    const sameAsUnknown = async (body: Promise<WxBody>) => {
      const answer = await body;
      expectWxError(answer, 40007);
      expect(withoutRid(answer)).toEqual(withoutRid(unknown));
    };
    await sameAsUnknown(sendall(unused));

    const [a, b] = await Promise.all([sweepExpiredMedia(herald.services), sweepExpiredMedia(herald.services)]);
    expect(a.newsGroups + b.newsGroups).toBe(1);
    expect(await findNewsGroup(herald.services.db, account.id, unused)).toBeUndefined();
    expect(await findGroupArticles(herald.services.db, unused)).toEqual([]);
    await sameAsUnknown(sendall(unused));

    for (const id of [queued, delivered, scheduled, fresh]) {
      expect(await findNewsGroup(herald.services.db, account.id, id), id).toBeDefined();
      expect(await findGroupArticles(herald.services.db, id)).toHaveLength(1);
    }
    // What the push-post history reads is still there.
    const titles = await leadTitles(herald.services.db, [queued, delivered, scheduled]);
    expect(Object.fromEntries(titles)).toEqual({ [queued]: 'Queued', [delivered]: 'Delivered', [scheduled]: 'Scheduled' });
    expect(await sweepExpiredMedia(herald.services)).toEqual({ media: 0, newsGroups: 0 });

    // The fresh group goes once its own 3 days are over; referenced ones stay.
    herald.services.clock.advance(DAY_MS);
    expect(await sweepExpiredMedia(herald.services)).toEqual({ media: 0, newsGroups: 0 });
    expect(await findNewsGroup(herald.services.db, account.id, fresh)).toBeDefined();
    herald.services.clock.advance(DAY_MS);
    expect(await sweepExpiredMedia(herald.services)).toEqual({ media: 0, newsGroups: 1 });
    expect(await findNewsGroup(herald.services.db, account.id, fresh)).toBeUndefined();
    for (const id of [queued, delivered, scheduled]) expect(await findNewsGroup(herald.services.db, account.id, id)).toBeDefined();
  });
});
