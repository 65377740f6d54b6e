import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator } from '../../../../test/consoleFixtures.js';
import { PLACEHOLDER_JPEG, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { publishMenu } from '../../menus/commands/menuPublisher.js';
import { addNewsMaterial } from '../../articles/commands/newsMaterialCreator.js';
import { consoleUpload, multipart } from '../../../../test/consoleUpload.js';

type Json = Record<string, any>;

describeEachDb('console materials library', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('uploads, lists by type with paging, and deletes materials', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${appid}/materials`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { body, contentType } = multipart({ bytes: Buffer.concat([PLACEHOLDER_PNG, Buffer.from([i])]), filename: `p${i}.png`, type: 'image/png' });
      const r = await consoleUpload(h, client, `${base}?type=image`, body, contentType);
      expect(r.status).toBe(201);
      expect(r.json.item).toMatchObject({ type: 'image', name: `p${i}.png` });
      expect(r.json.item.url).toMatch(/\/media\//);
      ids.push(r.json.item.media_id as string);
      h.services.clock.advance(1000);
    }
    const page1 = await client.get(`${base}?type=image&offset=0&count=2`);
    expect(page1.status).toBe(200);
    expect((page1.json as Json).total).toBe(3);
    expect((page1.json as Json).items.map((m: Json) => m.media_id)).toEqual([ids[2], ids[1]]);
    const page2 = await client.get(`${base}?type=image&offset=2&count=2`);
    expect((page2.json as Json).items.map((m: Json) => m.media_id)).toEqual([ids[0]]);
    // The bytes are served at the material's URL.
    const served = await h.app.inject({ method: 'GET', url: new URL((page2.json as Json).items[0].url as string).pathname });
    expect(served.statusCode).toBe(200);

    const video = multipart({ bytes: PLACEHOLDER_MP4, filename: 'clip.mp4', type: 'video/mp4' }, { title: 'Launch day', introduction: 'Our first video' });
    const v = await consoleUpload(h, client, `${base}?type=video`, video.body, video.contentType);
    expect(v.status).toBe(201);
    expect(v.json.item).toMatchObject({ type: 'video', title: 'Launch day', introduction: 'Our first video' });
    expect((await client.get(`${base}?type=video`)).json.total).toBe(1);
    expect((await client.get(`${base}?type=voice`)).json).toMatchObject({ total: 0, items: [] });
    expect((await client.get(`${base}?type=news`)).json.items).toEqual([]);

    const del = await client.request('DELETE', `${base}/${ids[0]}`);
    expect(del.status).toBe(200);
    expect((await client.get(`${base}?type=image`)).json.total).toBe(2);
    const again = await client.request('DELETE', `${base}/${ids[0]}`);
    expect(again.status).toBe(404);
    expect((again.json as Json).error.message).toBe('No such material.');
  });

  it('keeps Chinese and other Unicode file names, and strips what is hostile in a name', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${appid}/materials`;
    const cases: Array<[string, string | RegExp]> = [
      ['春季菜单.png', '春季菜单.png'],
      ['新品 海报 ☕.PNG', '新品 海报 ☕.png'],
      ['C:\\Users\\李雷\\桌面\\门店.png', '门店.png'],
      ['../../etc/咖啡', '咖啡.png'],
      ['\u202egnp.exe', 'gnp.png'],
      ['a\u0000b\u0001c.png', 'abc.png'],
      ['.png', 'image.png'],
      ['长'.repeat(500), /^长{96}\.png$/],
    ];
    for (const [i, [name, want]] of cases.entries()) {
      const { body, contentType } = multipart({ bytes: Buffer.concat([PLACEHOLDER_PNG, Buffer.from([i])]), filename: name, type: 'image/png' });
      const r = await consoleUpload(h, client, `${base}?type=image`, body, contentType);
      expect(r.status, name).toBe(201);
      if (typeof want === 'string') expect(r.json.item.name, name).toBe(want);
      else expect(r.json.item.name, name).toMatch(want);
    }
    // The library lists them by their names; the file is served with a UTF-8 Content-Disposition.
    const page = (await client.get(`${base}?type=image&count=20`)).json as Json;
    const menu = page.items.find((m: Json) => m.name === '春季菜单.png');
    expect(menu).toBeDefined();
    const served = await h.app.inject({ method: 'GET', url: new URL(menu.url as string).pathname });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-disposition']).toBe(`inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('春季菜单.png')}`);
  });

  it('uploads images for article bodies (uploadimg) with their own limits', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    const ok = multipart({ bytes: PLACEHOLDER_JPEG, filename: 'in-article.jpg', type: 'image/jpeg' });
    const r = await consoleUpload(h, client, `/console/api/accounts/${appid}/materials/uploadimg`, ok.body, ok.contentType);
    expect(r.status).toBe(200);
    expect(r.json.url).toMatch(/^http.+\/media\/[A-Za-z0-9_-]+$/);
    // Not listed among the library's images (not a material).
    expect((await client.get(`/console/api/accounts/${appid}/materials?type=image`)).json.total).toBe(0);
    const gif = multipart({ bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), filename: 'a.gif' });
    const bad = await consoleUpload(h, client, `/console/api/accounts/${appid}/materials/uploadimg`, gif.body, gif.contentType);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/file type is not accepted/);
  });

  it('explains refusals: wrong type, too large, empty, and materials the menu uses', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid, account } = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${appid}/materials`;
    const png = multipart({ bytes: PLACEHOLDER_PNG, filename: 'a.png' });
    const asThumb = await consoleUpload(h, client, `${base}?type=thumb`, png.body, png.contentType);
    expect(asThumb.status).toBe(400);
    expect(asThumb.json.error.details.errcode).toBe(40005);
    const big = multipart({ bytes: Buffer.concat([PLACEHOLDER_JPEG, Buffer.alloc(70 * 1024)]), filename: 'big.jpg' });
    const tooBig = await consoleUpload(h, client, `${base}?type=thumb`, big.body, big.contentType);
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.error.message).toMatch(/at most 64 KB/);
    const huge = multipart({ bytes: Buffer.concat([PLACEHOLDER_JPEG, Buffer.alloc(300 * 1024)]), filename: 'huge.jpg' });
    const wayTooBig = await consoleUpload(h, client, `${base}?type=thumb`, huge.body, huge.contentType);
    expect(wayTooBig.status).toBe(413);
    expect(wayTooBig.json.error.message).toMatch(/at most 64 KB/);
    const empty = multipart({ bytes: Buffer.alloc(0), filename: 'e.png' });
    const e = await consoleUpload(h, client, `${base}?type=image`, empty.body, empty.contentType);
    expect(e.status).toBe(400);
    expect(e.json.error.message).toBe('The file is empty.');
    const noTitle = multipart({ bytes: PLACEHOLDER_MP4, filename: '' }, { title: ' ' });
    expect((await consoleUpload(h, client, `${base}?type=video`, noTitle.body, noTitle.contentType)).json.error.message).toMatch(/needs a title/);

    const img = await consoleUpload(h, client, `${base}?type=image`, png.body, png.contentType);
    const mediaId = img.json.item.media_id as string;
    await publishMenu(h.services, account.id, [{ type: 'media_id', name: 'Photo', media_id: mediaId }], 'console');
    const refused = await client.request('DELETE', `${base}/${mediaId}`);
    expect(refused.status).toBe(409);
    expect((refused.json as Json).error.details.errcode).toBe(48005);
    expect((refused.json as Json).error.message).toMatch(/used by the custom menu or an auto-reply/);
    expect((await client.get(`${base}?type=image`)).json.total).toBe(1);
  });

  it('lists news materials (material/add_news) with their articles, and deletes them', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid, account } = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${appid}/materials`;
    const png = multipart({ bytes: PLACEHOLDER_PNG, filename: 'cover.png' });
    const cover = (await consoleUpload(h, client, `${base}?type=image`, png.body, png.contentType)).json.item as Json;
    const { group } = await addNewsMaterial(h.services, {
      accountId: account.id,
      articles: [
        { title: 'Lead story', content: '<p>a</p>', thumb_media_id: cover.media_id },
        { title: 'Second story', content: '<p>b</p>', thumb_media_id: cover.media_id },
      ],
    });
    const news = (await client.get(`${base}?type=news`)).json as Json;
    expect(news.total).toBe(1);
    expect(news.items[0]).toMatchObject({ media_id: group.id, type: 'news', title: 'Lead story', url: cover.url });
    expect(news.items[0].introduction).toContain('Second story');
    expect((await client.request('DELETE', `${base}/${group.id}`)).status).toBe(200);
    expect(((await client.get(`${base}?type=news`)).json as Json).total).toBe(0);
  });

  it('reads one material by id (a file material or a news material) for the picker; anything else is not found', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid, account } = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${appid}/materials`;
    const png = multipart({ bytes: PLACEHOLDER_PNG, filename: '封面.png' });
    const cover = (await consoleUpload(h, client, `${base}?type=image`, png.body, png.contentType)).json.item as Json;
    const one = await client.get(`${base}/${cover.media_id}`);
    expect(one.status).toBe(200);
    expect(one.json.item).toEqual(cover);
    const { group } = await addNewsMaterial(h.services, { accountId: account.id, articles: [{ title: '品牌故事', content: '<p>a</p>', thumb_media_id: cover.media_id }] });
    expect((await client.get(`${base}/${group.id}`)).json.item).toMatchObject({ media_id: group.id, type: 'news', title: '品牌故事', url: cover.url });
    // Another account's material, unknown, malformed or hostile ids: 404, never a 500.
    const other = await makeAccount(h.services, { orgId: op.orgId });
    for (const id of [cover.media_id, group.id]) expect((await client.get(`/console/api/accounts/${other.appid}/materials/${id}`)).status).toBe(404);
    for (const id of ['nope', 'x'.repeat(500), encodeURIComponent("' or 1=1 --"), '%00', encodeURIComponent('春季')]) {
      const r = await client.get(`${base}/${id}`);
      expect(r.status, id).toBe(404);
      expect((r.json as Json).error.code).toBe('not_found');
    }
    // A deleted news material is gone too.
    expect((await client.request('DELETE', `${base}/${group.id}`)).status).toBe(200);
    expect((await client.get(`${base}/${group.id}`)).status).toBe(404);
  });

  it("keeps other organizations' libraries apart", async () => {
    const a = await signedInOperator(h.app, h.services);
    const b = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: a.op.orgId });
    const png = multipart({ bytes: PLACEHOLDER_PNG, filename: 'a.png' });
    const up = await consoleUpload(h, a.client, `/console/api/accounts/${appid}/materials?type=image`, png.body, png.contentType);
    expect(up.status).toBe(201);
    expect((await b.client.get(`/console/api/accounts/${appid}/materials?type=image`)).status).toBe(404);
    expect((await b.client.request('DELETE', `/console/api/accounts/${appid}/materials/${up.json.item.media_id}`)).status).toBe(404);
    const theirs = await consoleUpload(h, b.client, `/console/api/accounts/${appid}/materials?type=image`, png.body, png.contentType);
    expect(theirs.status).toBe(404);
    // Another account of the same organization cannot delete it either.
    const other = await makeAccount(h.services, { orgId: a.op.orgId });
    expect((await a.client.request('DELETE', `/console/api/accounts/${other.appid}/materials/${up.json.item.media_id}`)).status).toBe(404);
  });
});
