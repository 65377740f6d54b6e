/**
 * Finding 15 (first half): a phone WebSocket frame over 4 KB is the client's mistake: the
 * connection is closed with 1009 and the log says so at warn level at most, without a stack.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, openTestDatabase } from '../harness.js';
import { loadConfig } from '../../src/main/config.js';
import { startHerald, type Herald } from '../../src/main/server.js';
import type { Database } from '../../src/platform/db/connect.js';
import { createFollowerUser } from '../../src/modules/followers/commands/followerUserCreator.js';
import { issuePhoneToken } from '../../src/surfaces/phone/token.js';

describeEachDb('oversized phone WebSocket frames', (kind) => {
  let database: Database;
  let herald: Herald;
  const lines: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const config = loadConfig({ HERALD_DEMO: '0', PORT: '0', HOST: '127.0.0.1', HERALD_ROLE: 'web', HERALD_SECRET_KEY: 'ws-frames-test-secret-key-0123456789abcdef' });
    herald = await startHerald({ config, database, logger: pino({ level: 'debug' }, sink) });
  });
  afterAll(async () => {
    await herald.close();
    await database.close();
  });

  it('closes the socket with 1009 and logs a client error without a stack', async () => {
    const user = await createFollowerUser(herald.services, { nickname: 'Big' });
    const token = await issuePhoneToken(herald.services, user.id);
    const ws = new WebSocket(`${herald.url.replace('http', 'ws')}/phone/ws?token=${encodeURIComponent(token)}`);
    await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(5000));
    expect(await closed).toBe(1009);
    await new Promise((r) => setTimeout(r, 200));
    const about = lines.filter((l) => JSON.stringify(l).includes('Max payload'));
    expect(about.length).toBeGreaterThan(0);
    expect(about[0]).toMatchObject({ level: 40, code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', msg: 'phone socket closed: client error' });
    for (const l of about) {
      expect(Number(l.level)).toBeLessThanOrEqual(40);
      expect(JSON.stringify(l)).not.toContain('    at ');
    }
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
