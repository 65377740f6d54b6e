import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { newAesKey, startDevServer, WXBizMsgCrypt, xmlField, type Answer, type DevServer, type Received } from '../../../../test/devServer.js';
import { deliveries } from '../schema.js';
import { configureServer, disableServer } from '../commands/serverConfigurator.js';
import { createFollowerUser } from '../../followers/commands/followerUserCreator.js';
import { followAccount } from '../../followers/commands/followAccount.js';
import { sendUserMessage } from '../../messaging/commands/userMessageSender.js';
import { resendDelivery } from '../commands/deliveryResender.js';
import { getDelivery, insertDelivery, listDeliveries } from '../store/deliveries.js';
import { buildXml } from '../../../protocol/xml.js';
import { encrypt, msgSignature } from '../../../protocol/crypto.js';
import { startCallbackWorker, type CallbackWorker } from './callbackWorker.js';
import { waitForDelivery } from './deliveryWaiter.js';
import { listUserConversation } from '../../messaging/store/conversations.js';
import { onDeliverySettledInTx } from './settleHandlers.js';

const TOKEN = 'workertoken';
const sha1 = (parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');

describeEachDb('callback worker', (kind) => {
  let herald: TestHerald;
  let worker: CallbackWorker;
  const servers: DevServer[] = [];

  beforeAll(async () => {
    // Role web: no built-in worker, so this file runs its own with a short push timeout.
    herald = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
    worker = startCallbackWorker(herald.services, { timeoutMs: 600, pollMs: 100, leaseMs: 3000 });
  });
  afterAll(async () => {
    await worker.stop();
    await herald.close();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /**
   * An account whose server is `dev`, and a follower of it. The follow happens before the
   * server is configured, so its subscribe event is skipped and the server only sees what a
   * test sends.
   */
  async function setup(mode: 'plaintext' | 'compatible' | 'safe', answerPosts?: (req: Received, postIndex: number) => Answer | Promise<Answer>) {
    let posts = 0;
    const dev = await startDevServer({
      token: TOKEN,
      answer: (req) => {
        if (req.method === 'GET') return { status: 200, body: req.query.echostr };
        return answerPosts ? answerPosts(req, posts++) : { body: 'success' };
      },
    });
    servers.push(dev);
    const { account } = await makeAccount(herald.services);
    const aesKey = newAesKey();
    const user = await createFollowerUser(herald.services, { nickname: 'Ann' });
    const openid = await followAccount(herald.services, user.id, account.appid);
    await configureServer(herald.services, account.id, { url: dev.url, token: TOKEN, encodingAesKey: mode === 'plaintext' ? null : aesKey, mode });
    return { dev, account: { ...account, serverEnabled: true }, aesKey, user, openid };
  }

  const postsWith = (dev: DevServer, text: string) => dev.requests.filter((r) => r.method === 'POST' && r.body.includes(text));

  it('delivers in plaintext mode with WeChat signatures', async () => {
    const { dev, account, user, openid } = await setup('plaintext');
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'plain hello' });
    const done = await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 5000 });
    expect(done).toMatchObject({ status: 'delivered', attempts: 1, replyStatus: 'none', msgId: sent.msgId });
    const [req] = dev.requests.filter((r) => r.method === 'POST' && r.body.includes(sent.msgId));
    expect(req.headers['content-type']).toBe('text/xml');
    expect(req.query.openid).toBe(openid);
    expect(req.query.encrypt_type).toBeUndefined();
    expect(req.query.msg_signature).toBeUndefined();
    expect(req.query.signature).toBe(sha1([TOKEN, req.query.timestamp, req.query.nonce]));
    expect(xmlField(req.body, 'ToUserName')).toBe(account.originalId);
    expect(xmlField(req.body, 'FromUserName')).toBe(openid);
    expect(xmlField(req.body, 'Content')).toBe('plain hello');
    expect(xmlField(req.body, 'MsgId')).toBe(sent.msgId);
    const detail = await getDelivery(herald.services.db, account.id, sent.deliveryId!);
    expect(detail?.attemptsLog).toHaveLength(1);
    expect(detail?.attemptsLog[0]).toMatchObject({ attemptNo: 1, outcome: 'ok', responseStatus: 200, responseBody: 'success', requestBody: req.body });
    expect(detail?.attemptsLog[0].requestUrl).toContain(`openid=${openid}`);
    expect(detail?.payloadXml).toBe(req.body);
  });

  it('delivers in safe mode: only ToUserName and Encrypt, verified and decrypted by node-webot crypto', async () => {
    const { dev, account, aesKey, user, openid } = await setup('safe');
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'safe 你好' });
    expect((await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 5000 }))?.status).toBe('delivered');
    const req = dev.requests.filter((r) => r.method === 'POST').at(-1)!;
    expect(req.query).toMatchObject({ encrypt_type: 'aes', openid });
    expect(req.query.signature).toBe(sha1([TOKEN, req.query.timestamp, req.query.nonce]));
    expect(req.body).toMatch(/^<xml><ToUserName><!\[CDATA\[gh_[0-9a-f]{12}\]\]><\/ToUserName>\n<Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt>\n<\/xml>$/);
    const enc = xmlField(req.body, 'Encrypt')!;
    const cryptor = new WXBizMsgCrypt(TOKEN, aesKey, account.appid);
    expect(req.query.msg_signature).toBe(cryptor.getSignature(req.query.timestamp, req.query.nonce, enc));
    const { message, id } = cryptor.decrypt(enc);
    expect(id).toBe(account.appid);
    expect(xmlField(message, 'Content')).toBe('safe 你好');
    expect(xmlField(message, 'MsgId')).toBe(sent.msgId);
  });

  it('delivers in compatible mode: plaintext fields plus Encrypt', async () => {
    const { dev, account, aesKey, user } = await setup('compatible');
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'both' });
    expect((await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 5000 }))?.status).toBe('delivered');
    const [req] = postsWith(dev, sent.msgId);
    expect(req.query.encrypt_type).toBe('aes');
    expect(xmlField(req.body, 'Content')).toBe('both');
    const enc = xmlField(req.body, 'Encrypt')!;
    const cryptor = new WXBizMsgCrypt(TOKEN, aesKey, account.appid);
    expect(req.query.msg_signature).toBe(cryptor.getSignature(req.query.timestamp, req.query.nonce, enc));
    const { message } = cryptor.decrypt(enc);
    expect(req.body).toBe(message.replace(/\n<\/xml>$/, `\n<Encrypt><![CDATA[${enc}]]></Encrypt>\n</xml>`));
  });

  it('retries right after failures with the same MsgId: 500, a timeout, then success', async () => {
    const { dev, account, user } = await setup('plaintext', (_req, i) => {
      if (i === 0) return { status: 500, body: 'oops' };
      if (i === 1) return { status: 200, body: 'success', delayMs: 5000 }; // longer than the 600 ms test timeout
      return { body: 'success' };
    });
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'retry me' });
    const done = await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 8000 });
    expect(done).toMatchObject({ status: 'delivered', attempts: 3 });
    const posts = postsWith(dev, 'retry me');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => xmlField(p.body, 'MsgId')))).toEqual(new Set([sent.msgId]));
    // Retries follow at once (no backoff), as WeChat's do.
    expect(posts[1].at - posts[0].at).toBeLessThan(1000);
    const detail = await getDelivery(herald.services.db, account.id, sent.deliveryId!);
    expect(detail?.attemptsLog.map((a) => [a.attemptNo, a.outcome, a.responseStatus])).toEqual([
      [1, 'http_error', 500],
      [2, 'timeout', null],
      [3, 'ok', 200],
    ]);
    expect(detail?.attemptsLog[0].error).toBe('Your server answered HTTP 500');
    expect(detail?.attemptsLog[1].error).toBe('No answer within 600 ms');
    expect(detail?.attemptsLog[1].latencyMs).toBeGreaterThanOrEqual(550);
  });

  it('gives up after 3 timeouts and records the delivery failed', async () => {
    const { dev, account, user } = await setup('plaintext', () => ({ hang: true }));
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'nobody home' });
    const done = await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 8000 });
    expect(done).toMatchObject({ status: 'failed', attempts: 3 });
    expect(done?.completedAt).toBeInstanceOf(Date);
    const detail = await getDelivery(herald.services.db, account.id, sent.deliveryId!);
    expect(detail?.attemptsLog.map((a) => a.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
    await new Promise((r) => setTimeout(r, 500));
    expect(postsWith(dev, 'nobody home')).toHaveLength(3);
    // The follower sees WeChat's notice once, right after their message.
    const rows = await listUserConversation(herald.services.db, user.id, { accountId: account.id });
    expect(rows.map((r) => [r.direction, r.source, r.msgType, r.content])).toEqual([
      ['in', 'user', 'text', { content: 'nobody home' }],
      ['out', 'system', 'system', { content: '该公众号暂时无法提供服务，请稍后再试' }],
    ]);
  });

  it('records connection failures as network errors', async () => {
    const { dev, account, user } = await setup('plaintext');
    await dev.close();
    servers.splice(servers.indexOf(dev), 1);
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'gone' });
    const done = await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 8000 });
    expect(done).toMatchObject({ status: 'failed', attempts: 3 });
    const detail = await getDelivery(herald.services.db, account.id, sent.deliveryId!);
    expect(detail?.attemptsLog.map((a) => a.outcome)).toEqual(['network_error', 'network_error', 'network_error']);
    expect(detail?.attemptsLog[0].error).toMatch(/^Could not connect to 127\.0\.0\.1:\d+: ECONNREFUSED$/);
  });

  it('records an invalid reply without retrying', async () => {
    const { dev, account, user } = await setup('plaintext', () => ({ body: '{"reply":"json is not xml"}', contentType: 'application/json' }));
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'bad reply' });
    const done = await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 5000 });
    expect(done).toMatchObject({ status: 'delivered', attempts: 1, replyStatus: 'invalid', reply: null });
    expect(done?.replyError).toMatch(/looks like JSON/);
    const detail = await getDelivery(herald.services.db, account.id, sent.deliveryId!);
    expect(detail?.attemptsLog.map((a) => a.outcome)).toEqual(['invalid_reply']);
    await new Promise((r) => setTimeout(r, 300));
    expect(postsWith(dev, 'bad reply')).toHaveLength(1);
  });

  it('stores a valid plain passive reply', async () => {
    const { account, user, openid } = await setup('plaintext', () => ({
      body: buildXml({ ToUserName: openid, FromUserName: account.originalId, CreateTime: Date.now(), MsgType: 'text', Content: 'echo!' }),
    }));
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'hi' });
    const done = await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 5000 });
    expect(done).toMatchObject({ status: 'delivered', replyStatus: 'valid', reply: { msgType: 'text', content: 'echo!', encrypted: false } });
  });

  it('records the passive reply in the conversation once, even when another settle handler fails', async () => {
    const { account, user, openid } = await setup('plaintext', () => ({
      body: buildXml({ ToUserName: openid, FromUserName: account.originalId, CreateTime: Date.now(), MsgType: 'text', Content: 'noted' }),
    }));
    const calls: number[] = [];
    const off = onDeliverySettledInTx(herald.services, async (tx, s) => {
      calls.push(s.delivery.id);
      await tx.execute(sql`select 1`);
      throw new Error('a broken handler');
    });
    try {
      const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'remember this' });
      expect(await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 5000 })).toMatchObject({ status: 'delivered', replyStatus: 'valid' });
      expect(calls).toEqual([sent.deliveryId]);
      const rows = await listUserConversation(herald.services.db, user.id, { accountId: account.id });
      expect(rows.map((r) => [r.direction, r.source, r.content])).toEqual([
        ['in', 'user', { content: 'remember this' }],
        ['out', 'passive', { content: 'noted' }],
      ]);
    } finally {
      off();
    }
  });

  it('verifies and decrypts an encrypted passive reply in safe mode', async () => {
    let key = '';
    let appid = '';
    let original = '';
    let to = '';
    const { account, aesKey, user, openid } = await setup('safe', () => {
      const inner = buildXml({ ToUserName: to, FromUserName: original, CreateTime: 1700000000, MsgType: 'text', Content: 'sealed' });
      const enc = encrypt(key, appid, inner);
      return { body: buildXml({ Encrypt: enc, MsgSignature: msgSignature(TOKEN, '1700000000', '42', enc), TimeStamp: 1700000000, Nonce: '42' }) };
    });
    key = aesKey;
    appid = account.appid;
    original = account.originalId;
    to = openid;
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'hi' });
    const done = await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 5000 });
    expect(done).toMatchObject({ status: 'delivered', replyStatus: 'valid', reply: { msgType: 'text', content: 'sealed', encrypted: true } });
  });

  it('keeps at most 4 KB of a response in the attempts log', async () => {
    const { account, user } = await setup('plaintext', () => ({ status: 502, body: '界'.repeat(5000) }));
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'big' });
    await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 5000 });
    const detail = await getDelivery(herald.services.db, account.id, sent.deliveryId!);
    for (const a of detail!.attemptsLog) {
      expect(Buffer.byteLength(a.responseBody ?? '', 'utf8')).toBeLessThanOrEqual(4096);
      expect(a.responseBody).toMatch(/^界+$/);
    }
  });

  it('treats hostile answers as invalid replies or failed attempts, never a crash', async () => {
    const bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>';
    const answers: Answer[] = [
      { body: bomb },
      { body: `<xml>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}</xml>` },
      { body: `<xml><Content>${'x'.repeat(400 * 1024)}</Content></xml>` },
      { body: '\u0000\u0001 binary junk \uffff' },
    ];
    const { account, user } = await setup('plaintext', (req) => answers[Number(/hostile (\d)/.exec(req.body)?.[1])] ?? { body: 'success' });
    const reasons: Array<string | null> = [];
    for (let i = 0; i < answers.length; i++) {
      const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: `hostile ${i}` });
      const done = await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 5000 });
      const detail = await getDelivery(herald.services.db, account.id, sent.deliveryId!);
      expect(done, JSON.stringify(detail?.attemptsLog.map((a) => [a.outcome, a.error, a.latencyMs]))).toMatchObject({ status: 'delivered', replyStatus: 'invalid' });
      reasons.push(done!.replyError);
      expect(Buffer.byteLength(detail!.attemptsLog[0].responseBody ?? '', 'utf8')).toBeLessThanOrEqual(4096);
    }
    expect(reasons[0]).toMatch(/DOCTYPE/);
    expect(reasons[1]).toMatch(/nested/);
    expect(reasons[2]).toMatch(/larger than 256 KB/);
    expect(reasons[3]).toMatch(/control characters/);
  });

  it('times out a server that trickles its answer forever', async () => {
    const trickler = http.createServer((req, res) => {
      if (req.method === 'GET') {
        res.end(new URL(req.url ?? '/', 'http://x').searchParams.get('echostr') ?? '');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((r) => trickler.listen(0, '127.0.0.1', r));
    try {
      const { account } = await makeAccount(herald.services);
      const user = await createFollowerUser(herald.services, {});
      await followAccount(herald.services, user.id, account.appid);
      const url = `http://127.0.0.1:${(trickler.address() as AddressInfo).port}/wx`;
      await configureServer(herald.services, account.id, { url, token: TOKEN, mode: 'plaintext' });
      const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'slow' });
      const done = await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 8000 });
      expect(done).toMatchObject({ status: 'failed', attempts: 3 });
      const detail = await getDelivery(herald.services.db, account.id, sent.deliveryId!);
      expect(detail?.attemptsLog.map((a) => a.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
    } finally {
      trickler.closeAllConnections();
      await new Promise<void>((r) => trickler.close(() => r()));
    }
  });

  it('skips accounts without an enabled server', async () => {
    const { account } = await makeAccount(herald.services);
    const user = await createFollowerUser(herald.services, {});
    await followAccount(herald.services, user.id, account.appid);
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'into the void' });
    expect(await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 2000 })).toMatchObject({ status: 'skipped', attempts: 0 });

    // Disabled after the delivery was queued: the worker skips it without an attempt.
    const s = await setup('plaintext');
    await herald.services.db.transaction(async (tx) => {
      await insertDelivery(tx, {
        accountId: s.account.id, kind: 'event', label: 'event:test', msgId: null, openid: s.openid, payloadXml: '<xml></xml>', now: new Date(Date.now() + 60_000),
      });
    });
    const [queued] = await listDeliveries(herald.services.db, s.account.id, { limit: 1 });
    await disableServer(herald.services, s.account.id);
    await herald.services.db.update(deliveries).set({ nextAttemptAt: new Date(0) }).where(eq(deliveries.id, queued.id));
    worker.wake();
    expect(await waitForDelivery(herald.services, queued.id, { timeoutMs: 3000 })).toMatchObject({ status: 'skipped', attempts: 0 });
  });

  it('resumes a delivery whose worker died mid-attempt, recording the interrupted attempt', async () => {
    const { dev, account, openid } = await setup('plaintext');
    const id = await herald.services.db.transaction((tx) =>
      // Due in a minute, so the running worker cannot deliver it before it is made to look crashed.
      insertDelivery(tx, { accountId: account.id, kind: 'message', label: 'text', msgId: '777', openid, payloadXml: buildXml({ MsgId: 777n, Content: 'crashed' }), now: new Date(Date.now() + 60_000) }),
    );
    // As a worker that claimed attempt 1 and then died would leave it.
    await herald.services.db.update(deliveries).set({ status: 'delivering', attempts: 1, nextAttemptAt: new Date(0), lockedUntil: new Date(Date.now() - 1000) }).where(eq(deliveries.id, id));
    worker.wake();
    const done = await waitForDelivery(herald.services, id, { timeoutMs: 5000 });
    expect(done).toMatchObject({ status: 'delivered', attempts: 2 });
    const detail = await getDelivery(herald.services.db, account.id, id);
    expect(detail?.attemptsLog.map((a) => [a.attemptNo, a.outcome])).toEqual([
      [1, 'interrupted'],
      [2, 'ok'],
    ]);
    expect(postsWith(dev, 'crashed')).toHaveLength(1);
  });

  it('does not take over a claim whose lease is still running', async () => {
    const { dev, account, openid } = await setup('plaintext');
    const id = await herald.services.db.transaction((tx) =>
      insertDelivery(tx, { accountId: account.id, kind: 'message', label: 'text', msgId: '778', openid, payloadXml: '<xml><C>leased</C></xml>', now: new Date() }),
    );
    await herald.services.db.update(deliveries).set({ status: 'delivering', attempts: 1, lockedUntil: new Date(Date.now() + 60_000) }).where(eq(deliveries.id, id));
    worker.wake();
    await new Promise((r) => setTimeout(r, 500));
    expect(postsWith(dev, 'leased')).toHaveLength(0);
    expect((await getDelivery(herald.services.db, account.id, id))?.status).toBe('delivering');
  });

  it('fails a delivery whose last allowed attempt was interrupted, without sending again', async () => {
    const { dev, account, openid } = await setup('plaintext');
    const id = await herald.services.db.transaction((tx) =>
      insertDelivery(tx, { accountId: account.id, kind: 'message', label: 'text', msgId: '779', openid, payloadXml: '<xml><C>last</C></xml>', now: new Date() }),
    );
    await herald.services.db.update(deliveries).set({ status: 'delivering', attempts: 3, lockedUntil: new Date(Date.now() - 1000) }).where(eq(deliveries.id, id));
    worker.wake();
    const done = await waitForDelivery(herald.services, id, { timeoutMs: 5000 });
    expect(done).toMatchObject({ status: 'failed', attempts: 3 });
    expect(postsWith(dev, 'last')).toHaveLength(0);
    expect((await getDelivery(herald.services.db, account.id, id))?.attemptsLog.map((a) => a.outcome)).toEqual(['interrupted']);
  });

  it('shares the outbox between workers without delivering anything twice', async () => {
    const { dev, account, user } = await setup('plaintext', () => ({ body: 'success', delayMs: 20 }));
    // Both workers get a push timeout a loaded machine can keep: this test is about sharing, not timeouts.
    await worker.stop();
    worker = startCallbackWorker(herald.services, { timeoutMs: 5000, pollMs: 100, leaseMs: 15_000 });
    const second = startCallbackWorker(herald.services, { timeoutMs: 5000, pollMs: 50, concurrency: 3 });
    try {
      const sent = [];
      for (let i = 0; i < 40; i++) sent.push(await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: `burst ${i}` }));
      for (const s of sent) expect((await waitForDelivery(herald.services, s.deliveryId!, { timeoutMs: 10_000 }))?.status).toBe('delivered');
      const ids = postsWith(dev, 'burst').map((r) => xmlField(r.body, 'MsgId'));
      expect(new Set(ids).size).toBe(40);
      // A claim is never run by two workers: the server never sees more requests for a delivery
      // than it has attempts. (Under load an attempt may time out and be retried, and a timed-out
      // request may never have reached the server, hence at most.)
      for (const s of sent) {
        const d = await getDelivery(herald.services.db, account.id, s.deliveryId!);
        expect(ids.filter((m) => m === s.msgId).length).toBeLessThanOrEqual(d!.attempts);
        expect(d!.attemptsLog.filter((a) => a.outcome === 'ok')).toHaveLength(1);
        expect(d!.attemptsLog.map((a) => a.attemptNo)).toEqual(Array.from({ length: d!.attempts }, (_, i) => i + 1));
      }
    } finally {
      await second.stop();
      await worker.stop();
      worker = startCallbackWorker(herald.services, { timeoutMs: 600, pollMs: 100, leaseMs: 3000 });
    }
  });

  it('limits attempts in flight to the concurrency setting', async () => {
    let inFlight = 0;
    let peak = 0;
    const { account, user } = await setup('plaintext', async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 100));
      inFlight--;
      return { body: 'success' };
    });
    // The file's worker allows 16; start a narrow one and stop the wide one meanwhile.
    await worker.stop();
    const narrow = startCallbackWorker(herald.services, { timeoutMs: 2000, pollMs: 50, concurrency: 2 });
    try {
      const sent = [];
      for (let i = 0; i < 8; i++) sent.push(await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: `narrow ${i}` }));
      for (const s of sent) expect((await waitForDelivery(herald.services, s.deliveryId!, { timeoutMs: 10_000 }))?.status).toBe('delivered');
      expect(peak).toBeLessThanOrEqual(2);
      expect(peak).toBeGreaterThanOrEqual(1);
    } finally {
      await narrow.stop();
      worker = startCallbackWorker(herald.services, { timeoutMs: 600, pollMs: 100, leaseMs: 3000 });
    }
  });

  it('re-sends a delivery with the same payload and MsgId', async () => {
    const { dev, account, user } = await setup('plaintext');
    const sent = await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: 'again' });
    await waitForDelivery(herald.services, sent.deliveryId!, { timeoutMs: 5000 });
    const { id } = await resendDelivery(herald.services, account.id, sent.deliveryId!);
    expect(id).not.toBe(sent.deliveryId!);
    expect(await waitForDelivery(herald.services, id, { timeoutMs: 5000 })).toMatchObject({ status: 'delivered', resendOf: sent.deliveryId!, msgId: sent.msgId });
    const posts = postsWith(dev, 'again');
    expect(posts).toHaveLength(2);
    expect(posts[0].body).toBe(posts[1].body);
    const other = await makeAccount(herald.services);
    await expect(resendDelivery(herald.services, other.account.id, sent.deliveryId!)).rejects.toMatchObject({ code: 'not_found' });
    await expect(resendDelivery(herald.services, account.id, 99_999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists deliveries newest first, pages with beforeId, and hides other accounts', async () => {
    const { account, user } = await setup('plaintext');
    for (let i = 0; i < 5; i++) await sendUserMessage(herald.services, user.id, account.appid, { msgtype: 'text', content: `list ${i}` });
    const all = await listDeliveries(herald.services.db, account.id, { limit: 50 });
    expect(all.map((d) => d.id)).toEqual([...all.map((d) => d.id)].sort((a, b) => b - a));
    expect(all).toHaveLength(6); // five messages and the subscribe event
    const page = await listDeliveries(herald.services.db, account.id, { limit: 2, beforeId: all[1].id });
    expect(page.map((d) => d.id)).toEqual([all[2].id, all[3].id]);
    const other = await makeAccount(herald.services);
    expect(await listDeliveries(herald.services.db, other.account.id, { limit: 10 })).toEqual([]);
    expect(await getDelivery(herald.services.db, other.account.id, all[0].id)).toBeUndefined();
    expect(await getDelivery(herald.services.db, account.id, -1)).toBeUndefined();
    expect(await getDelivery(herald.services.db, account.id, Number.NaN)).toBeUndefined();
  });

  it('writes the subscribe event into the outbox in the follow transaction and delivers it', async () => {
    const { dev, account } = await setup('plaintext');
    const newcomer = await createFollowerUser(herald.services, { nickname: 'Bo' });
    const openid = await followAccount(herald.services, newcomer.id, account.appid);
    const [event] = await listDeliveries(herald.services.db, account.id, { limit: 1 });
    expect(event).toMatchObject({ kind: 'event', label: 'event:subscribe', msgId: null, openid });
    expect((await waitForDelivery(herald.services, event.id, { timeoutMs: 5000 }))?.status).toBe('delivered');
    const post = dev.requests.find((r) => r.method === 'POST' && xmlField(r.body, 'Event') === 'subscribe');
    expect(post?.query.openid).toBe(openid);
    expect(xmlField(post!.body, 'FromUserName')).toBe(openid);
  });
});
