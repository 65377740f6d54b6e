import type { Services } from '../../../main/services.js';
import { chinaMonth } from '../../../platform/clock.js';
import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { ALL_CATEGORY_IDS, changesLeft, MAX_CATEGORY_CHANGES_PER_MONTH, parseCategoryChoice } from '../rules/categories.js';
import { findCategoryChoice, lockSubscribe, saveCategoryChoice } from '../store.js';

/** The account's service categories: those it chose, or every category when it never chose. */
export async function accountCategories(db: Executor, accountId: string): Promise<readonly number[]> {
  return (await findCategoryChoice(db, accountId))?.categoryIds ?? ALL_CATEGORY_IDS;
}

/** The account's categories and how many changes are left this month (the console shows both). */
export async function categoryState(services: Pick<Services, 'db' | 'clock'>, accountId: string): Promise<{ chosen: boolean; ids: readonly number[]; changesLeft: number }> {
  const row = await findCategoryChoice(services.db, accountId);
  return { chosen: row !== undefined, ids: row?.categoryIds ?? ALL_CATEGORY_IDS, changesLeft: changesLeft(row, chinaMonth(services.clock.now().getTime())) };
}

/**
 * The account chooses its service categories (服务类目): 1 to 5 of the library's (400
 * invalid_request otherwise), at most 5 changes a China calendar month (409 conflict).
 * Choosing the same set again changes nothing and uses no change. Templates the account already
 * added keep working; new ones come from the chosen categories only.
 */
export async function setSubscribeCategories(services: Pick<Services, 'db' | 'clock'>, accountId: string, ids: readonly number[]): Promise<{ ids: number[]; changesLeft: number }> {
  const parsed = parseCategoryChoice(ids);
  if (!parsed.ok) throw new DomainError('invalid_request', parsed.reason, { at: 'category_ids' });
  return services.db.transaction(async (tx) => {
    await lockSubscribe(tx, 'categories', accountId);
    const now = services.clock.now();
    const month = chinaMonth(now.getTime());
    const row = await findCategoryChoice(tx, accountId);
    const left = changesLeft(row, month);
    if (row && row.categoryIds.length === parsed.ids.length && row.categoryIds.every((id, i) => id === parsed.ids[i])) return { ids: parsed.ids, changesLeft: left };
    if (left <= 0) throw new DomainError('conflict', `Service categories change at most ${MAX_CATEGORY_CHANGES_PER_MONTH} times a month.`);
    const changes = (row && row.month === month ? row.changes : 0) + 1;
    await saveCategoryChoice(tx, { accountId, categoryIds: parsed.ids, month, changes, updatedAt: now });
    return { ids: parsed.ids, changesLeft: MAX_CATEGORY_CHANGES_PER_MONTH - changes };
  });
}
