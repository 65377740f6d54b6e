import { randomBytes } from 'node:crypto';
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

const PHONE_SECRET_KEY = 'phone.token_secret';
const phoneSecrets = new WeakMap<object, string>();

/**
 * The instance secret phone tokens are signed with: generated once (the first node to ask
 * stores it; a concurrent one reads the winner's) and cached per database handle.
 */
export async function phoneTokenSecret(db: Executor): Promise<string> {
  const cached = phoneSecrets.get(db);
  if (cached) return cached;
  await db
    .insert(settings)
    .values({ key: PHONE_SECRET_KEY, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing({ target: settings.key });
  const value = await getSetting<string>(db, PHONE_SECRET_KEY);
  if (typeof value !== 'string' || value.length < 16) throw new Error('phone token secret is missing');
  phoneSecrets.set(db, value);
  return value;
}
