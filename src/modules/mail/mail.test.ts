import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { bodyOf, startSmtpSink, type SmtpSink } from '../../../test/smtpSink.js';
import { withTransaction } from '../../platform/jobs/transaction.js';
import { queueMail } from './index.js';
import { mailOutbox } from './schema.js';
import { MAIL_RETRY } from './rules.js';

/** Waits until the outbox row reaches one of the statuses (the sender runs on its own). */
async function waitForStatus(h: TestHerald, id: string, statuses: string[], timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await h.services.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    if (row && statuses.includes(row.status)) return row;
    if (Date.now() > until) throw new Error(`mail ${id} stayed ${row?.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const queue = (h: TestHerald, to: string, subject = 'Hello', text = 'Body') =>
  withTransaction(h.services, async (tx, after) => {
    const m = await queueMail(h.services, tx, { kind: 'test', to, subject, text });
    after.wake('mailQueued');
    return m;
  });

describeEachDb('mail through SMTP', (kind) => {
  let sink: SmtpSink;
  let h: TestHerald;
  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await startTestHerald(kind, { env: { HERALD_SMTP_URL: sink.url, HERALD_MAIL_FROM: 'Herald <herald@example.test>' } });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await sink?.close();
  });

  it('hands a queued mail to the SMTP server after commit, with its subject and body, and records it sent', async () => {
    const before = sink.received.length;
    const { id } = await queue(h, 'ada@example.test', '验证 / Verify', '你好 Hello\nhttps://example.test/x?token=abc');
    const [got] = (await sink.waitFor(before + 1)).slice(before);
    expect(got.from).toBe('herald@example.test');
    expect(got.to).toEqual(['ada@example.test']);
    expect(bodyOf(got.raw)).toContain('你好 Hello');
    expect(bodyOf(got.raw)).toContain('https://example.test/x?token=abc');
    const row = await waitForStatus(h, id, ['sent']);
    expect(row.attempts).toBe(1);
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it('never sends a mail whose transaction rolled back', async () => {
    const before = sink.received.length;
    await expect(
      withTransaction(h.services, async (tx, after) => {
        await queueMail(h.services, tx, { kind: 'test', to: 'rollback@example.test', subject: 'x', text: 'y' });
        after.wake('mailQueued');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // A mail queued after it is delivered; the rolled-back one never is.
    const { id } = await queue(h, 'after@example.test');
    await waitForStatus(h, id, ['sent']);
    expect(sink.received.slice(before).flatMap((m) => m.to)).toEqual(['after@example.test']);
  });

  it('keeps line breaks out of the subject (no header injection) and refuses bad addresses', async () => {
    const before = sink.received.length;
    const { id } = await queue(h, 'bob@example.test', 'Hi\r\nBcc: victim@example.test');
    await waitForStatus(h, id, ['sent']);
    const [got] = sink.received.slice(before);
    expect(got.to).toEqual(['bob@example.test']);
    expect(got.raw).not.toMatch(/^Bcc:/im);
    for (const bad of ['a@b', 'x\r\n@example.test', 'a b@example.test', `${'a'.repeat(260)}@example.test`, 'a@example.test, b@example.test']) {
      await expect(queue(h, bad)).rejects.toMatchObject({ code: 'invalid_email' });
    }
  });

  it('lists the outbox for a platform administrator only in platform mode, and for anyone in emulator mode', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/console/api/mail/outbox?limit=5' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { mail: Array<{ to: string; status: string; subject: string }>; smtp: boolean };
    expect(body.smtp).toBe(true);
    expect(body.mail.length).toBeLessThanOrEqual(5);
    expect(body.mail.length).toBeGreaterThan(0);
    for (const q of ['?limit=0', '?limit=abc', '?limit=100000', '?to=%00', `?to=${'x'.repeat(300)}`]) {
      const r = await h.app.inject({ method: 'GET', url: `/console/api/mail/outbox${q}` });
      expect(r.statusCode, q).toBe(400);
    }
  });
});

describeEachDb('mail refused by the SMTP server', (kind) => {
  let sink: SmtpSink;
  let h: TestHerald;
  beforeAll(async () => {
    sink = await startSmtpSink({ refuse: true });
    h = await startTestHerald(kind, { env: { HERALD_SMTP_URL: sink.url } });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await sink?.close();
  });

  it('queues the mail again after the retry wait, with the server answer kept', async () => {
    const { id } = await queue(h, 'nobody@example.test');
    // Poll until the first attempt is recorded.
    const until = Date.now() + 15_000;
    let [current] = await h.services.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    while ((current.attempts < 1 || current.status === 'sending') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      [current] = await h.services.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    }
    expect(current.status).toBe('queued');
    expect(current.attempts).toBe(1);
    expect(current.lastResult).toMatch(/550|Mailbox unavailable/);
    expect(current.nextAttemptAt!.getTime() - h.services.clock.nowMs()).toBeGreaterThan(MAIL_RETRY.delaysMs[0] - 5_000);
    expect(sink.received).toEqual([]);
  });
});

describeEachDb('mail without an SMTP server', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('keeps every mail in the outbox, which the console shows', async () => {
    const { id } = await queue(h, 'kept@example.test', 'Kept', 'Only in the outbox');
    const [row] = await h.services.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row.status).toBe('kept');
    const res = await h.app.inject({ method: 'GET', url: '/console/api/mail/outbox?to=KEPT@example.test' });
    const body = res.json() as { mail: Array<{ id: string; to: string; subject: string; body: string; status: string }>; smtp: boolean };
    expect(body.smtp).toBe(false);
    expect(body.mail).toEqual([expect.objectContaining({ id, to: 'kept@example.test', subject: 'Kept', body: 'Only in the outbox', status: 'kept' })]);
  });
});

describeEachDb('the outbox in platform mode', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_MODE: 'platform' } });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('is for platform administrators only', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/console/api/mail/outbox' })).statusCode).toBe(401);
    const { client } = await signedInOperator(h.app, h.services, { role: 'owner' });
    expect((await client.get('/console/api/mail/outbox')).status).toBe(403);
    const admin = await signedInOperator(h.app, h.services, { platformAdmin: true });
    expect((await admin.client.get('/console/api/mail/outbox')).status).toBe(200);
  });
});
