import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { createFollowerUser } from '../../followers/commands/followerUserCreator.js';
import { followAccount } from '../../followers/commands/followAccount.js';
import { windowView } from '../rules/serviceWindow.js';
import { serviceWindows } from '../schema.js';
import { CLOSED_WINDOW_KEPT_MS, chooseWindow, newWindow, WINDOW_RULES, type WindowTrigger } from '../rules/serviceWindow.js';
import { sendUserMessage } from '../commands/userMessageSender.js';

/**
 * The customer-service window lives in three places: the TypeScript rule (rules/serviceWindow.ts),
 * the PL/pgSQL fast path of message/custom/send (herald_custom_send, migration 0004; the user
 * message function of migration 0005 opens windows) and the console's summary (windowView).
 * These tests hold them to one rule on a table of cases.
 */

const MIN = 60_000;
const H = 60 * MIN;

/** A window of a case: its trigger, when it closes relative to now, and how much of it is used. */
interface CaseWindow {
  trigger: WindowTrigger;
  closesInMs: number;
  used: number;
}

const w = (trigger: WindowTrigger, closesInMs: number, used = 0): CaseWindow => ({ trigger, closesInMs, used });

/** Each case: the windows, and which of them (index) a message uses, or why none. */
const CASES: Array<{ name: string; windows: CaseWindow[]; expected: number | 'closed' | 'exhausted' }> = [
  { name: 'no window at all', windows: [], expected: 'closed' },
  { name: 'one message window with room', windows: [w('message', 47 * H, 2)], expected: 0 },
  { name: 'a menu tap closing in a minute before a message window closing in two days', windows: [w('message', 47 * H), w('click', 50_000)], expected: 1 },
  { name: 'the used-up tap window is passed over', windows: [w('click', 30_000, 3), w('message', 47 * H, 4)], expected: 1 },
  { name: 'every open window used up', windows: [w('click', 30_000, 3), w('message', 47 * H, 5)], expected: 'exhausted' },
  { name: 'only windows that have closed', windows: [w('message', -1), w('follow', -5 * MIN)], expected: 'closed' },
  { name: 'a window closing exactly now is closed', windows: [w('message', 0)], expected: 'closed' },
  { name: 'a closed window with room does not count', windows: [w('scan', -1), w('message', 10 * H, 5)], expected: 'exhausted' },
  { name: 'a message window closing before an unlimited payment window', windows: [w('payment', 40 * H, 900), w('message', 20 * H, 1)], expected: 1 },
  { name: 'an unlimited payment window never runs out', windows: [w('message', 20 * H, 5), w('payment', 40 * H, 10_000)], expected: 1 },
  { name: 'two windows closing together: the older one', windows: [w('follow', 40_000, 1), w('scan', 40_000)], expected: 0 },
  { name: 'the soonest of three, whatever order they were opened in', windows: [w('message', 30 * H), w('message', 2 * H, 4), w('message', 12 * H)], expected: 1 },
];

describeEachDb('the service window: rule, fast path and console agree', (kind) => {
  let herald: TestHerald;
  let account: Awaited<ReturnType<typeof makeAccount>>['account'];

  beforeAll(async () => {
    herald = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
    ({ account } = await makeAccount(herald.services));
  });
  afterAll(async () => {
    await herald.close();
  });

  /** A subscribed follower with exactly the case's windows (following opened one: it is removed). */
  async function followerWith(windows: CaseWindow[], nowMs: number) {
    const user = await createFollowerUser(herald.services, {});
    const openid = await followAccount(herald.services, user.id, account.appid);
    const db = herald.services.db;
    await db.delete(serviceWindows).where(and(eq(serviceWindows.accountId, account.id), eq(serviceWindows.openid, openid)));
    const ids: number[] = [];
    for (const c of windows) {
      const expiresAt = new Date(nowMs + c.closesInMs);
      const [row] = await db
        .insert(serviceWindows)
        .values({ accountId: account.id, openid, trigger: c.trigger, openedAt: new Date(expiresAt.getTime() - WINDOW_RULES[c.trigger].durationMs), expiresAt, limit: WINDOW_RULES[c.trigger].limit, used: c.used })
        .returning({ id: serviceWindows.id });
      ids.push(row.id);
    }
    return { openid, ids };
  }

  async function windowsOf(openid: string) {
    return herald.services.db
      .select({ id: serviceWindows.id, expiresAt: serviceWindows.expiresAt, limit: serviceWindows.limit, used: serviceWindows.used })
      .from(serviceWindows)
      .where(and(eq(serviceWindows.accountId, account.id), eq(serviceWindows.openid, openid)))
      .orderBy(serviceWindows.id);
  }

  for (const c of CASES) {
    it(`${c.name}: ${typeof c.expected === 'number' ? `window ${c.expected}` : c.expected}`, async () => {
      const nowMs = herald.services.clock.nowMs();
      const { openid, ids } = await followerWith(c.windows, nowMs);
      const before = await windowsOf(openid);

      // The TypeScript rule.
      const choice = chooseWindow(before, nowMs);
      expect(choice).toEqual(typeof c.expected === 'number' ? { ok: true, windowId: ids[c.expected] } : { ok: false, reason: c.expected });

      // The console's summary says the same: open when a message can go, else why not.
      expect(windowView(before, nowMs, null).state).toBe(choice.ok ? 'open' : choice.reason);

      // The fast path: one row when the rule finds a window, and it used the same window.
      const result = await herald.services.db.execute(sql`
        select id from herald_custom_send(${account.id}::uuid, ${openid}, 'text', ${JSON.stringify({ content: 'hi' })}::jsonb,
          'chat', true, ${new Date(nowMs).toISOString()}::timestamptz)`);
      const sent = (result as unknown as { rows: unknown[] }).rows;
      const after = await windowsOf(openid);
      const usedNow = after.filter((a, i) => a.used !== before[i].used).map((a) => a.id);
      if (choice.ok) {
        expect(sent).toHaveLength(1);
        expect(usedNow).toEqual([choice.windowId]);
        expect(after.find((a) => a.id === choice.windowId)!.used).toBe(before.find((b) => b.id === choice.windowId)!.used + 1);
      } else {
        expect(sent).toHaveLength(0);
        expect(usedNow).toEqual([]);
      }
    });
  }

  it('a follower message opens the window the rule describes, through the fast path', async () => {
    const nowMs = herald.services.clock.nowMs();
    const { openid } = await followerWith([], nowMs);
    const [user] = (await herald.services.db.execute(sql`select user_id from follows where account_id = ${account.id}::uuid and openid = ${openid}`) as unknown as { rows: Array<{ user_id: string }> }).rows;
    await sendUserMessage(herald.services, user.user_id, account.appid, { msgtype: 'text', content: 'hello' });
    const [opened] = await windowsOf(openid);
    const rule = newWindow('message', herald.services.clock.nowMs());
    expect(opened.limit).toBe(rule.limit);
    // Opened at the time of the send: within the test's own run of the clock.
    expect(opened.expiresAt.getTime()).toBeGreaterThanOrEqual(nowMs + WINDOW_RULES.message.durationMs);
    expect(opened.expiresAt.getTime()).toBeLessThanOrEqual(rule.expiresAt.getTime());
  });
});

it("migration 0005's fast path keeps closed windows as long as the rule says", () => {
  const migration = readFileSync(path.resolve(import.meta.dirname, '../../../platform/db/migrations/0005_user_message_function.sql'), 'utf8');
  const kept = [...migration.matchAll(/expires_at < p_at - interval '(\d+) (day|hour|minute)s?'/g)];
  expect(kept.length).toBeGreaterThan(0);
  const unitMs = { day: 24 * H, hour: H, minute: MIN } as const;
  for (const [, n, unit] of kept) expect(Number(n) * unitMs[unit as keyof typeof unitMs]).toBe(CLOSED_WINDOW_KEPT_MS);
});

it("migration 0004's fast path takes the open window with room that closes soonest, as chooseWindow does", () => {
  const migration = readFileSync(path.resolve(import.meta.dirname, '../../../platform/db/migrations/0004_custom_send_function.sql'), 'utf8');
  const choice = /SELECT id FROM service_windows\s+WHERE (.*?)\s+ORDER BY (.*?) LIMIT 1/s.exec(migration);
  expect(choice?.[1].replace(/\s+/g, ' ')).toBe('account_id = p_account AND openid = p_openid AND expires_at > p_at AND ("limit" IS NULL OR used < "limit")');
  expect(choice?.[2]).toBe('expires_at, id');
});
