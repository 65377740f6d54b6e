import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../../test/consoleFixtures.js';
import { HOSTILE_BODIES, expectHostileBodiesRefused } from '../../../../test/hostileBodies.js';
import { consoleUpload, multipart } from '../../../../test/consoleUpload.js';
import { PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';

type Json = Record<string, any>;

/** Article fields a hostile editor might send (each inside an otherwise valid draft body). */
const HOSTILE_ARTICLES: Array<[string, unknown]> = [
  ['not an object', 'article'],
  ['null', null],
  ['array', [1, 2]],
  ['title object', { title: { $ne: '' }, content: '<p>x</p>' }],
  ['title array', { title: ['a'], content: '<p>x</p>' }],
  ['nul in title', { title: 'a\u0000b', content: '<p>x</p>' }],
  ['lone surrogate', { title: '\ud800', content: '<p>\udfff</p>' }],
  ['huge number', { title: 1e308, content: 1e999, need_open_comment: 1e999 }],
  ['flags as objects', { title: 't', content: '<p>x</p>', need_open_comment: { a: 1 }, original: 'yes', donations_enabled: [] }],
  ['thumb injection', { title: 't', content: '<p>x</p>', thumb_media_id: "' OR 1=1 --" }],
  ['thumb too long', { title: 't', content: '<p>x</p>', thumb_media_id: 'a'.repeat(5000) }],
  ['reprint of junk', { title: 't', content: '<p>x</p>', reprint_of: '../../etc/passwd' }],
  ['source url js', { title: 't', content: '<p>x</p>', content_source_url: 'javascript:alert(1)' }],
  ['content too big', { title: 't', content: '<p>' + 'x'.repeat(1_100_000) + '</p>' }],
];

async function expectJsonError(r: { status: number; json: unknown }, label: string) {
  expect(r.status, label).toBeGreaterThanOrEqual(400);
  expect(r.status, label).toBeLessThan(500);
  const error = (r.json as Json).error as Json;
  expect(error?.code, label).toBeTypeOf('string');
  expect(error?.message, label).toBeTypeOf('string');
}

describeEachDb('article and material console routes under hostile input', (kind) => {
  let h: TestHerald;
  let client: ConsoleClient;
  let appid: string;
  let draftId: string;
  beforeAll(async () => {
    h = await startTestHerald(kind);
    const signed = await signedInOperator(h.app, h.services);
    client = signed.client;
    appid = (await makeAccount(h.services, { orgId: signed.op.orgId })).appid;
    const r = await client.post(`/console/api/accounts/${appid}/drafts`, { articles: [{ title: 'Kept', content: '<p>kept</p>' }] });
    draftId = ((r.json as Json).draft as Json).media_id as string;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers hostile JSON bodies on every write route with a 4xx', async () => {
    const base = `/console/api/accounts/${appid}`;
    await expectHostileBodiesRefused(client, 'POST', `${base}/drafts`);
    await expectHostileBodiesRefused(client, 'PUT', `${base}/drafts/${draftId}`);
    for (const [label, a] of HOSTILE_ARTICLES) {
      await expectJsonError(await client.post(`${base}/drafts`, { articles: [a] }), `POST ${label}`);
      await expectJsonError(await client.put(`${base}/drafts/${draftId}`, { articles: [a] }), `PUT ${label}`);
    }
    for (const body of [{ articles: 'x' }, { articles: { 0: {} } }, { articles: Array.from({ length: 51 }, () => ({})) }, { articles: null }, {}]) {
      await expectJsonError(await client.post(`${base}/drafts`, body), JSON.stringify(body).slice(0, 40));
    }
    // Over the draft body limit (8 articles of 1 MB): 413.
    const huge = await client.post(`${base}/drafts`, JSON.stringify({ articles: [{ title: 't', content: 'x'.repeat(9 * 1024 * 1024) }] }));
    expect(huge.status).toBe(413);
    // Publish ignores any body; hostile ones are no reason for a 500.
    for (const [label, payload] of HOSTILE_BODIES) {
      const r = await client.request('POST', `${base}/drafts/not-a-draft/publish`, payload);
      expect(r.status, label).toBe(404);
    }
    // Nothing was changed by any of it.
    const draft = ((await client.get(`${base}/drafts/${draftId}`)).json as Json).draft as Json;
    expect(draft.articles.map((a: Json) => a.title)).toEqual(['Kept']);
    expect(((await client.get(`${base}/drafts`)).json as Json).total).toBe(1);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('answers hostile ids and queries with 4xx', async () => {
    const base = `/console/api/accounts/${appid}`;
    const ids = ['x', '..%2F..%2Fetc', '%00', 'a'.repeat(2000), "'%20OR%201=1", '%F0%9F%98%80', '%ED%A0%80', '-1', '1e99'];
    for (const id of ids) {
      for (const [method, url] of [
        ['GET', `${base}/drafts/${id}`],
        ['PUT', `${base}/drafts/${id}`],
        ['DELETE', `${base}/drafts/${id}`],
        ['POST', `${base}/drafts/${id}/publish`],
        ['GET', `${base}/publish/${id}`],
        ['GET', `${base}/articles/${id}/preview`],
        ['DELETE', `${base}/materials/${id}`],
      ] as const) {
        const body = method === 'PUT' ? { articles: [{ title: 't', content: '<p>x</p>' }] } : undefined;
        const r = await client.request(method, url, body);
        await expectJsonError(r, `${method} ${url.slice(0, 80)}`);
      }
    }
    const queries = ['type=all', 'type=', 'type=image&offset=-1', 'type=image&count=0', 'type=image&count=1000', 'type=image&offset=abc', 'type[]=image', 'type=image&offset=1e99', 'type=%00'];
    for (const q of queries) await expectJsonError(await client.get(`${base}/materials?${q}`), q);
    for (const q of ['offset=-5', 'count=0', 'count=51', 'offset=x', 'count=1e9']) {
      await expectJsonError(await client.get(`${base}/drafts?${q}`), `drafts ${q}`);
      await expectJsonError(await client.get(`${base}/published?${q}`), `published ${q}`);
    }
    // Unknown and malformed AppIDs look alike.
    for (const bad of ['wx0000000000000000', 'nope', 'WX0123456789ABCDEF']) {
      expect((await client.get(`/console/api/accounts/${bad}/drafts`)).status).toBe(404);
      expect((await client.get(`/console/api/accounts/${bad}/materials?type=image`)).status).toBe(404);
    }
  });

  it('answers hostile uploads with a 4xx', async () => {
    const base = `/console/api/accounts/${appid}/materials`;
    const png = multipart({ bytes: PLACEHOLDER_PNG, filename: 'a.png' });
    const cases: Array<[string, string, Buffer, string]> = [
      ['json instead', `${base}?type=image`, Buffer.from('{"media":"x"}'), 'application/json'],
      ['no boundary', `${base}?type=image`, png.body, 'multipart/form-data'],
      ['wrong boundary', `${base}?type=image`, png.body, 'multipart/form-data; boundary=nothere'],
      ['truncated', `${base}?type=image`, png.body.subarray(0, png.body.length - 20), png.contentType],
      ['no media field', `${base}?type=image`, multipart(null, { other: 'x' }).body, ''],
      ['empty body', `${base}?type=image`, Buffer.alloc(0), png.contentType],
      ['bad type', `${base}?type=news`, png.body, png.contentType],
      ['no type', base, png.body, png.contentType],
      ['type array', `${base}?type=image&type=video`, png.body, png.contentType],
      ['text as image', `${base}?type=image`, multipart({ bytes: Buffer.from('<script>alert(1)</script>'), filename: 'x.png' }).body, ''],
      ['uploadimg text', `${base}/uploadimg`, multipart({ bytes: Buffer.from('hello'), filename: 'x.jpg' }).body, ''],
      ['uploadimg garbage', `${base}/uploadimg`, Buffer.from([0xff, 0xfe, 0x00, 0x01]), 'multipart/form-data; boundary=x'],
    ];
    for (const [label, url, body, type] of cases) {
      // An empty content type means "the boundary of the body built for this case".
      const contentType = type || (body.toString('latin1').match(/^--(\S+)/)?.[1] ? `multipart/form-data; boundary=${body.toString('latin1').match(/^--(\S+)/)![1]}` : 'application/octet-stream');
      const r = await consoleUpload(h, client, url, body, contentType);
      await expectJsonError(r, label);
    }
    // A file name with control characters is cleaned, not stored as sent.
    const nul = multipart({ bytes: PLACEHOLDER_PNG, filename: 'a\u0000b\u0007.png' });
    const cleaned = await consoleUpload(h, client, `${base}?type=image`, nul.body, nul.contentType);
    expect(cleaned.status).toBe(201);
    expect(cleaned.json.item.name).not.toMatch(/[\u0000-\u001f]/);
    await client.request('DELETE', `${base}/${cleaned.json.item.media_id}`);
    // Uploads need the CSRF header like every write.
    const noCsrf = await h.app.inject({ method: 'POST', url: `${base}?type=image`, headers: { cookie: `herald_session=${client.cookie}`, 'content-type': png.contentType }, payload: png.body });
    expect(noCsrf.statusCode).toBe(403);
    const noSession = await h.app.inject({ method: 'POST', url: `${base}?type=image`, headers: { 'content-type': png.contentType }, payload: png.body });
    expect(noSession.statusCode).toBe(401);
    // Over the upload limit altogether: 413 before anything is parsed.
    const tooBig = await consoleUpload(h, client, `${base}?type=video`, Buffer.alloc(11 * 1024 * 1024), png.contentType);
    expect(tooBig.status).toBe(413);
    expect(((await client.get(`${base}?type=image`)).json as Json).total).toBe(0);
  });
});
