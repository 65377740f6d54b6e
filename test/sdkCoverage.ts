import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestHerald } from './harness.js';

/**
 * Asserts that an SDK really called these WeChat API paths for this account (from Herald's own
 * request log), and declares it: docs/COMPATIBILITY.md's SDK column is generated from these calls.
 * Keep `sdk` a string literal and `paths` an array literal so the generator can read them.
 */
export async function expectSdkCovered(herald: TestHerald, accountId: string, sdk: string, paths: string[]): Promise<void> {
  await herald.services.requestLog.flush();
  const failed = await herald.database.rows<{ path: string }>(
    sql`select distinct split_part(request_url, '?', 1) as path from api_requests where account_id = ${accountId}`,
  );
  const seen = new Set([...herald.services.requestLog.pathsCalled(accountId), ...failed.map((r) => r.path)]);
  for (const p of paths) expect(seen, `${sdk} should have called ${p}`).toContain(p);
}
