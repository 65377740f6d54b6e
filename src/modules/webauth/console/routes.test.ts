import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, makeOrg, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../../test/consoleFixtures.js';
import { createFollowerUser } from '../../followers/index.js';

describeEachDb('console: web domains and OAuth grants', (kind) => {
  let herald: TestHerald;
  let site: http.Server;
  let port = 0;
  /** What the developer's site answers for MP_verify files. */
  let verifyAnswer = '';
  beforeAll(async () => {
    herald = await startTestHerald(kind);
    site = http.createServer((req, res) => {
      if (req.url?.includes('MP_verify_')) res.writeHead(200, { 'content-type': 'text/plain' }).end(verifyAnswer);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    port = (site.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await herald?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  async function owner(type: 'service' | 'subscription' = 'service'): Promise<{ client: ConsoleClient; appid: string; orgId: string }> {
    const org = await makeOrg(herald.services);
    const { appid } = await makeAccount(herald.services, { orgId: org.id, type, verified: true });
    const { client } = await signedInOperator(herald.app, herald.services, { orgId: org.id, role: 'owner' });
    return { client, appid, orgId: org.id };
  }

  it('shows the MP_verify file and limits; saves domains after fetching the file through the outbound policy', async () => {
    const { client, appid } = await owner();
    const base = `/console/api/accounts/${appid}`;
    const view = (await client.get(`${base}/web-domains`)).json.web as {
      verify_file: string;
      verify_content: string;
      strict: boolean;
      kinds: Array<{ kind: string; limit: number; domains: Array<{ domain: string; verified_at: string | null }> }>;
    };
    expect(view.verify_file).toMatch(/^MP_verify_[A-Za-z0-9]{16}\.txt$/);
    expect(view.verify_content).toBe(view.verify_file.slice(10, 26));
    expect(view.strict).toBe(false);
    expect(view.kinds.map((k) => [k.kind, k.limit])).toEqual([['oauth', 2], ['jsapi', 5], ['business', 5]]);

    verifyAnswer = 'wrong';
    const refused = await client.put(`${base}/web-domains/oauth`, { domains: [`127.0.0.1:${port}`] });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'domain_unverified', details: { reason: 'wrong_content' } });

    verifyAnswer = view.verify_content;
    const saved = await client.put(`${base}/web-domains/oauth`, { domains: [`127.0.0.1:${port}`] });
    expect(saved.status, saved.body).toBe(200);
    const oauth = (saved.json.web as typeof view).kinds[0];
    expect(oauth.domains).toEqual([{ domain: `127.0.0.1:${port}`, verified_at: expect.any(String) }]);

    // Emulator: the check can be skipped; limits hold.
    const js = await client.put(`${base}/web-domains/jsapi`, { domains: ['localhost:3000', 'a.example.com/mp'], skip_verification: true });
    expect((js.json.web as typeof view).kinds[1].domains.map((d) => d.domain)).toEqual(['a.example.com/mp', 'localhost:3000']);
    const many = await client.put(`${base}/web-domains/oauth`, { domains: ['a.com', 'b.com', 'c.com'], skip_verification: true });
    expect(many.json.error).toMatchObject({ code: 'too_many_domains' });

    // Strict WeChat rules: ports refused when saving, and 10003 when authorizing.
    const strict = await client.put(`${base}/web-settings`, { strict: true });
    expect((strict.json.web as typeof view).strict).toBe(true);
    const withPort = await client.put(`${base}/web-domains/business`, { domains: ['localhost:3000'], skip_verification: true });
    expect(withPort.json.error).toMatchObject({ code: 'invalid_domain', details: { reason: 'port' } });
    const user = await createFollowerUser(herald.services, { nickname: 'Mei' });
    const url = `/connect/oauth2/authorize?appid=${appid}&redirect_uri=${encodeURIComponent(`http://127.0.0.1:${port}/cb`)}&response_type=code&scope=snsapi_base&state=s#wechat_redirect`;
    const open = async () => (await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${user.id}/web/open`, payload: { url } })).json();
    expect(await open()).toMatchObject({ outcome: 'error', errcode: 10003 });
    await client.put(`${base}/web-settings`, { strict: false });
    expect(await open()).toMatchObject({ outcome: 'redirect' });

    // The grants, newest first: who, when, scope, result.
    const grants = (await client.get(`${base}/web-grants`)).json.grants as Array<Record<string, unknown>>;
    expect(grants.slice(0, 2)).toEqual([
      { id: expect.any(Number), at: expect.any(String), nickname: 'Mei', openid: expect.any(String), scope: 'snsapi_base', result: 'silent', errcode: null, redirect_host: `127.0.0.1:${port}` },
      { id: expect.any(Number), at: expect.any(String), nickname: 'Mei', openid: null, scope: 'snsapi_base', result: 'refused', errcode: 10003, redirect_host: `127.0.0.1:${port}` },
    ]);
    const page = (await client.get(`${base}/web-grants?limit=1&before=${grants[0].id}`)).json.grants as Array<Record<string, unknown>>;
    expect(page).toEqual([grants[1]]);
  });

  it('subscription accounts get 3 JS safe domains; hostile input is refused cleanly', async () => {
    const { client, appid } = await owner('subscription');
    const base = `/console/api/accounts/${appid}`;
    const view = (await client.get(`${base}/web-domains`)).json.web as { kinds: Array<{ limit: number }> };
    expect(view.kinds.map((k) => k.limit)).toEqual([2, 3, 3]);
    for (const [path, body, code] of [
      ['/web-domains/oauth', { domains: ['javascript:alert(1)'] }, 'invalid_domain'],
      ['/web-domains/oauth', { domains: ['https://a.com'] }, 'invalid_domain'],
      ['/web-domains/oauth', { domains: ['a.com/path'] }, 'invalid_domain'],
      ['/web-domains/jsapi', { domains: ['<script>.com'] }, 'invalid_domain'],
      ['/web-domains/jsapi', { domains: ['a'.repeat(301)] }, 'invalid_request'],
      ['/web-domains/jsapi', { domains: Array(11).fill('a.com') }, 'invalid_request'],
      ['/web-domains/jsapi', { domains: 'a.com' }, 'invalid_request'],
      ['/web-domains/jsapi', { domains: [], extra: 1 }, 'invalid_request'],
      ['/web-domains/nope', { domains: [] }, 'not_found'],
      ['/web-settings', { strict: 'yes' }, 'invalid_request'],
    ] as const) {
      const res = await client.put(`${base}${path}`, body);
      expect(res.status, `${path} ${JSON.stringify(body).slice(0, 60)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.json.error?.code, res.body).toBe(code);
    }
    for (const q of ['limit=0', 'limit=abc', 'before=-1', `before=${'9'.repeat(40)}`]) {
      expect((await client.get(`${base}/web-grants?${q}`)).status).toBe(400);
    }
    // Another organization's account is out of scope.
    const other = await owner();
    expect((await client.get(`/console/api/accounts/${other.appid}/web-domains`)).status).toBe(404);
  });

  it('domains change at most 3 times a natural month (China time) per kind, by the Herald clock; an unchanged save is no edit', async () => {
    const clock = herald.services.clock;
    // Start on the 1st of a China month, 01:00, so that the next hours are the same month.
    const now = clock.nowMs();
    const shanghai = new Date(now + 8 * 3600_000);
    const nextMonthStart = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() + 1, 1) - 8 * 3600_000;
    clock.advance(nextMonthStart + 3600_000 - now);
    let { client, appid, orgId } = await owner();
    const base = `/console/api/accounts/${appid}`;
    const save = (kind: string, domains: string[]) => client.put(`${base}/web-domains/${kind}`, { domains, skip_verification: true });
    for (const domains of [['a.example.com'], ['b.example.com'], ['a.example.com', 'b.example.com']]) {
      expect((await save('oauth', domains)).status).toBe(200);
      clock.advance(3600_000);
    }
    // The same list again changes nothing and is not refused.
    expect((await save('oauth', ['b.example.com', 'a.example.com'])).status).toBe(200);
    const fourth = await save('oauth', ['c.example.com']);
    expect(fourth.status).toBe(400);
    expect(fourth.json.error).toMatchObject({ code: 'domain_edit_limit', details: { kind: 'oauth', limit: 3, next_month_at: expect.any(String) } });
    expect(new Date(String((fourth.json.error as unknown as { details: { next_month_at: string } }).details.next_month_at)).getTime()).toBe(Date.UTC(new Date(clock.nowMs() + 8 * 3600_000).getUTCFullYear(), new Date(clock.nowMs() + 8 * 3600_000).getUTCMonth() + 1, 1) - 8 * 3600_000);
    const kept = (await client.get(`${base}/web-domains`)).json.web as { kinds: Array<{ domains: Array<{ domain: string }> }> };
    expect(kept.kinds[0].domains.map((d) => d.domain).sort()).toEqual(['a.example.com', 'b.example.com']);
    // Other kinds count on their own.
    expect((await save('jsapi', ['a.example.com'])).status).toBe(200);
    // The simulator's fixtures do not count unless asked to; when asked, they are refused too.
    const sim = (body: unknown) => herald.app.inject({ method: 'PUT', url: `/sim/v1/accounts/${appid}/web-domains/oauth`, payload: body as object });
    expect((await sim({ domains: ['d.example.com'], count_edit: true })).json().error).toMatchObject({ code: 'domain_edit_limit' });
    expect((await sim({ domains: ['a.example.com', 'b.example.com'] })).statusCode).toBe(200);
    expect((await sim({ domains: [], count_edit: 'yes' })).statusCode).toBe(400);
    // The next natural month (China time) opens three more.
    const at = clock.nowMs();
    const sh = new Date(at + 8 * 3600_000);
    clock.advance(Date.UTC(sh.getUTCFullYear(), sh.getUTCMonth() + 1, 1) - 8 * 3600_000 - at + 1000);
    ({ client } = await signedInOperator(herald.app, herald.services, { orgId, role: 'owner' }));
    expect((await save('oauth', ['c.example.com'])).status).toBe(200);
  });
});
