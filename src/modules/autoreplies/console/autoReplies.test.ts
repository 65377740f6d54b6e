import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkMiniProgram } from '../../../../test/factories/miniprograms.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator } from '../../../../test/consoleFixtures.js';
import { startDevServer, type DevServer } from '../../../../test/devServer.js';
import { expectHostileBodiesRefused } from '../../../../test/hostileBodies.js';
import { configureServer } from '../../callbacks/commands/serverConfigurator.js';
import { createKeywordRule } from '../commands/autoReplyRuleCreator.js';
import { MAX_KEYWORD_RULES, matchAutoReply } from '../rules.js';
import { loadAutoReplyRules } from '../store.js';

type Rule = { id: number; kind: string; name: string; keywords: Array<{ text: string; match: string }>; reply_mode: string; replies: unknown[]; enabled: boolean };

const ruleBody = (keyword: string, content: string, extra: Record<string, unknown> = {}) => ({
  name: `Rule ${keyword}`,
  keywords: [{ text: keyword, match: 'exact' }],
  reply_mode: 'all',
  replies: [{ type: 'text', content }],
  ...extra,
});

describeEachDb('console auto-reply API', (kind) => {
  let h: TestHerald;
  const servers: DevServer[] = [];
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await h?.close();
  });

  async function mine() {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    await linkMiniProgram(h.services.db, acc.account.id, { appid: 'wx0123456789abcdef' });
    return { op, client, ...acc, base: `/console/api/accounts/${acc.appid}/auto-replies` };
  }

  it('sets the follow reply and the default reply, and the matching uses them', async () => {
    const { client, base, account } = await mine();
    const empty = await client.get(base);
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ read_only: false, subscribe: null, default: null, keyword_rules: [], limits: { keyword_rules: 200, replies_per_rule: 5 } });

    const sub = await client.put(`${base}/subscribe`, {
      replies: [
        { type: 'text', content: 'Welcome!' },
        { type: 'news', title: 'Start here', description: 'Our best posts', url: 'https://example.com/start', picurl: '' },
      ],
    });
    expect(sub.status).toBe(200);
    expect(sub.json.rule).toMatchObject({ kind: 'subscribe', enabled: true, replies: [{ type: 'text', content: 'Welcome!' }, { type: 'news', title: 'Start here' }] });
    const def = await client.put(`${base}/default`, { replies: [{ type: 'image', media_id: 'MEDIA_1' }] });
    expect(def.status).toBe(200);
    // Setting again replaces (one rule of each kind).
    await client.put(`${base}/default`, { replies: [{ type: 'text', content: 'We will get back to you.' }] });

    const rules = await loadAutoReplyRules(h.services.db, account.id);
    expect(rules.filter((r) => r.kind === 'default')).toHaveLength(1);
    expect(matchAutoReply(rules, { kind: 'subscribe' })).toHaveLength(2);
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'voice' })).toEqual([{ type: 'text', content: 'We will get back to you.' }]);

    expect((await client.request('DELETE', `${base}/subscribe`)).status).toBe(200);
    expect((await client.get(base)).json.subscribe).toBeNull();
    expect((await client.request('DELETE', `${base}/subscribe`)).status).toBe(200);
  });

  it('creates, edits, reorders and deletes keyword rules', async () => {
    const { client, base, account } = await mine();
    const a = await client.post(`${base}/keyword-rules`, ruleBody('hello', 'Hi from A', { keywords: [{ text: 'hello', match: 'contains' }] }));
    expect(a.status).toBe(201);
    const b = await client.post(`${base}/keyword-rules`, ruleBody('hello there', 'Hi from B'));
    const ra = a.json.rule as Rule;
    const rb = b.json.rule as Rule;
    expect(ra).toMatchObject({ kind: 'keyword', name: 'Rule hello', keywords: [{ text: 'hello', match: 'contains' }], reply_mode: 'all', enabled: true });

    // A comes first: it matches "hello there" too.
    let rules = await loadAutoReplyRules(h.services.db, account.id);
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'text', text: 'hello there' })).toEqual([{ type: 'text', content: 'Hi from A' }]);

    const order = await client.put(`${base}/keyword-rules/order`, { ids: [rb.id, ra.id] });
    expect(order.status).toBe(200);
    expect((order.json.keyword_rules as Rule[]).map((r) => r.id)).toEqual([rb.id, ra.id]);
    rules = await loadAutoReplyRules(h.services.db, account.id);
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'text', text: 'Hello There' })).toEqual([{ type: 'text', content: 'Hi from B' }]);

    // A stale or partial order is refused.
    for (const ids of [[rb.id], [ra.id, ra.id], [ra.id, rb.id, 999999], ['x', rb.id], [-1, 0]]) {
      const r = await client.put(`${base}/keyword-rules/order`, { ids });
      expect(r.status, JSON.stringify(ids)).toBe(400);
      expect(r.json.error?.code).toBe('invalid_order');
    }

    const edit = await client.put(`${base}/keyword-rules/${ra.id}`, ruleBody('bye', 'See you', { reply_mode: 'random', enabled: false }));
    expect(edit.status).toBe(200);
    expect(edit.json.rule).toMatchObject({ id: ra.id, keywords: [{ text: 'bye', match: 'exact' }], reply_mode: 'random', enabled: false });
    // Editing keeps the rule's place.
    expect(((await client.get(base)).json.keyword_rules as Rule[]).map((r) => r.id)).toEqual([rb.id, ra.id]);

    expect((await client.request('DELETE', `${base}/keyword-rules/${rb.id}`)).status).toBe(200);
    const gone = await client.request('DELETE', `${base}/keyword-rules/${rb.id}`);
    expect(gone.status).toBe(404);
    for (const id of ['0', '-1', 'abc', '1e3', '9'.repeat(30), '%00']) {
      expect((await client.put(`${base}/keyword-rules/${id}`, ruleBody('x', 'y'))).status, id).toBe(404);
      expect((await client.request('DELETE', `${base}/keyword-rules/${id}`)).status, id).toBe(404);
    }
    expect(((await client.get(base)).json.keyword_rules as Rule[]).map((r) => r.id)).toEqual([ra.id]);
  });

  it('explains invalid rules with the field at fault', async () => {
    const { client, base } = await mine();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [ruleBody('x'.repeat(31), 'y'), 'keywords.0.text', 'Keyword 1 is longer than 30 characters.'],
      [{ ...ruleBody('a', 'b'), keywords: Array.from({ length: 11 }, (_, i) => ({ text: `k${i}` })) }, 'keywords', 'A rule has at most 10 keywords.'],
      [ruleBody('a', 'c'.repeat(601)), 'replies.0.content', 'Text is longer than 600 characters.'],
      [{ ...ruleBody('a', 'b'), replies: Array.from({ length: 6 }, () => ({ type: 'text', content: 'x' })) }, 'replies', 'A rule sends at most 5 replies.'],
      [{ ...ruleBody('a', 'b'), replies: [{ type: 'news', title: 'T', url: 'ftp://x' }] }, 'replies.0.url', 'Link must be a full http:// or https:// link.'],
      [{ ...ruleBody('a', 'b'), keywords: [] }, 'keywords', 'Add at least one keyword.'],
    ];
    for (const [body, field, message] of cases) {
      const r = await client.post(`${base}/keyword-rules`, body);
      expect(r.status, message).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'invalid_auto_reply', message, details: { field } });
    }
    const sub = await client.put(`${base}/subscribe`, { replies: [] });
    expect(sub.status).toBe(400);
    expect(sub.json.error?.message).toBe('Add at least one reply.');
    expect((await client.get(base)).json.keyword_rules).toEqual([]);
  });

  it('stops at 200 keyword rules', async () => {
    const { client, base, account } = await mine();
    for (let i = 0; i < MAX_KEYWORD_RULES; i++) await createKeywordRule(h.services, account.id, ruleBody(`k${i}`, 'r'));
    const r = await client.post(`${base}/keyword-rules`, ruleBody('one more', 'r'));
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe('too_many_rules');
    // The follow and default replies do not count.
    expect((await client.put(`${base}/default`, { replies: [{ type: 'text', content: 'x' }] })).status).toBe(200);
  });

  it('is read-only while the developer server is enabled', async () => {
    const { client, base, account } = await mine();
    const rule = (await client.post(`${base}/keyword-rules`, ruleBody('hi', 'there'))).json.rule as Rule;
    const server = await startDevServer({ token: 'autotoken' });
    servers.push(server);
    await configureServer(h.services, account.id, { url: server.url, token: 'autotoken', mode: 'plaintext' });
    const got = await client.get(base);
    expect(got.json.read_only).toBe(true);
    expect(got.json.read_only_reason).toContain('Developer settings');
    const writes: Array<['POST' | 'PUT' | 'DELETE', string, unknown]> = [
      ['POST', `${base}/keyword-rules`, ruleBody('a', 'b')],
      ['PUT', `${base}/keyword-rules/${rule.id}`, ruleBody('a', 'b')],
      ['DELETE', `${base}/keyword-rules/${rule.id}`, undefined],
      ['PUT', `${base}/keyword-rules/order`, { ids: [rule.id] }],
      ['PUT', `${base}/subscribe`, { replies: [{ type: 'text', content: 'x' }] }],
      ['DELETE', `${base}/subscribe`, undefined],
      ['PUT', `${base}/default`, { replies: [{ type: 'text', content: 'x' }] }],
      ['DELETE', `${base}/default`, undefined],
    ];
    for (const [method, url, body] of writes) {
      const r = await client.request(method, url, body);
      expect(r.status, `${method} ${url}`).toBe(409);
      expect(r.json.error?.code).toBe('api_owned');
    }
    expect(await loadAutoReplyRules(h.services.db, account.id)).toHaveLength(1);
  });

  it('needs a session, CSRF on writes, and an account of the operator’s organization', async () => {
    const { client, base } = await mine();
    const rule = (await client.post(`${base}/keyword-rules`, ruleBody('hi', 'there'))).json.rule as Rule;
    expect((await h.app.inject({ method: 'GET', url: base })).statusCode).toBe(401);
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: `${base}/keyword-rules`,
      headers: { cookie: `herald_session=${client.cookie}`, 'content-type': 'application/json' },
      payload: JSON.stringify(ruleBody('a', 'b')),
    });
    expect(noCsrf.statusCode).toBe(403);
    const wrongCsrf = await h.app.inject({ method: 'DELETE', url: `${base}/keyword-rules/${rule.id}`, headers: { cookie: `herald_session=${client.cookie}`, 'x-csrf-token': 'nope' } });
    expect(wrongCsrf.statusCode).toBe(403);

    const other = await signedInOperator(h.app, h.services);
    const attempts: Array<['GET' | 'POST' | 'PUT' | 'DELETE', string, unknown]> = [
      ['GET', base, undefined],
      ['POST', `${base}/keyword-rules`, ruleBody('a', 'b')],
      ['PUT', `${base}/keyword-rules/${rule.id}`, ruleBody('a', 'b')],
      ['DELETE', `${base}/keyword-rules/${rule.id}`, undefined],
      ['PUT', `${base}/subscribe`, { replies: [{ type: 'text', content: 'x' }] }],
    ];
    for (const [method, url, body] of attempts) {
      const r = await other.client.request(method, url, body);
      expect(r.status, `${method} ${url}`).toBe(404);
    }
    // A rule id of another account is not found either.
    const theirs = await makeAccount(h.services, { orgId: other.op.orgId });
    const theirBase = `/console/api/accounts/${theirs.appid}/auto-replies`;
    expect((await other.client.put(`${theirBase}/keyword-rules/${rule.id}`, ruleBody('a', 'b'))).status).toBe(404);
    expect((await other.client.request('DELETE', `${theirBase}/keyword-rules/${rule.id}`)).status).toBe(404);
    expect(((await client.get(base)).json.keyword_rules as Rule[])).toHaveLength(1);
  });

  it('answers malformed and hostile bodies with 4xx, never 500', async () => {
    const { client, base, account } = await mine();
    const rule = (await client.post(`${base}/keyword-rules`, ruleBody('hi', 'there'))).json.rule as Rule;
    await expectHostileBodiesRefused(client, 'POST', `${base}/keyword-rules`);
    await expectHostileBodiesRefused(client, 'PUT', `${base}/keyword-rules/${rule.id}`);
    await expectHostileBodiesRefused(client, 'PUT', `${base}/keyword-rules/order`);
    await expectHostileBodiesRefused(client, 'PUT', `${base}/subscribe`);
    await expectHostileBodiesRefused(client, 'PUT', `${base}/default`);
    const rules = await loadAutoReplyRules(h.services.db, account.id);
    expect(rules).toHaveLength(1);
    expect(rules[0].keywords).toEqual([{ text: 'hi', match: 'exact' }]);
  });
});
