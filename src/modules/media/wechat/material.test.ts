import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkMiniProgram } from '../../../../test/factories/miniprograms.js';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, wxCall } from '../../../../test/wxClient.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_JPEG, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { autoReplies } from '../../autoreplies/schema.js';
import { media } from '../schema.js';
import { findMedia } from '../store/media.js';
import { createFollowerUser } from '../../followers/commands/followerUserCreator.js';
import { uploadFollowerMedia } from '../commands/mediaUploader.js';
import { addNewsMaterial } from '../../articles/commands/newsMaterialCreator.js';
import { findNewsGroup, findGroupArticles, setNewsGroupState } from '../../articles/store/newsGroups.js';

type Part = { name: string; filename?: string; type?: string; data: Buffer | string };
function form(parts: Part[], boundary = 'HeraldMaterialBoundary') {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const file = (data: Buffer, filename = 'f.bin', extra: Part[] = []) => form([{ name: 'media', filename, type: 'application/octet-stream', data }, ...extra]);
const big = (head: Buffer, size: number) => Buffer.concat([head, Buffer.alloc(size - head.length, 1)]);
const WAV = Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WAVEfmt '), Buffer.alloc(28)]);
const WMA = Buffer.concat([Buffer.from([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c]), Buffer.alloc(30)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20)]);

describeEachDb('permanent materials, article images and mass videos (raw HTTP)', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function setup(opts: { type?: 'service' | 'subscription'; verified?: boolean } = {}) {
    const made = await makeAccount(herald.services, opts);
    await linkMiniProgram(herald.services.db, made.account.id, { appid: 'wx0123456789abcdef' });
    return { ...made, token: await fetchToken(herald, made.appid, made.secret) };
  }
  const add = (token: string, type: string, f: { body: Buffer; headers: Record<string, string> }, query = '') =>
    wxCall(herald, 'POST', `/cgi-bin/material/add_material?access_token=${token}&type=${type}${query}`, f);
  const post = (token: string, path: string, body: unknown) => wxCall(herald, 'POST', `/cgi-bin/${path}?access_token=${token}`, { body });

  it('adds each kind with its formats, serves images publicly and keeps the rows as materials', async () => {
    const { account, token } = await setup();
    const image = await add(token, 'image', file(PLACEHOLDER_PNG, 'logo.png'));
    expect(Object.keys(image).sort()).toEqual(['media_id', 'url']);
    expect(image.url).toBe(`${herald.config.publicUrl}/media/${image.media_id}`);
    const pub = await herald.app.inject({ method: 'GET', url: `/media/${image.media_id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.rawPayload.equals(PLACEHOLDER_PNG)).toBe(true);
    for (const [type, bytes] of [['image', GIF], ['voice', WAV], ['voice', WMA], ['voice', PLACEHOLDER_AMR], ['thumb', PLACEHOLDER_JPEG]] as const) {
      const r = await add(token, type, file(bytes));
      expect(Object.keys(r), type).toEqual(type === 'image' ? ['media_id', 'url'] : ['media_id']);
    }
    const row = await findMedia(herald.services.db, String(image.media_id));
    expect(row).toMatchObject({ accountId: account.id, origin: 'material', temporary: false, expiresAt: null, kind: 'image' });
    // Materials never expire.
    herald.services.clock.advance(10 * 24 * 3600 * 1000);
    expect((await herald.app.inject({ method: 'GET', url: `/media/${image.media_id}` })).statusCode).toBe(200);
  });

  it('takes a video description as a form field or a query parameter', async () => {
    const { token } = await setup();
    const asField = await add(token, 'video', file(PLACEHOLDER_MP4, 'clip.mp4', [{ name: 'description', data: JSON.stringify({ title: '发布会', introduction: 'Launch day' }) }]));
    const got = await post(token, 'material/get_material', { media_id: asField.media_id });
    expect(got).toEqual({ title: '发布会', description: 'Launch day', down_url: `${herald.config.publicUrl}/media/${asField.media_id}` });
    const asQuery = await add(token, 'video', file(PLACEHOLDER_MP4), `&description=${encodeURIComponent(JSON.stringify({ title: 'Q', introduction: 'from the query' }))}`);
    expect(await post(token, 'material/get_material', { media_id: asQuery.media_id })).toMatchObject({ title: 'Q', description: 'from the query' });
    // Missing, malformed, wrong types, too long.
    expectWxError(await add(token, 'video', file(PLACEHOLDER_MP4)), 40035);
    expectWxError(await add(token, 'video', file(PLACEHOLDER_MP4, 'v.mp4', [{ name: 'description', data: '{"title":' }])), 47001);
    expectWxError(await add(token, 'video', file(PLACEHOLDER_MP4, 'v.mp4', [{ name: 'description', data: '["x"]' }])), 47001);
    expectWxError(await add(token, 'video', file(PLACEHOLDER_MP4, 'v.mp4', [{ name: 'description', data: '{"title":5}' }])), 40035);
    expectWxError(await add(token, 'video', file(PLACEHOLDER_MP4, 'v.mp4', [{ name: 'description', data: '{"title":"a\\u0000"}' }])), 40035);
    expectWxError(await add(token, 'video', file(PLACEHOLDER_MP4, 'v.mp4', [{ name: 'description', data: JSON.stringify({ title: 't'.repeat(65) }) }])), 45003, 'title size out of limit');
    expectWxError(await add(token, 'video', file(PLACEHOLDER_MP4, 'v.mp4', [{ name: 'description', data: JSON.stringify({ title: 't', introduction: 'i'.repeat(1025) }) }])), 45004);
  });

  it('refuses bad types, formats, sizes and missing files with WeChat errcodes', async () => {
    const { token } = await setup();
    expectWxError(await add(token, 'news', file(PLACEHOLDER_PNG)), 40004, 'invalid media type');
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/material/add_material?access_token=${token}`, file(PLACEHOLDER_PNG)), 40004);
    expectWxError(await add(token, 'voice', file(PLACEHOLDER_PNG)), 40005, 'invalid file type');
    expectWxError(await add(token, 'thumb', file(PLACEHOLDER_PNG)), 40005);
    expectWxError(await add(token, 'image', file(Buffer.from('<svg onload="alert(1)"/>'), 'x.svg')), 40005);
    expectWxError(await add(token, 'image', file(WAV)), 40005);
    expectWxError(await add(token, 'image', file(Buffer.alloc(0))), 44001);
    expectWxError(await add(token, 'image', file(big(PLACEHOLDER_PNG, 2 * 1024 * 1024 + 1))), 40009, 'invalid image size');
    expectWxError(await add(token, 'voice', file(big(PLACEHOLDER_AMR, 2 * 1024 * 1024 + 1))), 40010, 'invalid voice size');
    expectWxError(await add(token, 'video', file(big(PLACEHOLDER_MP4, 10 * 1024 * 1024 + 1), 'v.mp4', [{ name: 'description', data: '{"title":"t"}' }])), 40011, 'invalid video size');
    expectWxError(await add(token, 'thumb', file(big(PLACEHOLDER_JPEG, 64 * 1024 + 1))), 40012, 'invalid thumb size');
    expectWxError(await add(token, 'image', file(big(PLACEHOLDER_PNG, 5 * 1024 * 1024))), 40009);
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/material/add_material?access_token=${token}&type=image`), 41005, 'media data missing');
    expectWxError(await add(token, 'image', form([{ name: 'file', filename: 'a.png', data: PLACEHOLDER_PNG }])), 41005);
    expectWxError(await add(token, 'image', { body: PLACEHOLDER_PNG, headers: { 'content-type': 'image/png' } }), 41005);
    // Subscription accounts that are not verified have no material capability.
    const unverified = await setup({ type: 'subscription', verified: false });
    expectWxError(await add(unverified.token, 'image', file(PLACEHOLDER_PNG)), 48001);
    expectWxError(await post(unverified.token, 'material/batchget_material', { type: 'image', offset: 0, count: 1 }), 48001);
  });

  it('survives hostile multipart bodies and keeps file names safe', async () => {
    const { token } = await setup();
    const url = `/cgi-bin/material/add_material?access_token=${token}&type=image`;
    const b = { 'content-type': 'multipart/form-data; boundary=b' };
    const truncated = { body: Buffer.from(`--b\r\nContent-Disposition: form-data; name="media"; filename="a.png"\r\n\r\n`), headers: b };
    const wrongBoundary = { body: file(PLACEHOLDER_PNG).body, headers: b };
    const manyParts = form(Array.from({ length: 5000 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    const hugeHeader = { body: Buffer.from(`--b\r\nContent-Disposition: form-data; name="media"; filename="${'a'.repeat(100_000)}"\r\n\r\nxx\r\n--b--\r\n`), headers: b };
    const codes = [];
    for (const f of [truncated, wrongBoundary, manyParts, hugeHeader]) codes.push((await wxCall(herald, 'POST', url, f)).errcode);
    expect(codes).toEqual([47001, 47001, 47001, 47001]);
    const huge = await herald.app.inject({ method: 'POST', url, headers: b, payload: Buffer.alloc(26 * 1024 * 1024) });
    expect(huge.statusCode).toBe(200);
    expect([40009, 45002]).toContain((huge.json() as { errcode: number }).errcode);
    // Path-traversal and header-breaking file names become a plain name with the real extension.
    for (const name of ['../../../etc/passwd', '..\\..\\windows\\x.exe', 'a"; x=".png', '\u202egnp.exe', '', '..', '\u0007\u200b', `${'春'.repeat(300)}.png`]) {
      const r = await add(token, 'image', file(PLACEHOLDER_PNG, name));
      const row = await findMedia(herald.services.db, String(r.media_id));
      expect(row!.filename, name).toMatch(/\.png$/);
      expect(row!.filename, name).not.toMatch(/[\\/"\u0000-\u001f\u007f\u200b\u202e]/);
      expect(row!.filename.startsWith('.')).toBe(false);
      expect(Array.from(row!.filename).length).toBeLessThanOrEqual(100);
    }
  });

  it('keeps Unicode file names through add_material, media/upload and uploadimg, and serves them with a UTF-8 Content-Disposition', async () => {
    const { token } = await setup();
    const img = await add(token, 'image', file(PLACEHOLDER_PNG, '春季菜单.png'));
    const voice = await add(token, 'voice', file(PLACEHOLDER_AMR, '门店 欢迎语.amr'));
    const page = await post(token, 'material/batchget_material', { type: 'image', offset: 0, count: 20 });
    expect(page.item).toEqual([expect.objectContaining({ media_id: img.media_id, name: '春季菜单.png' })]);
    const bin = await herald.app.inject({ method: 'POST', url: `/cgi-bin/material/get_material?access_token=${token}`, payload: { media_id: voice.media_id } });
    expect(bin.headers['content-disposition']).toBe(`attachment; filename="__ ___.amr"; filename*=UTF-8''${encodeURIComponent('门店 欢迎语.amr')}`);
    // A temporary media keeps its name too (media/upload), sent the RFC 5987 way by some clients.
    const ext = {
      body: Buffer.concat([
        Buffer.from(`--e\r\nContent-Disposition: form-data; name="media"; filename="x.png"; filename*=UTF-8''${encodeURIComponent('海报.png')}\r\n\r\n`),
        PLACEHOLDER_PNG,
        Buffer.from('\r\n--e--\r\n'),
      ]),
      headers: { 'content-type': 'multipart/form-data; boundary=e' },
    };
    const temp = await wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}&type=image`, ext);
    expect(temp.media_id).toBeTypeOf('string');
    expect((await findMedia(herald.services.db, String(temp.media_id)))!.filename).toBe('海报.png');
    const got = await herald.app.inject({ method: 'GET', url: `/cgi-bin/media/get?access_token=${token}&media_id=${temp.media_id}` });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('海报.png')}`);
  });

  it('gets, lists, counts and deletes materials; another account sees none of them', async () => {
    const { token } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(String((await add(token, 'image', file(PLACEHOLDER_PNG, `p${i}.png`))).media_id));
      herald.services.clock.advance(1000);
    }
    const voice = await add(token, 'voice', file(PLACEHOLDER_AMR, 'v.amr'));
    expect(await wxCall(herald, 'GET', `/cgi-bin/material/get_materialcount?access_token=${token}`)).toEqual({ voice_count: 1, video_count: 0, image_count: 3, news_count: 0 });
    const page = await post(token, 'material/batchget_material', { type: 'image', offset: 1, count: 1 });
    expect(page).toEqual({ total_count: 3, item_count: 1, item: [{ media_id: ids[1], name: 'p1.png', update_time: expect.any(Number), url: `${herald.config.publicUrl}/media/${ids[1]}` }] });
    expect(await post(token, 'material/batchget_material', { type: 'image', offset: '0', count: '20' })).toMatchObject({ total_count: 3, item_count: 3 });
    expect(await post(token, 'material/batchget_material', { type: 'image', offset: 50, count: 20 })).toEqual({ total_count: 3, item_count: 0, item: [] });
    expect(await post(token, 'material/batchget_material', { type: 'news', offset: 0, count: 20 })).toEqual({ total_count: 0, item_count: 0, item: [] });
    const bin = await herald.app.inject({ method: 'POST', url: `/cgi-bin/material/get_material?access_token=${token}`, payload: { media_id: voice.media_id } });
    expect(bin.headers['content-type']).toBe('audio/amr');
    expect(bin.headers['content-disposition']).toBe('attachment; filename="v.amr"');
    expect(bin.rawPayload.equals(PLACEHOLDER_AMR)).toBe(true);
    // Errors: bad list arguments, unknown ids, another account's id.
    for (const bad of [{ type: 'sticker', offset: 0, count: 1 }, { offset: 0, count: 1 }]) expectWxError(await post(token, 'material/batchget_material', bad), 40004);
    for (const bad of [{ type: 'image', offset: 0, count: 0 }, { type: 'image', offset: 0, count: 21 }, { type: 'image', offset: -1, count: 1 }, { type: 'image', offset: 0 }, { type: 'image', offset: 1.5, count: 1 }, { type: 'image', offset: 0, count: '1e3' }]) {
      expectWxError(await post(token, 'material/batchget_material', bad), 40035);
    }
    expectWxError(await post(token, 'material/get_material', {}), 41006);
    expectWxError(await post(token, 'material/get_material', { media_id: 7 }), 40007);
    expectWxError(await post(token, 'material/get_material', { media_id: '../../etc/passwd' }), 40007, 'invalid media_id');
    const other = await setup();
    expectWxError(await post(other.token, 'material/get_material', { media_id: ids[0] }), 40007);
    expectWxError(await post(other.token, 'material/del_material', { media_id: ids[0] }), 40007);
    // A temporary upload is not a material.
    const temp = await wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}&type=image`, file(PLACEHOLDER_PNG));
    expectWxError(await post(token, 'material/get_material', { media_id: temp.media_id }), 40007);
    expectWxError(await post(token, 'material/del_material', { media_id: temp.media_id }), 40007);
    // Delete: gone from the list, the file no longer served.
    expect(await post(token, 'material/del_material', { media_id: ids[0] })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await herald.app.inject({ method: 'GET', url: `/media/${ids[0]}` })).statusCode).toBe(404);
    expectWxError(await post(token, 'material/del_material', { media_id: ids[0] }), 40007);
    expect((await wxCall(herald, 'GET', `/cgi-bin/material/get_materialcount?access_token=${token}`)).image_count).toBe(2);
  });

  it('refuses to delete a material the menu or an auto-reply uses (48005)', async () => {
    const { account, token } = await setup();
    const inMenu = String((await add(token, 'image', file(PLACEHOLDER_PNG))).media_id);
    const inReply = String((await add(token, 'image', file(PLACEHOLDER_PNG))).media_id);
    const inThumb = String((await add(token, 'thumb', file(PLACEHOLDER_JPEG))).media_id);
    const free = String((await add(token, 'image', file(PLACEHOLDER_PNG))).media_id);
    const menu = await post(token, 'menu/create', {
      button: [{ name: 'More', sub_button: [{ type: 'media_id', name: 'Pic', media_id: inMenu }, { type: 'click', name: 'Hi', key: 'K' }] }],
    });
    expect(menu).toMatchObject({ errcode: 0 });
    await herald.services.db.insert(autoReplies).values([
      { accountId: account.id, kind: 'subscribe', replies: [{ type: 'image', media_id: inReply }], createdAt: new Date() },
      { accountId: account.id, kind: 'keyword', keywords: [{ text: 'mp', match: 'exact' }], replies: [{ type: 'miniprogrampage', title: 't', appid: 'wx0123456789abcdef', pagepath: 'p', thumb_media_id: inThumb }], createdAt: new Date() },
    ]);
    for (const id of [inMenu, inReply, inThumb]) {
      expectWxError(await post(token, 'material/del_material', { media_id: id }), 48005, 'forbid to delete material used by auto-reply or menu');
    }
    // Another account's menu naming the id does not matter.
    expect(await post(token, 'material/del_material', { media_id: free })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await wxCall(herald, 'GET', `/cgi-bin/menu/delete?access_token=${token}`)).toMatchObject({ errcode: 0 });
    expect(await post(token, 'material/del_material', { media_id: inMenu })).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it('reads, lists, counts and deletes news materials', async () => {
    const { account, token } = await setup();
    const thumb = String((await add(token, 'thumb', file(PLACEHOLDER_JPEG))).media_id);
    const article = (title: string) => ({ title, thumb_media_id: thumb, author: 'Ed', digest: 'd', content: `<p>${title} body</p>`, content_source_url: '', show_cover_pic: 0 });
    const first = await addNewsMaterial(herald.services, { accountId: account.id, articles: [article('One'), article('Two')] });
    herald.services.clock.advance(1000);
    const second = await addNewsMaterial(herald.services, { accountId: account.id, articles: [article('Three')] });
    const got = await post(token, 'material/get_material', { media_id: first.group.id });
    expect((got.news_item as Array<Record<string, unknown>>).map((i) => i.title)).toEqual(['One', 'Two']);
    expect((got.news_item as Array<Record<string, unknown>>)[0]).toMatchObject({ thumb_media_id: thumb, author: 'Ed', content: '<p>One body</p>', url: expect.stringContaining('/s/') });
    expect((await wxCall(herald, 'GET', `/cgi-bin/material/get_materialcount?access_token=${token}`)).news_count).toBe(2);
    const page = await post(token, 'material/batchget_material', { type: 'news', offset: 0, count: 1 });
    expect(page).toMatchObject({ total_count: 2, item_count: 1, item: [{ media_id: second.group.id, content: { news_item: [{ title: 'Three' }] }, update_time: expect.any(Number) }] });
    // Another account cannot read it; a menu using it blocks deletion.
    const other = await setup();
    expectWxError(await post(other.token, 'material/get_material', { media_id: first.group.id }), 40007);
    expect(await post(token, 'menu/create', { button: [{ type: 'media_id', name: 'News', media_id: first.group.id }] })).toMatchObject({ errcode: 0 });
    expectWxError(await post(token, 'material/del_material', { media_id: first.group.id }), 48005);
    expect(await wxCall(herald, 'GET', `/cgi-bin/menu/delete?access_token=${token}`)).toMatchObject({ errcode: 0 });
    expect(await post(token, 'material/del_material', { media_id: first.group.id })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await findNewsGroup(herald.services.db, account.id, first.group.id)).toBeUndefined();
    expectWxError(await post(token, 'material/get_material', { media_id: first.group.id }), 40007);
    // A news material that was sent leaves the library but keeps its articles for readers.
    await setNewsGroupState(herald.services.db, second.group.id, { state: 'sent' }, herald.services.clock.now());
    expect(await post(token, 'material/del_material', { media_id: second.group.id })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await findNewsGroup(herald.services.db, account.id, second.group.id)).toMatchObject({ state: 'deleted' });
    expect(await findGroupArticles(herald.services.db, second.group.id)).toHaveLength(1);
    expect((await wxCall(herald, 'GET', `/cgi-bin/material/get_materialcount?access_token=${token}`)).news_count).toBe(0);
    expectWxError(await post(token, 'material/del_material', { media_id: second.group.id }), 40007);
    expectWxError(await post(token, 'material/get_material', { media_id: second.group.id }), 40007);
  });

  it('enforces the per-kind material limits (1,000 voices)', async () => {
    const { account, token } = await setup();
    const now = new Date();
    await herald.services.db.execute(sql`
      insert into ${media} (id, account_id, kind, content_type, filename, size, sha256, md5, storage_key, temporary, origin, created_at)
      select 'seedvoice' || g || ${account.id.slice(0, 8)}, ${account.id}, 'voice', 'audio/amr', 'v.amr', 1, 'x', 'x', 'seedvoice' || g, false, 'material', ${now}
      from generate_series(1, 1000) g`);
    expect((await wxCall(herald, 'GET', `/cgi-bin/material/get_materialcount?access_token=${token}`)).voice_count).toBe(1000);
    expectWxError(await add(token, 'voice', file(PLACEHOLDER_AMR)), 45001);
    // Other kinds, article images and temporary uploads are not limited by it.
    expect(await add(token, 'image', file(PLACEHOLDER_PNG))).toHaveProperty('media_id');
    expect(await wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}&type=voice`, file(PLACEHOLDER_AMR))).toMatchObject({ errcode: 0 });
  });

  it('uploads article images (jpg/png under 1 MB) to a stable public URL outside the material counts', async () => {
    const { token } = await setup();
    const up = (f: { body: Buffer; headers: Record<string, string> }) => wxCall(herald, 'POST', `/cgi-bin/media/uploadimg?access_token=${token}`, f);
    const r = await up(file(PLACEHOLDER_JPEG, 'inline.jpg'));
    expect(Object.keys(r)).toEqual(['url']);
    const id = String(r.url).split('/media/')[1];
    expect(String(r.url)).toBe(`${herald.config.publicUrl}/media/${id}`);
    expect(await findMedia(herald.services.db, id)).toMatchObject({ origin: 'uploadimg', temporary: false, expiresAt: null });
    expect((await up(form([{ name: 'buffer', filename: 'logo.png', data: PLACEHOLDER_PNG }]))).url).toMatch(/\/media\//);
    expect((await wxCall(herald, 'GET', `/cgi-bin/material/get_materialcount?access_token=${token}`)).image_count).toBe(0);
    expectWxError(await up(file(GIF)), 40005);
    expectWxError(await up(file(big(PLACEHOLDER_JPEG, 1024 * 1024))), 40009);
    expectWxError(await up(file(Buffer.alloc(0))), 44001);
    expectWxError(await up(form([{ name: 'image', data: PLACEHOLDER_PNG }])), 41005);
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/media/uploadimg?access_token=${token}`), 41005);
    // The URL keeps working (article pages embed it).
    herald.services.clock.advance(30 * 24 * 3600 * 1000);
    const got = await herald.app.inject({ method: 'GET', url: `/media/${id}` });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
  });

  it('turns a temporary video into a mass-send video (media/uploadvideo)', async () => {
    const { token } = await setup();
    const temp = await wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}&type=video`, file(PLACEHOLDER_MP4, 'clip.mp4'));
    const r = await post(token, 'media/uploadvideo', { media_id: temp.media_id, title: 'Launch', description: 'Our launch video' });
    expect(r).toEqual({ type: 'video', media_id: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/), created_at: expect.any(Number) });
    expect(r.media_id).not.toBe(temp.media_id);
    expect(await findMedia(herald.services.db, String(r.media_id))).toMatchObject({ origin: 'video', kind: 'video', title: 'Launch', introduction: 'Our launch video', expiresAt: null });
    // It outlives the temporary upload.
    herald.services.clock.advance(4 * 24 * 3600 * 1000);
    expect((await herald.app.inject({ method: 'GET', url: `/media/${r.media_id}` })).statusCode).toBe(200);
  });

  it('refuses bad media/uploadvideo requests', async () => {
    const { token } = await setup();
    const image = await wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}&type=image`, file(PLACEHOLDER_PNG));
    const video = await wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}&type=video`, file(PLACEHOLDER_MP4));
    expectWxError(await post(token, 'media/uploadvideo', { title: 't' }), 41006);
    expectWxError(await post(token, 'media/uploadvideo', { media_id: image.media_id, title: 't' }), 40007);
    expectWxError(await post(token, 'media/uploadvideo', { media_id: 'A'.repeat(64), title: 't' }), 40007);
    expectWxError(await post(token, 'media/uploadvideo', { media_id: ['x'], title: 't' }), 40007);
    expectWxError(await post(token, 'media/uploadvideo', { media_id: video.media_id }), 40035);
    expectWxError(await post(token, 'media/uploadvideo', { media_id: video.media_id, title: 't'.repeat(65) }), 45003);
    expectWxError(await post(token, 'media/uploadvideo', { media_id: video.media_id, title: 't', description: 7 }), 40035);
    expectWxError(await post(token, 'media/uploadvideo', [1]), 47001);
    const other = await setup();
    expectWxError(await post(other.token, 'media/uploadvideo', { media_id: video.media_id, title: 't' }), 40007);
  });

  it('marks temporary uploads and a follower\'s uploads with their origin', async () => {
    const { token } = await setup();
    const temp = await wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}&type=image`, file(PLACEHOLDER_PNG));
    expect(await findMedia(herald.services.db, String(temp.media_id))).toMatchObject({ origin: 'temporary', temporary: true });
    const user = await createFollowerUser(herald.services, { nickname: 'Reader' });
    const mine = await uploadFollowerMedia(herald.services, user.id, { bytes: PLACEHOLDER_PNG, filename: 'me.png' });
    expect(await findMedia(herald.services.db, mine.media_id)).toMatchObject({ origin: 'user', userId: user.id, accountId: null });
  });
});
