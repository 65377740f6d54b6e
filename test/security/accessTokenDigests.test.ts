/**
 * Issue 10, finding 13 (access tokens at rest): access_tokens keeps each token's SHA-256, never
 * the token; lookups go by digest; stable_token's normal mode still answers the same token from
 * the node that issued it; the migration's digest matches the code's.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { accessTokens } from '../../src/modules/accounts/schema.js';
import { tokenDigest } from '../../src/modules/accounts/store/tokens.js';

describeEachDb('security: access tokens stored as digests (issue 10, finding 13)', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const wx = async (method: 'GET' | 'POST', url: string, body?: object) =>
    (await h.app.inject({ method, url, ...(body ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) } : {}) })).json();

  it('stores no token in plaintext, and tokens still work', async () => {
    const { account, appid, secret } = await makeAccount(h.services);
    const token = (await wx('GET', `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).access_token as string;
    const stable = (await wx('POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret })).access_token as string;
    const rows = await h.services.db.select().from(accessTokens).where(eq(accessTokens.accountId, account.id));
    expect(rows).toHaveLength(2);
    const stored = rows.map((r) => r.token).sort();
    expect(stored).toEqual([tokenDigest(token), tokenDigest(stable)].sort());
    for (const r of rows) expect(r.token).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(await h.database.rows(sql`select * from access_tokens where account_id = ${account.id}`));
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(stable);
    for (const t of [token, stable]) expect((await wx('GET', `/cgi-bin/getcallbackip?access_token=${t}`)).ip_list).toBeTruthy();
    // The digest itself is not a token.
    expect((await wx('GET', `/cgi-bin/getcallbackip?access_token=${tokenDigest(token)}`)).errcode).toBe(40001);
    // stable_token's normal mode answers the same token again.
    expect((await wx('POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret })).access_token).toBe(stable);
  });

  it('the migration converts a stored plaintext token to the same digest the code looks up', async () => {
    const [row] = await h.database.rows<{ d: string }>(sql`select encode(sha256(convert_to(${'abcDEF123_-'}, 'UTF8')), 'hex') as d`);
    expect(row.d).toBe(tokenDigest('abcDEF123_-'));
  });
});
