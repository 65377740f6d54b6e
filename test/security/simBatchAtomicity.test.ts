/**
 * Issue 10, finding 15 (the batch): `POST /sim/v1/messages/batch` sent each message in its own
 * transaction, so a batch cut short by kill -9 left some of its messages and not others, and the
 * client, which got no answer, could not tell which. The batch is now one transaction: after a
 * crash each batch is there whole or not at all. A refused item still answers in its own slot
 * (its savepoint is undone) and the rest of the batch is kept.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { startDevServer, type DevServer } from '../devServer.js';
import { startChildHerald, type Cleanups } from '../childHerald.js';

const json = { 'content-type': 'application/json' };

describeEachDb('security: simulator message batches are all or nothing (issue 10, finding 15)', (kind) => {
  let h: TestHerald;
  let dev: DevServer;
  beforeAll(async () => {
    h = await startTestHerald(kind);
    dev = await startDevServer({ token: 'batch' });
  }, 120_000);
  afterAll(async () => {
    await dev?.close();
    await h?.close();
  });

  const call = async (method: string, url: string, body?: unknown) => {
    const r = await h.app.inject({ method: method as 'POST', url, headers: json, payload: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.statusCode, body: r.json() as Record<string, any> };
  };

  /** An account (with the dev server as its server when `server`) and `n` users following it. */
  async function audience(n: number, server: boolean) {
    const account = (await call('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Batch' })).body;
    if (server) expect((await call('PUT', `/sim/v1/accounts/${account.appid}/server`, { url: dev.url, token: 'batch', mode: 'plaintext' })).status).toBe(200);
    const users: string[] = [];
    for (let i = 0; i < n; i++) {
      const user = (await call('POST', '/sim/v1/users', { nickname: `B${i}` })).body;
      expect((await call('POST', `/sim/v1/users/${user.id}/follow`, { account: account.appid })).status).toBe(200);
      users.push(user.id as string);
    }
    return { appid: account.appid as string, users };
  }

  const sentTexts = async (user: string, appid: string) =>
    ((await call('GET', `/sim/v1/users/${user}/inbox?account=${appid}`)).body.messages as Array<Record<string, any>>)
      .filter((m) => m.direction === 'in' && m.msg_type === 'text')
      .map((m) => m.content.content as string);

  for (const server of [true, false]) {
    it(`a refused last item answers in its slot and stores nothing; the others are stored once (${server ? 'developer server' : 'auto-replies'})`, async () => {
      const { appid, users } = await audience(2, server);
      const r = await call('POST', '/sim/v1/messages/batch', {
        messages: [
          { user: users[0], account: appid, msgtype: 'text', content: 'first' },
          { user: users[1], account: appid, msgtype: 'text', content: 'second' },
          { user: users[0], account: appid, msgtype: 'image', media_id: 'not-an-upload' },
        ],
      });
      expect(r.status).toBe(200);
      expect(r.body.results[0].msg_id).toMatch(/^\d+$/);
      expect(r.body.results[1].msg_id).toMatch(/^\d+$/);
      expect(r.body.results[2].error.code).toBe('invalid_media');
      expect(await sentTexts(users[0], appid)).toEqual(['first']);
      expect(await sentTexts(users[1], appid)).toEqual(['second']);
      const images = ((await call('GET', `/sim/v1/users/${users[0]}/inbox?account=${appid}`)).body.messages as Array<Record<string, any>>).filter((m) => m.msg_type === 'image');
      expect(images).toEqual([]);
      if (server) {
        // The callback worker is woken after the commit and delivers both.
        const got = await dev.waitFor(3, 20_000); // the verification GET and two pushes
        expect(got.filter((x) => x.method === 'POST').length).toBeGreaterThanOrEqual(2);
      }
    });
  }

  it('a batch of text messages with one non-follower: the one-statement attempt leaves nothing, each follower\'s message is stored once', async () => {
    const { appid, users } = await audience(3, true);
    const stranger = (await call('POST', '/sim/v1/users', { nickname: 'Stranger' })).body.id as string;
    const r = await call('POST', '/sim/v1/messages/batch', {
      messages: [
        { user: users[0], account: appid, msgtype: 'text', content: 'one' },
        { user: stranger, account: appid, msgtype: 'text', content: 'not a follower' },
        { user: users[1], account: appid, msgtype: 'text', content: 'two' },
        { user: users[2], account: appid, msgtype: 'text', content: 'three' },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.results[1].error.code).toBe('not_following');
    for (const k of [0, 2, 3]) expect(r.body.results[k].msg_id).toMatch(/^\d+$/);
    expect(await sentTexts(users[0], appid)).toEqual(['one']);
    expect(await sentTexts(users[1], appid)).toEqual(['two']);
    expect(await sentTexts(users[2], appid)).toEqual(['three']);
    expect(await sentTexts(stranger, appid)).toEqual([]);
    // One push per stored message, none for the statement that declined.
    const ids = [0, 2, 3].map((k) => r.body.results[k].delivery_id);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(typeof id).toBe('number');
  });

  it('concurrent batches naming the same users in opposite orders all succeed, in order per user', async () => {
    const { appid, users } = await audience(6, true);
    const batches = Array.from({ length: 8 }, (_, b) => {
      const order = b % 2 === 0 ? users : [...users].reverse();
      return order.flatMap((u) => [1, 2].map((k) => ({ user: u, account: appid, msgtype: 'text', content: `b${b}-${k}` })));
    });
    const answers = await Promise.all(batches.map((messages) => call('POST', '/sim/v1/messages/batch', { messages })));
    for (const a of answers) {
      expect(a.status, JSON.stringify(a.body).slice(0, 200)).toBe(200);
      expect((a.body.results as Array<Record<string, unknown>>).every((x) => typeof x.msg_id === 'string')).toBe(true);
    }
    for (const u of users) {
      const texts = await sentTexts(u, appid);
      expect(texts.length).toBe(16);
      for (let b = 0; b < 8; b++) expect(texts.indexOf(`b${b}-1`)).toBeLessThan(texts.indexOf(`b${b}-2`));
    }
  });
});

describeEachDb('security: a batch cut short by kill -9 is all or nothing (issue 10, finding 15)', (kind) => {
  const cleanups: Cleanups = [];
  afterAll(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  it('after SIGKILL during a stream of batches, every batch is stored whole or not at all', { timeout: 180_000 }, async () => {
    const dev = await startDevServer({ token: 'crash' });
    cleanups.push(() => dev.close());
    const herald = await startChildHerald(kind, 'batchcrash', cleanups);
    const api = herald.api;
    const account = await api('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Crash' });
    const appid = account.appid as string;
    await api('PUT', `/sim/v1/accounts/${appid}/server`, { url: dev.url, token: 'crash', mode: 'plaintext' });
    const users: string[] = [];
    for (let i = 0; i < 20; i++) {
      const user = await api('POST', '/sim/v1/users', { nickname: `K${i}` });
      await api('POST', `/sim/v1/users/${user.id}/follow`, { account: appid });
      users.push(user.id as string);
    }
    // 100 messages per batch, 5 per user, tagged with the batch's number; four clients at once.
    const SIZE = 100;
    let next = 0;
    let stop = false;
    const answered = new Set<number>();
    const client = async () => {
      while (!stop) {
        const b = next++;
        const messages = Array.from({ length: SIZE }, (_, k) => ({ user: users[k % users.length], account: appid, msgtype: 'text', content: `batch ${b} item ${k}` }));
        try {
          await api('POST', '/sim/v1/messages/batch', { messages });
          answered.add(b);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = [client(), client(), client(), client()];
    // Let batches flow, then kill the process in the middle of them.
    while (answered.size < 6) await new Promise((r) => setTimeout(r, 20));
    await herald.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    const started = next;

    await herald.start();
    const perBatch = new Map<number, number>();
    for (const u of users) {
      let after = 0;
      for (;;) {
        const page = await api('GET', `/sim/v1/users/${u}/inbox?account=${appid}&after=${after}&limit=100`);
        const messages = page.messages as Array<Record<string, any>>;
        for (const m of messages) {
          const tag = m.direction === 'in' ? /^batch (\d+) item/.exec(String(m.content?.content)) : null;
          if (tag) perBatch.set(Number(tag[1]), (perBatch.get(Number(tag[1])) ?? 0) + 1);
        }
        if (messages.length < 100) break;
        after = page.last_id as number;
      }
    }
    // Every answered batch is there whole; every other batch is whole or absent.
    for (const b of answered) expect(perBatch.get(b), `batch ${b}`).toBe(SIZE);
    for (let b = 0; b < started; b++) expect([0, SIZE], `batch ${b}: ${perBatch.get(b) ?? 0}`).toContain(perBatch.get(b) ?? 0);
    expect(started).toBeGreaterThan(answered.size); // some batches were cut short
  });
});
