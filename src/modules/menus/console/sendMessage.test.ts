import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkMiniProgram } from '../../../../test/factories/miniprograms.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator } from '../../../../test/consoleFixtures.js';
import { startDevServer, type DevServer } from '../../../../test/devServer.js';
import { asDeveloper, phoneUser } from '../../../../test/phoneFixtures.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { configureServer } from '../../callbacks/commands/serverConfigurator.js';
import { listDeliveries } from '../../callbacks/store/deliveries.js';
import { insertMedia } from '../../media/store/media.js';
import { newMediaId } from '../../media/rules/media.js';

describeEachDb('send-message menu buttons (发送消息)', (kind) => {
  let h: TestHerald;
  const servers: DevServer[] = [];
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await h?.close();
  });

  async function setup() {
    const { op, client } = await signedInOperator(h.app, h.services);
    const made = await makeAccount(h.services, { orgId: op.orgId });
    await linkMiniProgram(h.services.db, made.account.id, { appid: 'wx0123456789abcdef' });
    const material = async (kind: 'image' | 'voice' | 'video') =>
      (await insertMedia(h.services.db, {
        id: newMediaId(), accountId: made.account.id, kind, temporary: false, origin: 'material', filename: `${kind}.bin`, contentType: 'application/octet-stream',
        size: 3, sha256: '0'.repeat(64), md5: '0'.repeat(32), storageKey: `test/${kind}`, title: '', introduction: '', createdAt: new Date(),
      })).id;
    return { client, ...made, url: `/console/api/accounts/${made.appid}/menu`, material };
  }

  it('saves them from the console, shows them in the WeChat API as WeChat does, and answers the tap itself', async () => {
    const { client, url, appid, secret, account, material } = await setup();
    const [img, voice, video] = [await material('image'), await material('voice'), await material('video')];
    const published = await makePublishedArticle(h.services.db, { accountId: account.id, title: '新店开业', author: '小林', digest: '欢迎光临', contentSourceUrl: 'https://example.com/src' });
    const articleId = published.group.articleId as string;
    const button = [
      { type: 'text', name: '营业时间', value: '每天 9:00–18:00\n周日休息' },
      { name: '更多', sub_button: [
        { type: 'img', name: '店面', media_id: img },
        { type: 'voice', name: '问候', media_id: voice },
        { type: 'video', name: '视频', media_id: video },
      ] },
      { type: 'news', name: '开业', article_id: articleId },
    ];
    const saved = await client.put(url, { button });
    expect(saved.status, saved.body).toBe(200);
    expect((saved.json.menu as { button: unknown }).button).toEqual([
      { type: 'text', name: '营业时间', value: '每天 9:00–18:00\n周日休息', sub_button: [] },
      { name: '更多', sub_button: [
        { type: 'img', name: '店面', media_id: img, sub_button: [] },
        { type: 'voice', name: '问候', media_id: voice, sub_button: [] },
        { type: 'video', name: '视频', media_id: video, sub_button: [] },
      ] },
      { type: 'news', name: '开业', article_id: articleId, sub_button: [] },
    ]);

    const dev = await asDeveloper(h, appid, secret);
    const got = (await dev.get('/cgi-bin/menu/get')) as { menu: { button: Array<{ sub_button: unknown[] }> } };
    expect(got.menu.button[0]).toEqual({ type: 'text', name: '营业时间', value: '每天 9:00–18:00\n周日休息', sub_button: [] });
    expect(got.menu.button[1].sub_button[0]).toEqual({ type: 'img', name: '店面', value: img, sub_button: [] });
    const self = (await dev.get('/cgi-bin/get_current_selfmenu_info')) as { is_menu_open: number; selfmenu_info: { button: unknown[] } };
    expect(self.is_menu_open).toBe(1);
    const [text, more, news] = self.selfmenu_info.button as [
      Record<string, unknown>,
      { sub_button: { list: Array<{ type: string; value: string }> } },
      { news_info: { list: unknown[] } },
    ];
    expect(text).toEqual({ type: 'text', name: '营业时间', value: '每天 9:00–18:00\n周日休息' });
    expect(more.sub_button.list.map((b) => [b.type, b.value])).toEqual([['img', img], ['voice', voice], ['video', video]]);
    expect(news).toMatchObject({ type: 'news', name: '开业', value: articleId });
    expect(news.news_info.list).toEqual([{
      title: '新店开业', author: '小林', digest: '欢迎光临', show_cover: 0, cover_url: '',
      content_url: `${h.services.config.publicUrl.replace(/\/$/, '')}/s/${published.article.id}`, source_url: 'https://example.com/src',
    }]);

    // The account has a developer server: the buttons still answer by themselves and push nothing.
    const server = await startDevServer({ token: 'menutoken' });
    servers.push(server);
    await configureServer(h.services, account.id, { url: server.url, token: 'menutoken', mode: 'plaintext' });
    const before = (await listDeliveries(h.services.db, account.id, { limit: 50 })).length;
    const { client: phone } = await phoneUser(h.app);
    await phone.post(`/accounts/${appid}/follow`);
    const afterFollow = (await listDeliveries(h.services.db, account.id, { limit: 50 })).length;
    const tap = async (path: number[]) => {
      const r = await phone.post(`/accounts/${appid}/menu`, { path });
      expect(r.status, r.body).toBe(200);
      return r.json.messages as Array<{ msg_type: string; direction: string; content: Record<string, unknown> }>;
    };
    expect((await tap([0])).map((m) => [m.msg_type, m.direction, m.content.content])).toEqual([['text', 'out', '每天 9:00–18:00\n周日休息']]);
    expect((await tap([1, 0]))[0]).toMatchObject({ msg_type: 'image', content: { media_id: img } });
    expect((await tap([1, 1]))[0]).toMatchObject({ msg_type: 'voice', content: { media_id: voice } });
    expect((await tap([1, 2]))[0]).toMatchObject({ msg_type: 'video', content: { media_id: video } });
    const card = (await tap([2]))[0];
    expect(card.msg_type).toBe('news');
    expect((card.content.articles as Array<{ title: string }>)[0].title).toBe('新店开业');
    expect((await listDeliveries(h.services.db, account.id, { limit: 50 })).length).toBe(afterFollow);
    expect(afterFollow).toBeGreaterThan(before);

    // A material a button sends cannot be deleted while the menu uses it.
    const del = await client.request('DELETE', `/console/api/accounts/${appid}/materials/${voice}`);
    expect(del.status).toBe(409);
  });

  it('keeps menu/create unchanged: its API refuses send-message types as WeChat does', async () => {
    const { appid, secret } = await setup();
    const dev = await asDeveloper(h, appid, secret);
    for (const type of ['text', 'img', 'voice', 'video', 'news']) {
      const r = await dev.post('/cgi-bin/menu/create', { button: [{ type, name: 'X', value: 'hello', media_id: 'M', article_id: 'A' }] });
      expect(r.errcode, type).toBe(40017);
    }
    const sub = await dev.post('/cgi-bin/menu/create', { button: [{ name: 'S', sub_button: [{ type: 'text', name: 'X', value: 'hi' }] }] });
    expect(sub.errcode).toBe(40024);
  });

  it('refuses malformed and hostile send-message buttons with a sentence naming the button', async () => {
    const { client, url } = await setup();
    const cases: Array<[unknown, string]> = [
      [{ type: 'text', name: 'T' }, 'Button 1: the message text is required (47001)'],
      [{ type: 'text', name: 'T', value: '   ' }, 'Button 1: the message text is required (47001)'],
      [{ type: 'text', name: 'T', value: 'x'.repeat(601) }, 'Button 1: the message text is at most 600 characters (47001)'],
      [{ type: 'text', name: 'T', value: { $gt: '' } }, 'Button 1: value is not in the expected format (47001)'],
      [{ type: 'text', name: 'T', value: 'bell\u0007' }, 'Button 1: value must be plain text without control characters (40033)'],
      [{ type: 'img', name: 'T' }, 'Button 1: media_id is required (40007)'],
      [{ type: 'voice', name: 'T', media_id: 'm'.repeat(300) }, 'Button 1: media_id is too long (40007)'],
      [{ type: 'news', name: 'T' }, 'Button 1: article_id is required (53600)'],
      [{ type: 'sms', name: 'T', value: 'x' }, 'Button 1: “sms” is not a menu button type (40017)'],
    ];
    for (const [b, message] of cases) {
      const r = await client.put(url, { button: [b] });
      expect(r.status, JSON.stringify(b)).toBe(400);
      expect(r.json.error?.message, JSON.stringify(b)).toBe(message);
    }
    expect((await client.get(url)).json.menu).toBeNull();
  });
});
