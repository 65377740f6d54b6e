import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { HOSTILE_BODIES } from '../../../test/hostileBodies.js';
import { phoneClient, phoneUser, type PhoneResult } from '../../../test/phoneFixtures.js';
import { publishMenu } from '../../modules/menus/commands/menuPublisher.js';

/** Extra bodies aimed at the phone's own fields. */
const PHONE_BODIES: Array<[string, string]> = [
  ['msgtype object', '{"msgtype":{"$ne":null},"content":"x"}'],
  ['path strings', '{"path":["0","__proto__"],"scan_result":{"a":1},"media_ids":"x","location":[1,2]}'],
  ['path huge', '{"path":[1e308, -1e308]}'],
  ['location nan', '{"path":[0],"location":{"location_x":"NaN","location_y":null}}'],
  ['user_id array', '{"user_id":["a","b"],"nickname":["x"],"email":{"a":1},"password":123,"text":["x"]}'],
  ['huge text', JSON.stringify({ text: 'q'.repeat(60_000), content: 'c'.repeat(60_000), msgtype: 'text' })],
];

describeEachDb('phone API under malformed and hostile input', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const expect4xx = (r: PhoneResult, label: string) => {
    expect(r.status, `${label}: ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(r.status, `${label}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
    expect(r.json.error?.code, label).toBeTypeOf('string');
    expect(r.json.error?.message, label).toBeTypeOf('string');
  };

  it('answers every write route with a 4xx JSON error for hostile bodies, never a 500', async () => {
    const { account, appid } = await makeAccount(h.services, { type: 'service' });
    await publishMenu(h.services, account.id, [{ type: 'click', name: 'A', key: 'A' }]);
    const { client } = await phoneUser(h.app);
    await client.post(`/accounts/${appid}/follow`);
    const writes = ['/users', '/session', '/scan', `/accounts/${appid}/messages`, `/accounts/${appid}/menu`, `/accounts/${appid}/location`, '/me/region'];
    for (const url of writes) {
      for (const [label, payload] of [...HOSTILE_BODIES, ...PHONE_BODIES]) {
        const r = await client.request('POST', url, payload);
        expect4xx(r, `${url} ${label}`);
      }
      const raw = await client.request('POST', url, Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d, 0x00]));
      expect4xx(raw, `${url} raw bytes`);
      const form = await client.request('POST', url, 'text=hello', { 'content-type': 'application/x-www-form-urlencoded' });
      expect4xx(form, `${url} form`);
      const big = await client.request('POST', url, JSON.stringify({ text: 'x'.repeat(70 * 1024) }));
      expect([big.status, big.json.error?.code], `${url} big`).toEqual([413, 'body_too_large']);
    }
  });

  it('answers hostile queries, paths and headers with 4xx, never a 500', async () => {
    const { appid } = await makeAccount(h.services, { type: 'service' });
    const { client } = await phoneUser(h.app);
    const urls = [
      '/search?q=%00',
      '/search?q=%F0%9F',
      '/search?q=a&q=b',
      `/search?q=${'%27'.repeat(60)}`,
      `/accounts/${appid}/messages?before=1&before=2`,
      `/accounts/${appid}/messages?limit[]=1`,
      '/accounts/..%2F..%2Fetc%2Fpasswd',
      `/accounts/${'%00'.repeat(100)}/messages`,
    ];
    for (const url of urls) {
      const r = await client.get(url);
      expect(r.status, `${url}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
      if (r.status >= 400) expect(r.json.error?.code, url).toBeTypeOf('string');
    }
    // A malformed percent-escape is refused by the router before any phone route runs (a 400).
    expect((await client.get('/accounts/%E0%A4%A')).status).toBe(400);
    for (const header of ['Bearer \u0000', 'Bearer 😀', `Bearer ${'x.'.repeat(300)}`, 'Bearer 00000000-0000-4000-8000-000000000000.' + 'A'.repeat(43)]) {
      const r = await phoneClient(h.app).get('/me', { authorization: header }).catch(() => null);
      // Some of these cannot even be sent as HTTP headers; those that can must be refused.
      if (r) expect4xx(r, header.slice(0, 20));
    }
  });
});
