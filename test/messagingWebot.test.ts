
import { createRequire } from 'node:module';
import { linkMiniProgram } from './factories/miniprograms.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from './harness.js';
import { newAesKey } from './devServer.js';
import { webotServer, type WebotMessage, type WebotRes } from './webot.js';
import { fetchToken, wxCall } from './wxClient.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_JPEG, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../src/surfaces/sim/placeholders.js';
import { findOpenSession } from '../src/modules/kf/store/kfSessions.js';
import { findAccountByAppid } from '../src/modules/accounts/store/accounts.js';

const require = createRequire(import.meta.url);


type Json = Record<string, any>;

interface Media {
  image: string;
  voice: string;
  video: string;
  thumb: string;
}

/** A webot server: text commands choose the reply type; events and other messages get a text. */
function answerer(media: () => Media) {
  return (m: WebotMessage, res: WebotRes): void => {
      if (m.MsgType === 'event') {
        if (m.Event === 'CLICK') return res.reply(`clicked ${m.EventKey}`);
        if (m.Event === 'scancode_waitmsg') return res.reply(`scanned ${(m.ScanCodeInfo as Json).ScanResult}`);
        return res.reply('');
      }
      if (m.MsgType !== 'text') return res.reply(`got ${m.MsgType}`);
      const md = media();
      switch (m.Content) {
        case 'image':
          return res.reply({ type: 'image', content: { mediaId: md.image } });
        case 'voice':
          return res.reply({ type: 'voice', content: { mediaId: md.voice } });
        case 'video':
          return res.reply({ type: 'video', content: { mediaId: md.video, title: 'Clip', description: 'A clip' } });
        case 'music':
          return res.reply({ title: 'Song', description: 'A song', musicUrl: 'http://music.example.com/a.mp3', hqMusicUrl: 'http://music.example.com/a-hq.mp3', thumbMediaId: md.thumb });
        case 'news':
          return res.reply([{ title: 'Story', description: 'Read it', picurl: 'http://img.example.com/1.png', url: 'http://example.com/story' }]);
        case 'kf':
          return res.transfer2CustomerService();
        case 'junk':
          res.writeHead(200);
          res.end('{"not":"xml"}');
          return;
        default:
          return res.reply(`webot: ${m.Content}`);
      }
  };
}

function multipart(field: string, filename: string, contentType: string, bytes: Buffer) {
  const boundary = `----herald${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describeEachDb('messaging with a node-webot developer server', (kind) => {
  let herald: TestHerald;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
    await herald.close();
  });

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: object) => {
    const r = await herald.app.inject({ method, url, headers: body ? { 'content-type': 'application/json' } : {}, payload: body ? JSON.stringify(body) : undefined });
    return { status: r.statusCode, body: r.json() as Json };
  };

  async function upload(token: string, type: string, file: Buffer, name: string, mime: string): Promise<string> {
    const m = multipart('media', name, mime, file);
    const r = await wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}&type=${type}`, { body: m.body, headers: { 'content-type': m.contentType } });
    expect(r, JSON.stringify(r)).toMatchObject({ type, errcode: 0 });
    return r.media_id as string;
  }

  async function scenario(mode: 'plaintext' | 'safe') {
    const account = (await call('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Webot shop' })).body as { appid: string; secret: string; original_id: string };
    const token = await fetchToken(herald, account.appid, account.secret);
    const media: Media = {
      image: await upload(token, 'image', PLACEHOLDER_PNG, 'a.png', 'image/png'),
      voice: await upload(token, 'voice', PLACEHOLDER_AMR, 'a.amr', 'audio/amr'),
      video: await upload(token, 'video', PLACEHOLDER_MP4, 'a.mp4', 'video/mp4'),
      thumb: await upload(token, 'thumb', PLACEHOLDER_JPEG, 'a.jpg', 'image/jpeg'),
    };
    const aesKey = newAesKey();
    const server = await webotServer({ token: 'webot', appid: account.appid, ...(mode === 'safe' ? { encodingAESKey: aesKey } : {}) }, answerer(() => media));
    closers.push(server.close);
    const configured = await call('PUT', `/sim/v1/accounts/${account.appid}/server`, { url: server.url, token: 'webot', encoding_aes_key: mode === 'safe' ? aesKey : null, mode });
    expect(configured.status, JSON.stringify(configured.body)).toBe(200);
    const user = (await call('POST', '/sim/v1/users', { nickname: 'Webot fan' })).body as { id: string };
    const { openid } = (await call('POST', `/sim/v1/users/${user.id}/follow`, { account: account.appid })).body as { openid: string };
    const send = async (msg: object) => {
      const r = await call('POST', `/sim/v1/users/${user.id}/messages`, { account: account.appid, ...msg });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    return { account, token, media, server, user, openid, send };
  }

  it('pushes every inbound message type with the fields WeChat sends', async () => {
    const { account, server, openid, send, user } = await scenario('safe');
    const photo = (await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${user.id}/media`, headers: { 'content-type': 'image/png' }, payload: PLACEHOLDER_PNG })).json() as Json;
    expect(photo).toMatchObject({ kind: 'image', url: `/media/${photo.media_id}` });

    const text = await send({ msgtype: 'text', content: 'hello 你好' });
    const image = await send({ msgtype: 'image', media_id: photo.media_id });
    const voice = await send({ msgtype: 'voice', format: 'speex', recognition: '你好' });
    const video = await send({ msgtype: 'video' });
    const short = await send({ msgtype: 'shortvideo' });
    const location = await send({ msgtype: 'location', location_x: 23.134521, location_y: 113.358803, scale: 20, label: '广州市天河区' });
    const link = await send({ msgtype: 'link', title: 'A page', description: 'Worth a look', url: 'https://example.com/page?a=1&b=2' });
    const menuOption = await send({ msgtype: 'text', content: '满意', bizmsgmenuid: '101' });

    const byId = new Map(server.received.filter((m) => m.MsgType !== 'event').map((m) => [m.MsgId as string, m]));
    const common = { ToUserName: account.original_id, FromUserName: openid };
    expect(byId.get(text.msg_id)).toMatchObject({ ...common, MsgType: 'text', Content: 'hello 你好' });
    expect(byId.get(image.msg_id)).toMatchObject({ ...common, MsgType: 'image', MediaId: photo.media_id, PicUrl: `${herald.config.publicUrl}/media/${photo.media_id}` });
    expect(byId.get(voice.msg_id)).toMatchObject({ ...common, MsgType: 'voice', Format: 'speex', Recognition: '你好' });
    expect(byId.get(voice.msg_id)?.MediaId).toBe(voice.message.content.media_id);
    expect(byId.get(video.msg_id)).toMatchObject({ ...common, MsgType: 'video', MediaId: video.message.content.media_id, ThumbMediaId: video.message.content.thumb_media_id });
    expect(byId.get(short.msg_id)).toMatchObject({ MsgType: 'shortvideo', MediaId: short.message.content.media_id });
    expect(byId.get(location.msg_id)).toMatchObject({ MsgType: 'location', Location_X: '23.134521', Location_Y: '113.358803', Scale: '20', Label: '广州市天河区' });
    expect(byId.get(link.msg_id)).toMatchObject({ MsgType: 'link', Title: 'A page', Description: 'Worth a look', Url: 'https://example.com/page?a=1&b=2' });
    expect(byId.get(menuOption.msg_id)).toMatchObject({ MsgType: 'text', Content: '满意', bizmsgmenuid: '101' });

    // Each got the server's text reply, recorded as a passive reply after the message.
    for (const [sent, expected] of [[text, 'webot: hello 你好'], [image, 'got image'], [voice, 'got voice'], [video, 'got video'], [location, 'got location'], [link, 'got link']] as const) {
      expect(sent.replies.map((m: Json) => [m.source, m.msg_type, m.content])).toEqual([['passive', 'text', { content: expected }]]);
    }

    // The account may fetch what the follower sent with media/get; another account may not.
    const tokenOf = await fetchToken(herald, account.appid, (account as unknown as { secret: string }).secret);
    const got = await herald.app.inject({ method: 'GET', url: `/cgi-bin/media/get?access_token=${tokenOf}&media_id=${photo.media_id}` });
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PLACEHOLDER_PNG)).toBe(true);
    const other = (await call('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Other' })).body as { appid: string; secret: string };
    const otherToken = await fetchToken(herald, other.appid, other.secret);
    expect((await wxCall(herald, 'GET', `/cgi-bin/media/get?access_token=${otherToken}&media_id=${photo.media_id}`)).errcode).toBe(40007);

    // The inbox holds both sides in order, newest last.
    const inbox = (await call('GET', `/sim/v1/users/${user.id}/inbox?account=${account.appid}`)).body;
    const inbound = inbox.messages.filter((m: Json) => m.direction === 'in');
    expect(inbound.map((m: Json) => m.msg_type)).toEqual(['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link', 'text']);
    expect(inbound[7].content).toEqual({ content: '满意', bizmsgmenuid: '101' });
    const ids = inbox.messages.map((m: Json) => m.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(inbox.messages.every((m: Json) => m.placement === 'chats' && m.appid === account.appid && m.account_name === 'Webot shop')).toBe(true);
    expect(inbox.messages.filter((m: Json) => m.direction === 'out').every((m: Json) => m.notify === true)).toBe(true);
  });

  it('records every kind of passive reply in the conversation', async () => {
    const { media, send } = await scenario('plaintext');
    const shown = async (content: string) => {
      const r = await send({ msgtype: 'text', content });
      expect(r.reply_status, JSON.stringify(r)).toBe('valid');
      expect(r.replies).toHaveLength(1);
      expect(r.replies[0].source).toBe('passive');
      return [r.replies[0].msg_type, r.replies[0].content];
    };
    expect(await shown('hi')).toEqual(['text', { content: 'webot: hi' }]);
    expect(await shown('image')).toEqual(['image', { media_id: media.image, url: `/media/${media.image}` }]);
    expect(await shown('voice')).toEqual(['voice', { media_id: media.voice, url: `/media/${media.voice}` }]);
    expect(await shown('video')).toEqual(['video', { media_id: media.video, url: `/media/${media.video}`, title: 'Clip', description: 'A clip' }]);
    expect(await shown('music')).toEqual([
      'music',
      { title: 'Song', description: 'A song', musicurl: 'http://music.example.com/a.mp3', hqmusicurl: 'http://music.example.com/a-hq.mp3', thumb_media_id: media.thumb, thumb_url: `/media/${media.thumb}` },
    ]);
    expect(await shown('news')).toEqual(['news', { articles: [{ title: 'Story', description: 'Read it', url: 'http://example.com/story', picurl: 'http://img.example.com/1.png' }] }]);
  });

  it('puts the follower in the customer-service queue on transfer_customer_service, then routes to the representative', async () => {
    const { account, send, openid, server } = await scenario('safe');
    const r = await send({ msgtype: 'text', content: 'kf' });
    expect(r).toMatchObject({ reply_status: 'valid', reply: { msg_type: 'transfer_customer_service' }, replies: [] });
    const row = await findAccountByAppid(herald.services.db, account.appid);
    expect(await findOpenSession(herald.services.db, row!.id, openid)).toMatchObject({ status: 'waiting', kfAccount: null });
    // The handed-over message starts the 48-hour response clock of the representatives' board.
    expect((await findOpenSession(herald.services.db, row!.id, openid))?.lastUserMessageAt).toBeInstanceOf(Date);
    // While waiting, messages still reach the developer's server.
    const waiting = await send({ msgtype: 'text', content: 'still there?' });
    expect(waiting.route).toBe('server');
    expect(server.received.some((m) => m.Content === 'still there?')).toBe(true);
  });

  it('pushes menu taps with their event fields; CLICK and scancode_waitmsg answers reach the follower', async () => {
    const { account, token, send, server, user, openid } = await scenario('safe');
    void send;
    const found = await herald.services.kits.sim.accountByAppid(herald.services.db, account.appid);
    await linkMiniProgram(herald.services.db, (found as { id: string }).id, { appid: 'wx0123456789abcdef' });
    const menu = {
      button: [
        { type: 'click', name: 'Today', key: 'V1001_TODAY' },
        {
          name: 'More',
          sub_button: [
            { type: 'view', name: 'Site', url: 'https://example.com/' },
            { type: 'scancode_waitmsg', name: 'Scan', key: 'rselfmenu_0_0' },
            { type: 'pic_photo_or_album', name: 'Photo', key: 'rselfmenu_1_1' },
            { type: 'location_select', name: 'Where', key: 'rselfmenu_2_0' },
            { type: 'miniprogram', name: 'App', url: 'https://example.com/app', appid: 'wx0123456789abcdef', pagepath: 'pages/index' },
          ],
        },
        { type: 'scancode_push', name: 'Push scan', key: 'rselfmenu_0_1' },
      ],
    };
    expect(await wxCall(herald, 'POST', `/cgi-bin/menu/create?access_token=${token}`, { body: menu })).toMatchObject({ errcode: 0 });
    const tap = async (body: object) => {
      const r = await call('POST', `/sim/v1/users/${user.id}/menu-click`, { account: account.appid, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const events = () => server.received.filter((m) => m.MsgType === 'event');
    const lastEvent = () => events()[events().length - 1];

    const click = await tap({ path: [0] });
    expect(click).toMatchObject({ type: 'click', delivery: { status: 'delivered' }, reply_status: 'valid' });
    expect(click.replies.map((m: Json) => m.content)).toEqual([{ content: 'clicked V1001_TODAY' }]);
    expect(lastEvent()).toMatchObject({ Event: 'CLICK', EventKey: 'V1001_TODAY', FromUserName: openid });

    const view = await tap({ path: [1, 0] });
    expect(view).toMatchObject({ type: 'view', open_url: 'https://example.com/' });
    expect(lastEvent()).toMatchObject({ Event: 'VIEW', EventKey: 'https://example.com/' });
    expect(String(lastEvent().MenuId)).toMatch(/^\d+$/);

    const scan = await tap({ path: [1, 1], scan_result: 'hello-code', scan_type: 'barcode' });
    expect(scan).toMatchObject({ type: 'scancode_waitmsg', receiving: true });
    expect(scan.replies.map((m: Json) => m.content)).toEqual([{ content: 'scanned hello-code' }]);
    expect(lastEvent()).toMatchObject({ Event: 'scancode_waitmsg', EventKey: 'rselfmenu_0_0', ScanCodeInfo: { ScanType: 'barcode', ScanResult: 'hello-code' } });

    const push = await tap({ path: [2], scan_result: 'https://example.com/scanned' });
    expect(push).toMatchObject({ type: 'scancode_push', open_url: 'https://example.com/scanned' });
    expect(lastEvent()).toMatchObject({ Event: 'scancode_push', ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'https://example.com/scanned' } });

    const photos = [];
    for (let i = 0; i < 2; i++) {
      const bytes = Buffer.concat([PLACEHOLDER_PNG, Buffer.from([i])]);
      photos.push((await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${user.id}/media`, headers: { 'content-type': 'application/octet-stream' }, payload: bytes })).json() as Json);
    }
    const pics = await tap({ path: [1, 2], media_ids: photos.map((p) => p.media_id) });
    expect(pics.messages.map((m: Json) => [m.direction, m.msg_type, m.content.media_id])).toEqual(photos.map((p) => ['in', 'image', p.media_id]));
    const picEvent = events().find((m) => m.Event === 'pic_photo_or_album')!;
    expect(picEvent).toMatchObject({ EventKey: 'rselfmenu_1_1', SendPicsInfo: { Count: '2' } });
    const md5 = (b: Buffer) => require('node:crypto').createHash('md5').update(b).digest('hex') as string;
    const items = (picEvent.SendPicsInfo as Json).PicList.item as Json[];
    expect(items.map((i) => i.PicMd5Sum)).toEqual([0, 1].map((i) => md5(Buffer.concat([PLACEHOLDER_PNG, Buffer.from([i])]))));
    // The photos then arrive as image messages.
    await expect.poll(() => server.received.filter((m) => m.MsgType === 'image').map((m) => m.MediaId)).toEqual(photos.map((p) => p.media_id));

    const where = await tap({ path: [1, 3], location: { location_x: 39.9, location_y: 116.4, scale: 16, label: '北京', poiname: '天安门' } });
    expect(where.messages.map((m: Json) => m.msg_type)).toEqual(['location']);
    expect(events().find((m) => m.Event === 'location_select')).toMatchObject({
      EventKey: 'rselfmenu_2_0',
      SendLocationInfo: { Location_X: '39.9', Location_Y: '116.4', Scale: '16', Label: '北京', Poiname: '天安门' },
    });
    await expect.poll(() => server.received.find((m) => m.MsgType === 'location')).toMatchObject({ MsgType: 'location', Label: '北京' });

    const app = await tap({ path: [1, 4] });
    expect(app).toMatchObject({ type: 'miniprogram', open_miniprogram: { appid: 'wx0123456789abcdef', pagepath: 'pages/index', url: 'https://example.com/app' } });
    expect(lastEvent()).toMatchObject({ Event: 'view_miniprogram', EventKey: 'pages/index' });

    // Taps that cannot be made.
    expect((await call('POST', `/sim/v1/users/${user.id}/menu-click`, { account: account.appid, path: [1] })).body.error.code).toBe('invalid_menu_path');
    expect((await call('POST', `/sim/v1/users/${user.id}/menu-click`, { account: account.appid, path: [1, 1] })).body.error.code).toBe('invalid_request');
    expect((await call('POST', `/sim/v1/users/${user.id}/menu-click`, { account: account.appid, path: [1, 2], media_ids: ['nope'] })).body.error.code).toBe('invalid_media');
  });

  it('shows "cannot provide service" once for an invalid reply', async () => {
    const { send, user, account } = await scenario('plaintext');
    const junk = await send({ msgtype: 'text', content: 'junk' });
    expect(junk).toMatchObject({ reply_status: 'invalid' });
    expect(junk.replies.map((m: Json) => [m.source, m.msg_type, m.content])).toEqual([['system', 'system', { content: '该公众号暂时无法提供服务，请稍后再试' }]]);
    const ok = await send({ msgtype: 'text', content: 'fine' });
    expect(ok.replies.map((m: Json) => m.source)).toEqual(['passive']);
    // Nothing else was added for the invalid answer: one notice only.
    const inbox = (await call('GET', `/sim/v1/users/${user.id}/inbox?account=${account.appid}`)).body;
    expect(inbox.messages.filter((m: Json) => m.source === 'system')).toHaveLength(1);
  });
});
