import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { accountWithToken, expectWxError, fetchToken, wxCall } from '../../../../test/wxClient.js';
import { apiQuotaUsage } from '../../../surfaces/wechat/schema.js';
import { chinaDay } from '../../../platform/clock.js';
import { findTicket } from '../store.js';
import { jsapiSignature } from '../rules/signature.js';

describeEachDb('ticket/getticket', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  it('jsapi and wx_card tickets: {errcode:0, errmsg:"ok", ticket, expires_in:7200}, valid 7200 s by the Herald clock', async () => {
    const a = await accountWithToken(herald, { type: 'subscription', verified: false });
    const res = await a.call('GET', 'ticket/getticket?type=jsapi');
    expect(res).toEqual({ errcode: 0, errmsg: 'ok', ticket: expect.stringMatching(/^[\w-]{86}$/), expires_in: 7200 });
    expect(Object.keys(res)).toEqual(['errcode', 'errmsg', 'ticket', 'expires_in']);
    const row = await findTicket(herald.services.db, String(res.ticket));
    expect(row).toMatchObject({ accountId: a.account.id, type: 'jsapi' });
    expect(row!.expiresAt.getTime() - herald.services.clock.nowMs()).toBeGreaterThan(7190_000);
    expect(row!.expiresAt.getTime() - row!.issuedAt.getTime()).toBe(7200_000);

    const card = await a.call('GET', 'ticket/getticket?type=wx_card');
    expect(card).toMatchObject({ errcode: 0, ticket: expect.any(String), expires_in: 7200 });
    expect(card.ticket).not.toBe(res.ticket);
    expect((await findTicket(herald.services.db, String(card.ticket)))?.type).toBe('wx_card');

    // A new ticket after 2 hours; the expired one is dropped when the next is minted.
    herald.services.clock.advance(7201_000);
    const fresh = await fetchToken(herald, a.appid, a.secret);
    const later = await wxCall(herald, 'GET', `/cgi-bin/ticket/getticket?type=jsapi&access_token=${fresh}`);
    expect(later).toMatchObject({ errcode: 0, expires_in: 7200 });
    expect(later.ticket).not.toBe(res.ticket);
    expect(await findTicket(herald.services.db, String(res.ticket))).toBeUndefined();
    // The ticket signs pages: the signature rule is what a verifier recomputes.
    expect(jsapiSignature({ ticket: String(later.ticket), noncestr: 'n', timestamp: 1, url: 'http://a.b/#x' })).toBe(
      jsapiSignature({ ticket: String(later.ticket), noncestr: 'n', timestamp: 1, url: 'http://a.b/' }),
    );
  });

  it('hostile and malformed input: unknown type 40035, POST 43001, no token 41001, long type', async () => {
    const a = await accountWithToken(herald);
    expectWxError(await a.call('GET', 'ticket/getticket?type=card'), 40035, 'invalid args hint: [type]');
    expectWxError(await a.call('GET', `ticket/getticket?type=${'x'.repeat(100_000)}`), 40035);
    expectWxError(await a.call('GET', 'ticket/getticket?type=%3Cscript%3E'), 40035);
    expectWxError(await a.call('POST', 'ticket/getticket?type=jsapi', {}), 43001, 'require GET method');
    expectWxError(await wxCall(herald, 'GET', '/cgi-bin/ticket/getticket?type=jsapi'), 41001);
    // Without a type the jsapi ticket is meant.
    expect(await a.call('GET', 'ticket/getticket')).toMatchObject({ errcode: 0, expires_in: 7200 });
  });

  it('counts against its daily quota: 45009 once used up', async () => {
    const a = await accountWithToken(herald);
    const day = chinaDay(herald.services.clock.nowMs());
    await herald.services.db.insert(apiQuotaUsage).values({ accountId: a.account.id, api: '/cgi-bin/ticket/getticket', day, used: 100_000 });
    expectWxError(await a.call('GET', 'ticket/getticket?type=jsapi'), 45009, 'reach max api daily quota limit');
    const quota = await a.call('POST', 'openapi/quota/get', { cgi_path: '/cgi-bin/ticket/getticket' });
    expect(quota).toMatchObject({ errcode: 0, quota: { daily_limit: 100_000, used: 100_000, remain: 0 } });
  });
});
