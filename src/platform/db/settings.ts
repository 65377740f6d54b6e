import { eq, sql } from 'drizzle-orm';
import type { Executor } from './connect.js';
import { settings } from './schema.js';

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

/**
 * Where phone tokens' signing key used to live (in plaintext). The key is now derived from the
 * server secret key (src/platform/serverKey.ts); the old row is deleted at start, so tokens
 * signed with it stop working and phone users sign in again once.
 */
export const LEGACY_PHONE_SECRET_KEY = 'phone.token_secret';

/** Deletes the legacy phone token secret; true when there was one. */
export async function retireLegacyPhoneSecret(db: Executor): Promise<boolean> {
  const gone = await db.delete(settings).where(eq(settings.key, LEGACY_PHONE_SECRET_KEY)).returning({ key: settings.key });
  return gone.length > 0;
}
