import { afterAll, beforeAll, expect, it } from 'vitest';
import pino from 'pino';
import WebSocket from 'ws';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { loadConfig } from '../../main/config.js';
import { SystemClock } from '../clock.js';
import { startHerald, type Herald } from '../../main/server.js';
import { createFollowerUser } from '../../modules/followers/commands/followerUserCreator.js';
import { followAccount } from '../../modules/followers/commands/followAccount.js';
import { sendUserMessage } from '../../modules/messaging/commands/userMessageSender.js';
import { sendCustomMessage } from '../../modules/messaging/commands/customMessageSender.js';
import { sendTyping } from '../../modules/messaging/commands/typingSender.js';
import { issuePhoneToken, signPhoneToken, verifyPhoneToken } from '../../surfaces/phone/token.js';
import { publishMenuChanged } from '../../modules/messaging/realtime.js';
import { publishMenu } from '../../modules/menus/commands/menuPublisher.js';
import { removeAllMenus } from '../../modules/menus/commands/menuRemover.js';
import type { RealtimeEvent } from './hub.js';
import type { PhoneMessage } from '../../modules/messaging/index.js';

type Frame = RealtimeEvent<PhoneMessage> | { type: 'ready'; last_id: number } | { type: 'pong' };

/** A phone: a WebSocket client that collects every frame. */
class Phone {
  readonly frames: Frame[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as Frame));
  }
  static connect(url: string): Promise<Phone> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const phone = new Phone(ws);
      ws.once('open', () => resolve(phone));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }
  messages() {
    return this.frames.flatMap((f) => (f.type === 'message' ? [f.message] : []));
  }
  async until(pred: (frames: Frame[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.frames)) {
      if (Date.now() > deadline) throw new Error(`timed out; frames: ${JSON.stringify(this.frames).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

const SHARED_KEY = 'realtime-test-shared-secret-key-0123456789';

describeEachDb('realtime hub and /phone/ws', (kind) => {
  let herald: TestHerald;
  let other: Herald;
  const phones: Phone[] = [];
  beforeAll(async () => {
    // Both nodes share the server secret key, as every node of a deployment must.
    herald = await startTestHerald(kind, { listen: true, env: { HERALD_SECRET_KEY: SHARED_KEY } });
    // A second web node on the same database: a message accepted on one node reaches a phone on the other.
    other = await startHerald({
      config: loadConfig({ HERALD_MODE: 'emulator', HERALD_ROLE: 'web', HERALD_SECRET_KEY: SHARED_KEY, HERALD_DEMO: '0', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' }),
      database: herald.database,
      clock: new SystemClock({ adjustable: true }),
      logger: pino({ level: 'silent' }),
      listen: true,
    });
  });
  afterAll(async () => {
    await Promise.all(phones.map((p) => p.close()));
    await other?.close();
    await herald?.close();
  });

  const wsUrl = (base: string, token: string, after?: number) =>
    `${base.replace(/^http/, 'ws')}/phone/ws?token=${encodeURIComponent(token)}${after === undefined ? '' : `&after=${after}`}`;

  async function phoneOf(base: string, token: string, after?: number) {
    const phone = await Phone.connect(wsUrl(base, token, after));
    phones.push(phone);
    await phone.until((f) => f.some((x) => x.type === 'ready'));
    return phone;
  }

  async function follower() {
    const { account, appid } = await makeAccount(herald.services, { name: 'Tea House' });
    const user = await createFollowerUser(herald.services, { nickname: 'Mei' });
    const openid = await followAccount(herald.services, user.id, appid);
    return { account, appid, user, openid, token: await issuePhoneToken(herald.services, user.id) };
  }

  it('pushes a custom message to the phone as it is sent, and replays missed rows on reconnect', async () => {
    const { account, appid, user, openid, token } = await follower();
    const phone = await phoneOf(herald.url, token);
    expect(phone.messages()).toEqual([]);
    await sendUserMessage(herald.services, user.id, appid, { msgtype: 'text', content: 'Is the shop open?' });
    await sendCustomMessage(herald.services, account, { touser: openid, msgtype: 'text', text: { content: 'Yes, until 9.' } });
    await phone.until((f) => f.filter((x) => x.type === 'message').length === 2);
    const [question, answer] = phone.messages();
    expect(question).toMatchObject({ appid, account_name: 'Tea House', account_type: 'service', direction: 'in', source: 'user', msg_type: 'text', content: { content: 'Is the shop open?' }, placement: 'chats', notify: false, kf_account: null });
    expect(answer).toMatchObject({ direction: 'out', source: 'custom', content: { content: 'Yes, until 9.' }, notify: true });
    expect(answer.id).toBeGreaterThan(question.id);
    expect(Date.parse(answer.created_at)).not.toBeNaN();

    // Offline: two more arrive; reconnecting with the last id seen replays exactly those.
    await phone.close();
    await sendCustomMessage(herald.services, account, { touser: openid, msgtype: 'text', text: { content: 'Missed 1' } });
    await sendCustomMessage(herald.services, account, { touser: openid, msgtype: 'text', text: { content: 'Missed 2' } });
    const again = await phoneOf(herald.url, token, answer.id);
    expect(again.messages().map((m) => m.content)).toEqual([{ content: 'Missed 1' }, { content: 'Missed 2' }]);
    const ready = again.frames.find((f) => f.type === 'ready') as { last_id: number };
    expect(ready.last_id).toBe(again.messages()[1].id);
    // Without `after`, the whole history.
    const fresh = await phoneOf(herald.url, token);
    expect(fresh.messages().map((m) => m.content)).toEqual([{ content: 'Is the shop open?' }, { content: 'Yes, until 9.' }, { content: 'Missed 1' }, { content: 'Missed 2' }]);
  });

  it('reaches a phone connected to another node', async () => {
    const { account, openid, token } = await follower();
    const phone = await phoneOf(other.url, token);
    await sendCustomMessage(herald.services, account, { touser: openid, msgtype: 'text', text: { content: 'from node one' } });
    await phone.until((f) => f.some((x) => x.type === 'message'));
    expect(phone.messages()[0]).toMatchObject({ content: { content: 'from node one' }, account_name: 'Tea House' });
    await sendTyping(herald.services, account, { touser: openid, command: 'Typing' });
    await phone.until((f) => f.some((x) => x.type === 'typing'));
    publishMenuChanged(herald.services, account.appid);
    await phone.until((f) => f.some((x) => x.type === 'menu_changed'));
    expect(phone.frames.find((f) => f.type === 'menu_changed')).toEqual({ type: 'menu_changed', appid: account.appid });
  });

  it('tells phones when a menu is published or deleted through the API commands', async () => {
    const { account, token } = await follower();
    const phone = await phoneOf(herald.url, token);
    await publishMenu(herald.services, account.id, [{ type: 'click', name: 'Hours', key: 'HOURS' }]);
    await phone.until((f) => f.filter((x) => x.type === 'menu_changed').length === 1);
    await removeAllMenus(herald.services, account.id);
    await phone.until((f) => f.filter((x) => x.type === 'menu_changed').length === 2);
    expect(phone.frames.filter((x) => x.type === 'menu_changed')).toEqual([
      { type: 'menu_changed', appid: account.appid },
      { type: 'menu_changed', appid: account.appid },
    ]);
  });

  it('sends typing indicators to the phone', async () => {
    const { account, appid, openid, token } = await follower();
    const phone = await phoneOf(herald.url, token);
    await sendTyping(herald.services, account, { touser: openid, command: 'Typing' });
    await sendTyping(herald.services, account, { touser: openid, command: 'CancelTyping' });
    await phone.until((f) => f.filter((x) => x.type === 'typing').length === 2);
    expect(phone.frames.filter((x) => x.type === 'typing')).toEqual([
      { type: 'typing', appid, typing: true },
      { type: 'typing', appid, typing: false },
    ]);
  });

  it('answers a text ping and keeps other users’ messages away', async () => {
    const a = await follower();
    const b = await follower();
    const phoneA = await phoneOf(herald.url, a.token);
    const phoneB = await phoneOf(herald.url, b.token);
    await sendCustomMessage(herald.services, b.account, { touser: b.openid, msgtype: 'text', text: { content: 'only for b' } });
    await phoneB.until((f) => f.some((x) => x.type === 'message'));
    phoneA.ws.send('ping');
    await phoneA.until((f) => f.some((x) => x.type === 'pong'));
    expect(phoneA.messages()).toEqual([]);
  });

  it('refuses forged, malformed and foreign tokens before the upgrade', async () => {
    const { user, token } = await follower();
    expect(await verifyPhoneToken(herald.services, token)).toBe(user.id);
    const forged = signPhoneToken('not-the-secret', user.id);
    for (const bad of [forged, '', 'x', `${user.id}.`, `${user.id}.${'A'.repeat(43)}`, 'a'.repeat(5000), "' or 1=1 --", `00000000-0000-0000-0000-000000000000.${token.split('.')[1]}`]) {
      expect(await verifyPhoneToken(herald.services, bad)).toBeUndefined();
      await expect(Phone.connect(wsUrl(herald.url, bad))).rejects.toThrow(/HTTP 401/);
    }
    await expect(Phone.connect(wsUrl(herald.url, token).replace('after=', '') + '&after=-1')).rejects.toThrow(/HTTP 400/);
    await expect(Phone.connect(`${wsUrl(herald.url, token)}&after=1e99`)).rejects.toThrow(/HTTP 400/);
    // A plain HTTP GET (no upgrade) is not a WebSocket.
    const plain = await herald.app.inject({ method: 'GET', url: `/phone/ws?token=${encodeURIComponent(token)}` });
    expect(plain.statusCode).toBeGreaterThanOrEqual(400);
    expect(plain.statusCode).toBeLessThan(500);
    // Tokens of one node are good on every node sharing HERALD_SECRET_KEY.
    expect(await verifyPhoneToken(other.services, token)).toBe(user.id);
  });

  it('disconnects a phone that cannot keep up instead of buffering without bound', async () => {
    const { user, token, appid } = await follower();
    const before = herald.services.realtime.connectionCount();
    const phone = await phoneOf(herald.url, token);
    const closed = new Promise<number>((resolve) => phone.ws.once('close', (code) => resolve(code)));
    // The phone stops reading; the server keeps publishing.
    (phone.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 400; i++) {
      herald.services.realtime.publish(user.id, {
        type: 'message',
        message: { id: 1_000_000 + i, appid, account_name: 'Tea House', account_type: 'service', direction: 'out', source: 'custom', msg_type: 'text', content: { content: big }, placement: 'chats', notify: true, created_at: new Date().toISOString(), kf_account: null },
      });
      await new Promise((r) => setImmediate(r));
    }
    (phone.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(4008);
    await expect.poll(() => herald.services.realtime.connectionCount()).toBe(before);
  });

  it('forgets a phone that went away; sending to its user still works', async () => {
    const { account, openid, token } = await follower();
    const before = herald.services.realtime.connectionCount();
    const phone = await phoneOf(herald.url, token);
    expect(herald.services.realtime.connectionCount()).toBe(before + 1);
    phone.ws.terminate();
    await expect.poll(() => herald.services.realtime.connectionCount()).toBe(before);
    const sent = await sendCustomMessage(herald.services, account, { touser: openid, msgtype: 'text', text: { content: 'into the void' } });
    expect(sent.message.content).toEqual({ content: 'into the void' });
  });
});
