import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { moderationViolations } from '../schema.js';
import { CATEGORY_IDS, DEFAULT_MODERATION_TERMS, type ModerationCategory, type ModerationTerms } from '../rules/moderation.js';
import { getSetting, putSetting } from '../../../platform/db/settings.js';

/** SQL for moderation: the term lists (settings key `moderation.terms`) and recorded violations. */

const TERMS_KEY = 'moderation.terms';

/**
 * The term list of every category: the stored list where there is a usable one, the default
 * list otherwise (a category never stored, or a stored value that is not a list of strings).
 */
export async function loadModerationTerms(db: Executor): Promise<ModerationTerms> {
  const stored = await getSetting<unknown>(db, TERMS_KEY);
  const out = { ...DEFAULT_MODERATION_TERMS } as Record<ModerationCategory, readonly string[]>;
  if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
    for (const c of CATEGORY_IDS) {
      const list = (stored as Record<string, unknown>)[c];
      if (Array.isArray(list) && list.length > 0 && list.every((t) => typeof t === 'string')) out[c] = list as string[];
    }
  }
  return out;
}

/** Stores the term lists of the given categories; the others keep theirs. */
export async function saveModerationTerms(db: Executor, terms: Partial<ModerationTerms>): Promise<ModerationTerms> {
  const next = { ...(await loadModerationTerms(db)), ...terms };
  await putSetting(db, TERMS_KEY, next);
  return next;
}

export type ViolationRow = typeof moderationViolations.$inferSelect;

/** Records a violation against an account. */
export async function insertViolation(
  db: Executor,
  row: Omit<typeof moderationViolations.$inferInsert, 'id'>,
): Promise<ViolationRow> {
  const [inserted] = await db.insert(moderationViolations).values(row).returning();
  return inserted;
}

/** An account's violations, newest first, `limit` at most, before the id `before` when given. */
export async function listViolations(db: Executor, accountId: string, opts: { limit: number; before?: number }): Promise<ViolationRow[]> {
  return db
    .select()
    .from(moderationViolations)
    .where(and(eq(moderationViolations.accountId, accountId), opts.before !== undefined ? lt(moderationViolations.id, opts.before) : undefined))
    .orderBy(desc(moderationViolations.id))
    .limit(opts.limit);
}
