/**
 * get_current_autoreply_info reflects the rules set in the console (自动回复): the follow reply,
 * the default reply and the enabled keyword rules in the order they answer, in WeChat's form.
 * Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { accountWithToken, expectWxError, wxCall } from '../../../test/wxClient.js';
import { insertKeywordRule, putReplySet } from './store.js';

describeEachDb('get_current_autoreply_info', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers the console\'s rules, for every account type', async () => {
    const a = await accountWithToken(h, { type: 'subscription', verified: false });
    expect(await a.call('GET', 'get_current_autoreply_info')).toEqual({ is_add_friend_reply_open: 0, is_autoreply_open: 0, keyword_autoreply_info: { list: [] } });
    const db = h.services.db;
    const at = new Date('2025-01-01T00:00:00Z');
    await putReplySet(db, a.account.id, 'subscribe', { replies: [{ type: 'text', content: 'Thanks for following!' }], enabled: true }, at);
    await putReplySet(db, a.account.id, 'default', { replies: [{ type: 'image', media_id: 'img_media_1' }], enabled: true }, at);
    await insertKeywordRule(db, a.account.id, { name: 'hours', keywords: [{ text: '营业时间', match: 'contains' }, { text: 'hours', match: 'exact' }], replyMode: 'random', replies: [{ type: 'text', content: '9:00–18:00' }, { type: 'video', media_id: 'vid_1' }], enabled: true }, at);
    await insertKeywordRule(db, a.account.id, { name: 'off', keywords: [{ text: 'x', match: 'exact' }], replyMode: 'all', replies: [{ type: 'text', content: 'never' }], enabled: false }, at);
    await insertKeywordRule(db, a.account.id, { name: 'link', keywords: [{ text: '官网', match: 'exact' }], replyMode: 'all', replies: [{ type: 'news', title: '官网', description: '欢迎访问', url: 'https://example.com/', picurl: 'https://example.com/p.png' }, { type: 'voice', media_id: 'voice_1' }], enabled: true }, at);
    const info = await a.call('GET', 'get_current_autoreply_info');
    expect(info).toEqual({
      is_add_friend_reply_open: 1,
      is_autoreply_open: 1,
      add_friend_autoreply_info: { type: 'text', content: 'Thanks for following!' },
      message_default_autoreply_info: { type: 'img', content: 'img_media_1' },
      keyword_autoreply_info: {
        list: [
          {
            rule_name: 'hours',
            create_time: expect.any(Number),
            reply_mode: 'random_one',
            keyword_list_info: [{ type: 'text', match_mode: 'contain', content: '营业时间' }, { type: 'text', match_mode: 'equal', content: 'hours' }],
            reply_list_info: [{ type: 'text', content: '9:00–18:00' }, { type: 'video', content: `${h.config.publicUrl}/media/vid_1` }],
          },
          {
            rule_name: 'link',
            create_time: expect.any(Number),
            reply_mode: 'reply_all',
            keyword_list_info: [{ type: 'text', match_mode: 'equal', content: '官网' }],
            reply_list_info: [
              { type: 'news', news_info: { list: [{ title: '官网', author: '', digest: '欢迎访问', show_cover: 1, cover_url: 'https://example.com/p.png', content_url: 'https://example.com/', source_url: '' }] } },
              { type: 'voice', content: 'voice_1' },
            ],
          },
        ],
      },
    });
    expectWxError(await wxCall(h, 'POST', `/cgi-bin/get_current_autoreply_info?access_token=${a.token}`, { body: {} }), 43001);
    expectWxError(await wxCall(h, 'GET', '/cgi-bin/get_current_autoreply_info?access_token=bad'), 40001);
  });
});
