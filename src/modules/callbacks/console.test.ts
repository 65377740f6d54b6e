import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { insertAttempt, insertDelivery } from './store/deliveries.js';

const xml = (openid: string, content: string) =>
  `<xml><ToUserName><![CDATA[gh_000000000000]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>1234567890123456789</MsgId></xml>`;

describeEachDb('console callback inspector API', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function withDeliveries(n: number) {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(await insertDelivery(h.services.db, {
        accountId: acc.account.id,
        kind: 'message',
        label: 'text',
        msgId: `12345678901234567${i}`,
        openid: 'oUser000000000000000000000001',
        payloadXml: xml('oUser000000000000000000000001', `hello ${i}`),
        now: h.services.clock.now(),
      }));
    }
    return { client, ...acc, ids, base: `/console/api/accounts/${acc.appid}/deliveries` };
  }

  it('lists deliveries newest first and pages backwards', async () => {
    const { client, ids, base } = await withDeliveries(5);
    const first = await client.get(`${base}?limit=2`);
    expect(first.status).toBe(200);
    const page1 = first.json.deliveries as Array<Record<string, unknown>>;
    expect(page1.map((d) => d.id)).toEqual([ids[4], ids[3]]);
    expect(page1[0]).toMatchObject({ kind: 'message', label: 'text', msg_id: '123456789012345674', openid: 'oUser000000000000000000000001', status: 'pending', attempts: 0, reply_status: 'none', reply: null, reply_error: null, resend_of: null });
    expect(first.json.next_before).toBe(ids[3]);
    const second = await client.get(`${base}?limit=2&before=${ids[3]}`);
    expect((second.json.deliveries as Array<{ id: number }>).map((d) => d.id)).toEqual([ids[2], ids[1]]);
    const last = await client.get(`${base}?limit=50&before=${ids[1]}`);
    expect((last.json.deliveries as Array<{ id: number }>).map((d) => d.id)).toEqual([ids[0]]);
    expect(last.json.next_before).toBeNull();
  });

  it('shows one delivery with its payload and every attempt', async () => {
    const { client, ids, base } = await withDeliveries(1);
    const started = h.services.clock.now();
    await insertAttempt(h.services.db, {
      deliveryId: ids[0], attemptNo: 1, startedAt: started, requestUrl: 'http://127.0.0.1:9/wx?signature=abc', requestBody: '<xml>req</xml>',
      responseStatus: 500, responseBody: 'boom', latencyMs: 12, outcome: 'http_error', error: 'HTTP 500',
    });
    await insertAttempt(h.services.db, {
      deliveryId: ids[0], attemptNo: 2, startedAt: started, requestUrl: 'http://127.0.0.1:9/wx?signature=def', requestBody: '<xml>req</xml>',
      responseStatus: 200, responseBody: 'success', latencyMs: 7, outcome: 'ok', error: null,
    });
    const r = await client.get(`${base}/${ids[0]}`);
    expect(r.status).toBe(200);
    const d = r.json.delivery as Record<string, unknown>;
    expect(d.payload_xml).toContain('hello 0');
    expect(d.attempts_log).toEqual([
      { attempt_no: 1, started_at: started.toISOString(), request_url: 'http://127.0.0.1:9/wx?signature=abc', request_body: '<xml>req</xml>', response_status: 500, response_body: 'boom', latency_ms: 12, outcome: 'http_error', error: 'HTTP 500' },
      { attempt_no: 2, started_at: started.toISOString(), request_url: 'http://127.0.0.1:9/wx?signature=def', request_body: '<xml>req</xml>', response_status: 200, response_body: 'success', latency_ms: 7, outcome: 'ok', error: null },
    ]);
  });

  it('re-sends a delivery as a new one pointing at the original', async () => {
    const { client, ids, base } = await withDeliveries(1);
    const r = await client.post(`${base}/${ids[0]}/resend`);
    expect(r.status).toBe(201);
    const newId = r.json.id as number;
    expect(newId).toBeGreaterThan(ids[0]);
    const again = await client.get(`${base}/${newId}`);
    expect(again.json.delivery).toMatchObject({ id: newId, resend_of: ids[0], label: 'text', msg_id: '123456789012345670' });
    // No server configured: nothing to deliver to.
    expect((again.json.delivery as { status: string }).status).toBe('skipped');
  });

  it('answers 404 for deliveries of other accounts and ids that are not ids', async () => {
    const a = await withDeliveries(1);
    const b = await withDeliveries(1);
    // b's delivery through a's account path, with a's session.
    expect((await a.client.get(`${a.base}/${b.ids[0]}`)).status).toBe(404);
    expect((await a.client.post(`${a.base}/${b.ids[0]}/resend`)).status).toBe(404);
    for (const id of ['0', '-1', 'abc', '1.5', '1e3', '99999999999999999999', '9007199254740993', '%20', '0x10']) {
      const r = await a.client.get(`${a.base}/${id}`);
      expect(r.status, id).toBe(404);
      expect(r.json.error?.code).toBe('not_found');
      expect((await a.client.post(`${a.base}/${id}/resend`)).status).toBe(404);
    }
  });

  it('validates list parameters (400), never 500', async () => {
    const { client, base } = await withDeliveries(1);
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'before=-1', 'before=abc', 'before=1e400', 'limit=1e309']) {
      const r = await client.get(`${base}?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error?.code).toBe('invalid_request');
    }
    for (const q of ['limit=5&limit=6', 'limit[]=3', 'before[a]=1', `x=${'y'.repeat(5000)}`]) {
      const r = await client.get(`${base}?${q}`);
      expect(r.status, q).toBeLessThan(500);
    }
  });
});
