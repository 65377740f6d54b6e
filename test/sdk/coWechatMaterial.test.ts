/**
 * Permanent materials and article images through co-wechat-api 3.x, unmodified, against Herald on
 * a real loopback port: uploadMaterial and its per-kind shortcuts, uploadVideoMaterial,
 * getMaterial, removeMaterial, getMaterialCount, getMaterials, uploadImage (media/uploadimg) and
 * uploadMPVideo (media/uploadvideo).
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { addNewsMaterial } from '../../src/modules/articles/commands/newsMaterialCreator.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_JPEG, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../src/surfaces/sim/placeholders.js';

type Json = Record<string, unknown>;
interface CoApi {
  prefix: string;
  fileServerPrefix: string;
  uploadMaterial(filepath: string, type: string): Promise<Json>;
  uploadImageMaterial(filepath: string): Promise<Json>;
  uploadVoiceMaterial(filepath: string): Promise<Json>;
  uploadThumbMaterial(filepath: string): Promise<Json>;
  uploadVideoMaterial(filepath: string, description: { title: string; introduction: string }): Promise<Json>;
  getMaterial(mediaId: string): Promise<Buffer | Json>;
  removeMaterial(mediaId: string): Promise<Json>;
  getMaterialCount(): Promise<Json>;
  getMaterials(type: string, offset: number, count: number): Promise<Json>;
  uploadImage(filepath: string): Promise<Json>;
  uploadMedia(file: Buffer, type: string, filename: string, mime: string): Promise<Json>;
  uploadMPVideo(opts: { media_id: string; title: string; description: string }): Promise<Json>;
}
const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as new (appid: string, secret: string) => CoApi;

function clientFor(herald: TestHerald, appid: string, secret: string): CoApi {
  const api = new CoWechatAPI(appid, secret);
  api.prefix = `${herald.url}/cgi-bin/`;
  api.fileServerPrefix = `${herald.url}/cgi-bin/`;
  return api;
}

async function errcodeOf(p: Promise<unknown>): Promise<number | string> {
  const err = (await p.then(() => undefined, (e: unknown) => e)) as { name?: string; code?: number } | undefined;
  if (!err) return 'no error';
  expect(err.name).toBe('WeChatAPIError');
  return err.code ?? 'no code';
}

describeEachDb('co-wechat-api permanent materials against Herald', (kind) => {
  let herald: TestHerald;
  let dir: string;
  const files: Record<string, string> = {};
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    dir = mkdtempSync(path.join(os.tmpdir(), 'herald-material-'));
    for (const [name, bytes] of [['photo.png', PLACEHOLDER_PNG], ['cover.jpg', PLACEHOLDER_JPEG], ['note.amr', PLACEHOLDER_AMR], ['clip.mp4', PLACEHOLDER_MP4]] as const) {
      files[name] = path.join(dir, name);
      writeFileSync(files[name], bytes);
    }
  });
  afterAll(async () => {
    await herald?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads, reads, lists, counts and removes materials', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const api = clientFor(herald, appid, secret);
    const image = await api.uploadImageMaterial(files['photo.png']);
    expect(image).toEqual({ media_id: expect.any(String), url: `${herald.config.publicUrl}/media/${image.media_id}` });
    const generic = await api.uploadMaterial(files['photo.png'], 'image');
    const voice = await api.uploadVoiceMaterial(files['note.amr']);
    const thumb = await api.uploadThumbMaterial(files['cover.jpg']);
    const video = await api.uploadVideoMaterial(files['clip.mp4'], { title: '新品发布', introduction: 'Launch' });
    for (const r of [generic, voice, thumb, video]) expect(r.media_id).toMatch(/^[A-Za-z0-9_-]{64}$/);

    const bytes = await api.getMaterial(String(image.media_id));
    expect(Buffer.isBuffer(bytes) && bytes.equals(PLACEHOLDER_PNG)).toBe(true);
    expect(await api.getMaterial(String(video.media_id))).toEqual({ title: '新品发布', description: 'Launch', down_url: `${herald.config.publicUrl}/media/${video.media_id}` });

    expect(await api.getMaterialCount()).toEqual({ voice_count: 1, video_count: 1, image_count: 2, news_count: 0 });
    const list = await api.getMaterials('image', 0, 20);
    expect(list.total_count).toBe(2);
    expect((list.item as Json[]).map((i) => i.media_id).sort()).toEqual([image.media_id, generic.media_id].sort());
    expect((list.item as Json[])[0]).toMatchObject({ name: expect.stringMatching(/\.png$/), update_time: expect.any(Number), url: expect.stringContaining('/media/') });

    // News materials (added here by the command material/add_news runs) read back as news_item.
    const news = await addNewsMaterial(herald.services, { accountId: account.id, articles: [{ title: 'Weekly', thumb_media_id: String(thumb.media_id), content: '<p>Hello</p>' }] });
    expect(await api.getMaterial(news.group.id)).toMatchObject({ news_item: [{ title: 'Weekly', thumb_media_id: thumb.media_id, content: '<p>Hello</p>' }] });
    expect(await api.getMaterials('news', 0, 10)).toMatchObject({ total_count: 1, item_count: 1, item: [{ media_id: news.group.id, content: { news_item: [{ title: 'Weekly' }] } }] });
    expect((await api.getMaterialCount()).news_count).toBe(1);

    expect(await api.removeMaterial(String(generic.media_id))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await api.getMaterialCount()).image_count).toBe(1);
    expect(await errcodeOf(api.getMaterial(String(generic.media_id)))).toBe(40007);
    expect(await errcodeOf(api.removeMaterial(String(generic.media_id)))).toBe(40007);
    expect(await errcodeOf(api.uploadMaterial(files['photo.png'], 'sticker'))).toBe(40004);
    expect(await errcodeOf(api.uploadVoiceMaterial(files['photo.png']))).toBe(40005);
    expect(await errcodeOf(api.getMaterials('image', 0, 50))).toBe(40035);

    await expectSdkCovered(herald, account.id, 'co-wechat-api', [
      '/cgi-bin/material/add_material',
      '/cgi-bin/material/get_material',
      '/cgi-bin/material/del_material',
      '/cgi-bin/material/get_materialcount',
      '/cgi-bin/material/batchget_material',
    ]);
  });

  it('uploads article images and mass-send videos', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const api = clientFor(herald, appid, secret);
    const img = await api.uploadImage(files['cover.jpg']);
    expect(img).toEqual({ url: expect.stringMatching(new RegExp(`^${herald.config.publicUrl}/media/[A-Za-z0-9_-]{64}$`)) });
    // The public URL names this Herald's configured address; fetch the same path on its port.
    const served = await fetch(`${herald.url}${new URL(String(img.url)).pathname}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(PLACEHOLDER_JPEG)).toBe(true);
    expect(await errcodeOf(api.uploadImage(files['note.amr']))).toBe(40005);

    const temp = await api.uploadMedia(PLACEHOLDER_MP4, 'video', 'clip.mp4', 'video/mp4');
    const mp = await api.uploadMPVideo({ media_id: String(temp.media_id), title: 'Launch', description: 'Our launch' });
    expect(mp).toEqual({ type: 'video', media_id: expect.any(String), created_at: expect.any(Number) });
    expect(await errcodeOf(api.uploadMPVideo({ media_id: 'nope', title: 'x', description: '' }))).toBe(40007);

    await expectSdkCovered(herald, account.id, 'co-wechat-api', ['/cgi-bin/media/uploadimg', '/cgi-bin/media/uploadvideo']);
  });
});
