import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/connect.js';
import { settings } from '../db/schema/index.js';

export async function getSetting<T>(db: Executor, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key)).limit(1);
  return row?.value as T | undefined;
}

export async function putSetting(db: Executor, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}

const CLOCK_KEY = 'clock.offset_ms';

/** The emulator clock's persisted offset (time travel survives restarts). */
export async function loadClockOffset(db: Executor): Promise<number> {
  const v = await getSetting<number>(db, CLOCK_KEY);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export async function saveClockOffset(db: Executor, offsetMs: number): Promise<void> {
  await putSetting(db, CLOCK_KEY, offsetMs);
}
