import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';
import { moderateText } from './commands/contentModerator.js';

describeEachDb('console moderation and ICP API', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_ROLE: 'web', HERALD_PUBLIC_URL: 'https://herald.example.org' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets only platform administrators read and edit the term lists', async () => {
    const { client: admin } = await signedInOperator(h.app, h.services, { platformAdmin: true });
    const { client: operator } = await signedInOperator(h.app, h.services);
    for (const [method, url] of [['GET', '/console/api/admin/moderation-terms'], ['PUT', '/console/api/admin/moderation-terms'], ['GET', '/console/api/admin/icp-domains'], ['PUT', '/console/api/admin/icp-domains']] as const) {
      const r = await operator.request(method, url, method === 'PUT' ? { categories: [{ category: 'adult', terms: ['x'] }], domains: [] } : undefined);
      expect(r.status, `${method} ${url}`).toBe(403);
      expect(r.json.error?.code).toBe('forbidden');
      const anon = await h.app.inject({ method, url });
      expect(anon.statusCode).toBe(401);
    }
    const got = await admin.get('/console/api/admin/moderation-terms');
    expect(got.status).toBe(200);
    const categories = got.json.categories as Array<{ category: string; label: string; terms: string[] }>;
    expect(categories.map((c) => c.category)).toEqual(['political', 'adult', 'gambling', 'misleading_ads', 'copyright', 'drugs']);
    expect(categories[2]).toMatchObject({ label: 'Gambling or illegal activity', terms: expect.arrayContaining(['online casino']) });

    const put = await admin.put('/console/api/admin/moderation-terms', { categories: [{ category: 'gambling', label: 'ignored', terms: ['  Casino Royale ', 'casino royale', '赌场', ''] }] });
    expect(put.status).toBe(200);
    const after = put.json.categories as Array<{ category: string; terms: string[] }>;
    expect(after.find((c) => c.category === 'gambling')!.terms).toEqual(['Casino Royale', '赌场']);
    expect(after.find((c) => c.category === 'drugs')!.terms).toContain('heroin');
    expect((await admin.get('/console/api/admin/moderation-terms')).json).toEqual(put.json);
  });

  it('validates term lists', async () => {
    const { client: admin } = await signedInOperator(h.app, h.services, { platformAdmin: true });
    const url = '/console/api/admin/moderation-terms';
    const bad = [
      { categories: [] },
      { categories: [{ category: 'weather', terms: ['rain'] }] },
      { categories: [{ category: 'adult', terms: [] }] },
      { categories: [{ category: 'adult', terms: ['   '] }] },
      { categories: [{ category: 'adult', terms: ['x'.repeat(51)] }] },
      { categories: [{ category: 'adult', terms: Array.from({ length: 201 }, (_, i) => `t${i}`) }] },
      { categories: [{ category: 'adult', terms: ['a'] }, { category: 'adult', terms: ['b'] }] },
      { categories: [{ category: 'adult', terms: ['a\u0000b'] }] },
      { categories: [{ category: 'adult', terms: [5] }] },
      { categories: [{ category: '__proto__', terms: ['a'] }] },
      { categories: { adult: ['a'] } },
    ];
    for (const body of bad) {
      const r = await admin.put(url, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.json.error?.message).toBeTypeOf('string');
    }
    await expectHostileBodiesRefused(admin, 'PUT', url);
    await expectHostileBodiesRefused(admin, 'PUT', '/console/api/admin/icp-domains');
  });

  it('keeps the ICP list: a default with Herald\'s own host, then what the administrator saves', async () => {
    const { client: admin } = await signedInOperator(h.app, h.services, { platformAdmin: true });
    const url = '/console/api/admin/icp-domains';
    const first = await admin.get(url);
    expect(first.json.domains).toEqual(expect.arrayContaining(['qq.com', 'weixin.qq.com', 'baidu.com', 'taobao.com', 'jd.com', 'herald.example.org']));
    const saved = await admin.put(url, { domains: [' Example.COM ', '*.qq.com', 'example.com', '例子.中国', ''] });
    expect(saved.status).toBe(200);
    expect(saved.json.domains).toEqual(['example.com', 'qq.com', 'xn--fsqu00a.xn--fiqs8s']);
    expect((await admin.get(url)).json.domains).toEqual(saved.json.domains);
    for (const domains of [['https://qq.com/x'], ['bad domain'], ['a'.repeat(300)], Array.from({ length: 2001 }, (_, i) => `d${i}.cn`), 'qq.com', [1]]) {
      const r = await admin.put(url, { domains });
      expect(r.status).toBe(400);
    }
    // Reset for the link check below.
    await admin.put(url, { domains: ['qq.com', 'baidu.com'] });
  });

  it('checks the links of article HTML against the filed domains', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    await (await signedInOperator(h.app, h.services, { platformAdmin: true })).client.put('/console/api/admin/icp-domains', { domains: ['qq.com', 'baidu.com'] });
    const url = `/console/api/accounts/${appid}/link-check`;
    const html = [
      '<p><a href="https://mp.weixin.qq.com/s/x">ok</a> <a href="https://www.google.com/search?q=1">g</a>',
      '<a href="https://herald.example.org/s/abc">own</a> <a href="mailto:a@b.c">mail</a> <a href="/s/rel">rel</a>',
      '<a href="http://example.com:8080/a">ex</a> <a href="https://www.google.com/search?q=1">again</a> <a href="javascript:alert(1)">x</a></p>',
    ].join('');
    const r = await client.post(url, { html });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      warnings: [
        { url: 'https://www.google.com/search?q=1', domain: 'www.google.com', message: 'may be unreachable for readers in mainland China' },
        { url: 'http://example.com:8080/a', domain: 'example.com', message: 'may be unreachable for readers in mainland China' },
      ],
    });
    expect((await client.post(url, { html: '' })).json).toEqual({ warnings: [] });
    expect((await client.post(url, { html: '<a href="https://x.com' })).status).toBe(200);
    await expectHostileBodiesRefused(client, 'POST', url);
    // Another organization's account is not found.
    const { client: stranger } = await signedInOperator(h.app, h.services);
    expect((await stranger.post(url, { html })).status).toBe(404);
    expect((await client.post('/console/api/accounts/wx../link-check', { html })).status).toBe(404);
  });

  it('lists an account\'s violations newest first, with paging', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { account, appid } = await makeAccount(h.services, { orgId: op.orgId });
    for (const text of ['buy cocaine now', '冰毒', 'methamphetamine']) {
      await moderateText(h.services.db, h.services.clock, { accountId: account.id, action: 'broadcast', text });
    }
    const base = `/console/api/accounts/${appid}/violations`;
    const page = await client.get(`${base}?limit=2`);
    expect(page.status).toBe(200);
    const list = page.json.violations as Array<Record<string, unknown>>;
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({
      id: expect.any(Number), category: 'drugs', category_label: 'Controlled substances', term: 'methamphetamine', passage: 'methamphetamine',
      action: 'broadcast', group_id: null, article_idx: null, created_at: expect.any(String),
    });
    const rest = await client.get(`${base}?limit=2&before=${page.json.next_before}`);
    expect((rest.json.violations as Array<{ term: string }>).map((v) => v.term)).toEqual(['buy cocaine']);
    expect(rest.json.next_before).toBeNull();
    for (const q of ['limit=0', 'limit=101', 'limit=x', 'before=-1', 'before=1e400']) expect((await client.get(`${base}?${q}`)).status, q).toBe(400);
    const { client: stranger } = await signedInOperator(h.app, h.services);
    expect((await stranger.get(base)).status).toBe(404);
  });
});
