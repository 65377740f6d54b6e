import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { accountWithToken, expectWxError, wxCall, type WxBody } from '../../../../test/wxClient.js';
import { decodeQrPng } from '../../../../test/qrDecode.js';
import { resolveQrTicket } from '../store.js';
import { qrCodeOfTicket } from '../rules.js';
import type { AccountType } from '../../accounts/rules/capabilities.js';

const PUBLIC_URL = 'https://herald.test';

describeEachDb('QR code APIs', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { env: { HERALD_PUBLIC_URL: PUBLIC_URL } });
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function account(opts: { type?: AccountType; verified?: boolean } = {}) {
    const made = await accountWithToken(herald, opts);
    return { ...made, create: (body: unknown) => made.call('POST', 'qrcode/create', body) };
  }

  const show = (ticket: string) => herald.app.inject({ method: 'GET', url: `/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}` });

  it('QR_SCENE: {ticket, expire_seconds, url}; the image is a PNG encoding the url', async () => {
    const a = await account();
    const res = await a.create({ expire_seconds: 604800, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 123 } } });
    expect(res).toEqual({ ticket: expect.stringMatching(/^gQ[\w-]+$/), expire_seconds: 604800, url: expect.stringMatching(/^https:\/\/herald\.test\/q\/[0-9A-Za-z]{22}$/) });
    expect(Object.keys(res)).toEqual(['ticket', 'expire_seconds', 'url']);
    const img = await show(String(res.ticket));
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(decodeQrPng(img.rawPayload)).toBe(res.url);
    // The ticket also works unencoded, as co-wechat-api's showQRCodeURL pastes it.
    expect((await herald.app.inject({ method: 'GET', url: `/cgi-bin/showqrcode?ticket=${res.ticket}` })).statusCode).toBe(200);
    const head = await herald.app.inject({ method: 'HEAD', url: `/cgi-bin/showqrcode?ticket=${res.ticket}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('image/png');
    expect(head.body).toBe('');
  });

  it('QR_STR_SCENE defaults to 60 seconds, caps at 30 days; each call mints a new code', async () => {
    const a = await account();
    const one = await a.create({ action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'promo' } } });
    expect(one.expire_seconds).toBe(60);
    const two = await a.create({ action_name: 'QR_STR_SCENE', expire_seconds: 99999999, action_info: { scene: { scene_str: 'promo' } } });
    expect(two.expire_seconds).toBe(2592000);
    expect(two.ticket).not.toBe(one.ticket);
    const found = await resolveQrTicket(herald.services.db, String(one.ticket), herald.services.clock.nowMs());
    expect(found).toMatchObject({ status: 'ok', qr: { accountId: a.account.id, actionName: 'QR_STR_SCENE', sceneStr: 'promo', sceneId: null, permanent: false, url: one.url } });
  });

  it('permanent codes: no expire_seconds; the same scene gives the same ticket', async () => {
    const a = await account();
    const one = await a.create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 7 } } });
    expect(one).toEqual({ ticket: expect.any(String), url: expect.stringMatching(/^https:\/\/herald\.test\/q\//) });
    expect(await a.create({ action_name: 'QR_LIMIT_SCENE', expire_seconds: 30, action_info: { scene: { scene_id: '7' } } })).toEqual(one);
    const str = await a.create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: '7' } } });
    expect(str.ticket).not.toBe(one.ticket);
    expect(await a.create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: '7' } } })).toEqual(str);
    // Concurrent requests for one new scene agree on one ticket.
    const raced = await Promise.all(Array.from({ length: 8 }, () => a.create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 99 } } })));
    expect(new Set(raced.map((r) => r.ticket)).size).toBe(1);
    // Another account's same scene is a different code.
    const b = await account();
    expect((await b.create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 7 } } })).ticket).not.toBe(one.ticket);
    // Permanent codes do not expire.
    herald.services.clock.advance(40 * 86_400_000);
    expect(await resolveQrTicket(herald.services.db, String(one.ticket), herald.services.clock.nowMs())).toMatchObject({ status: 'ok', qr: { permanent: true, sceneId: 7 } });
    expect((await show(String(one.ticket))).statusCode).toBe(200);
  });

  it('40053 once an account has 100,000 permanent codes; existing scenes and temporary codes still work', async () => {
    const a = await account();
    const kept = await a.create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 1 } } });
    await herald.database.rows(sql`
      insert into qr_codes (ticket, account_id, action_name, scene_str, url, created_at)
      select 'bulk-' || ${a.account.id} || '-' || g, ${a.account.id}::uuid, 'QR_LIMIT_STR_SCENE', 's' || g,
             'https://bulk.test/' || ${a.account.id} || '/' || g, now()
      from generate_series(1, 99999) g`);
    expectWxError(
      await a.create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 2 } } }),
      40053,
      'invalid action info, please check document hint: [data.action_info]',
    );
    expectWxError(await a.create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'new' } } }), 40053);
    expect(await a.create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 1 } } })).toEqual(kept);
    expect((await a.create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 2 } } })).expire_seconds).toBe(60);
  });

  it('request errors: 40052, 40053, 47001, 44002, 43002', async () => {
    const a = await account();
    expectWxError(await a.create({ action_name: 'QR_NOPE', action_info: { scene: { scene_id: 1 } } }), 40052, 'invalid action name hint: [data.action_name]');
    expectWxError(await a.create({ action_info: { scene: { scene_id: 1 } } }), 40052);
    const bad: unknown[] = [
      { action_name: 'QR_SCENE' },
      { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 0 } } },
      { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 2 ** 32 } } },
      { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100001 } } },
      { action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: '' } } },
      { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'x'.repeat(65) } } },
      { action_name: 'QR_SCENE', action_info: 'scene' },
    ];
    for (const body of bad) expectWxError(await a.create(body), 40053);
    expectWxError(await a.create({ action_name: 'QR_SCENE', expire_seconds: 'soon', action_info: { scene: { scene_id: 1 } } }), 47001);
    for (const raw of ['[]', 'null', '"QR_SCENE"', '{"action_name":', 'not json']) expectWxError(await a.create(raw), 47001);
    expectWxError(await a.create(''), 44002);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/qrcode/create?access_token=${encodeURIComponent(a.token)}`), 43002);
  });

  it('48001: parametric QR codes are for verified service accounts only', async () => {
    for (const opts of [{ type: 'subscription' as const, verified: true }, { type: 'subscription' as const, verified: false }, { type: 'service' as const, verified: false }]) {
      const a = await account(opts);
      expectWxError(await a.create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1 } } }), 48001, 'api unauthorized');
    }
  });

  it('showqrcode: 404 with a JSON errcode for unknown or expired tickets; 43001 for POST', async () => {
    const a = await account();
    const temp = await a.create({ expire_seconds: 30, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 5 } } });
    expect((await show(String(temp.ticket))).statusCode).toBe(200);
    herald.services.clock.advance(31_000);
    const expired = await show(String(temp.ticket));
    expect(expired.statusCode).toBe(404);
    expect(String(expired.headers['content-type'])).toMatch(/^application\/json/);
    expectWxError(expired.json() as WxBody, 40035, 'invalid args hint: [ticket expired]');
    for (const ticket of ['', 'nope', 'gQAAAA', 'x'.repeat(10_000), '../../etc/passwd', '<script>', '%00']) {
      const res = await show(ticket);
      expect(res.statusCode, ticket.slice(0, 20)).toBe(404);
      expectWxError(res.json() as WxBody, 40035, 'invalid args hint: [ticket unknown]');
    }
    expect((await herald.app.inject({ method: 'GET', url: '/cgi-bin/showqrcode' })).statusCode).toBe(404);
    expect((await herald.app.inject({ method: 'GET', url: '/cgi-bin/showqrcode?ticket=a&ticket=b' })).statusCode).toBe(404);
    const post = await herald.app.inject({ method: 'POST', url: `/cgi-bin/showqrcode?ticket=${temp.ticket}`, payload: '{}' });
    expectWxError(post.json() as WxBody, 43001);
  });

  it('GET /q/:code: a page pointing to the Herald phone; 410 once expired, 404 when unknown', async () => {
    const a = await account();
    const perm = await a.create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'door <b>&"' } } });
    const code = String(perm.url).split('/q/')[1];
    const page = await herald.app.inject({ method: 'GET', url: `/q/${code}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Open this QR code in the Herald phone');
    expect(page.body).toContain(`href="/phone?scan=${encodeURIComponent(String(perm.url))}"`);

    const temp = await a.create({ expire_seconds: 10, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 9 } } });
    const tempCode = String(temp.url).split('/q/')[1];
    expect((await herald.app.inject({ method: 'GET', url: `/q/${tempCode}` })).statusCode).toBe(200);
    herald.services.clock.advance(11_000);
    const gone = await herald.app.inject({ method: 'GET', url: `/q/${tempCode}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('expired');

    for (const bad of ['AAAAAAAAAAAAAAAAAAAAAA', 'short', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'x'.repeat(400)]) {
      const res = await herald.app.inject({ method: 'GET', url: `/q/${bad}` });
      expect(res.statusCode, bad.slice(0, 20)).toBe(404);
      expect(res.body).not.toContain('<script>');
    }
  });

  it('resolveQrTicket accepts a ticket, the encoded URL, the bare code or a showqrcode URL', async () => {
    const a = await account();
    const qr = await a.create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 42 } } });
    const ticket = String(qr.ticket);
    const code = qrCodeOfTicket(ticket)!;
    const now = herald.services.clock.nowMs();
    for (const input of [
      ticket,
      ` ${ticket} `,
      String(qr.url),
      `http://another-host:9999/q/${code}`,
      code,
      `https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`,
    ]) {
      expect(await resolveQrTicket(herald.services.db, input, now), input).toMatchObject({
        status: 'ok',
        qr: { ticket, code, accountId: a.account.id, actionName: 'QR_LIMIT_SCENE', sceneId: 42, expiresAt: null },
      });
    }
    for (const junk of ['', 'http://x/q/', 'https://herald.test/q/AAAAAAAAAAAAAAAAAAAAAA', 'javascript:alert(1)', 'http://[::1', 'x'.repeat(100_000), '\u0000']) {
      expect(await resolveQrTicket(herald.services.db, junk, now), junk.slice(0, 30)).toEqual({ status: 'unknown' });
    }
  });
});
