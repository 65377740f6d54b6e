/**
 * The account's service categories (服务类目, wechat-api §6: "up to 5, changeable 5 times a
 * month"): the categories decide which public subscribe templates the account may use. Pure.
 */
import { SUBSCRIBE_CATEGORIES, subscribeCategory } from './library.js';

export const MAX_CATEGORIES = 5;
export const MAX_CATEGORY_CHANGES_PER_MONTH = 5;

/** Every category of the library: what an account that never chose has. */
export const ALL_CATEGORY_IDS: readonly number[] = SUBSCRIBE_CATEGORIES.map((c) => c.id);

/** A choice of categories, checked: 1 to 5 different ids of the library's categories. */
export function parseCategoryChoice(ids: readonly number[]): { ok: true; ids: number[] } | { ok: false; reason: string } {
  if (ids.length === 0 || ids.length > MAX_CATEGORIES) return { ok: false, reason: `Choose 1 to ${MAX_CATEGORIES} service categories.` };
  if (new Set(ids).size !== ids.length) return { ok: false, reason: 'A category appears twice.' };
  const unknown = ids.find((id) => !subscribeCategory(id));
  if (unknown !== undefined) return { ok: false, reason: `No service category has the id ${unknown}.` };
  return { ok: true, ids: [...ids] };
}

/** How many changes are left this month, given the stored month and count. */
export function changesLeft(stored: { month: string; changes: number } | undefined, month: string): number {
  const used = stored && stored.month === month ? stored.changes : 0;
  return Math.max(0, MAX_CATEGORY_CHANGES_PER_MONTH - used);
}
