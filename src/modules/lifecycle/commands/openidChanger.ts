import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { CHANGEOPENID_MAX, CHANGEOPENID_OK, CHANGEOPENID_UNKNOWN } from '../rules.js';
import { migratedFrom, newOpenidsOf } from '../store.js';

/** One changeopenid answer row, with the fields the reference lists (new_openid only when found). */
export interface OpenidChange {
  ori_openid: string;
  new_openid?: string;
  err_msg: string;
}

/**
 * changeopenid for account B: the new openid of each old openid of A (`fromAppid`), from the map
 * the migration kept. Unknown openids answer err_msg "ori_openid error" in place; an appid that
 * never migrated into B is 40013; a list that is not 1–100 strings is 40032 / 47001.
 */
export async function changeOpenids(db: Executor, toAccountId: string, fromAppid: unknown, list: unknown): Promise<OpenidChange[]> {
  if (typeof fromAppid !== 'string' || fromAppid === '') throw new DomainError('validation', 'from_appid is missing.', { at: 'from_appid' }, { errcode: 40013 });
  if (!Array.isArray(list) || list.length === 0 || list.length > CHANGEOPENID_MAX) {
    throw new DomainError('validation', `openid_list must hold 1 to ${CHANGEOPENID_MAX} openids.`, { at: 'openid_list' }, { errcode: 40032 });
  }
  if (!list.every((o): o is string => typeof o === 'string')) throw new DomainError('validation', 'openid_list holds strings.', { at: 'openid_list' }, { errcode: 47001 });
  if (fromAppid.length > 64 || !(await migratedFrom(db, toAccountId, fromAppid))) {
    throw new DomainError('validation', 'from_appid did not migrate into this account.', { at: 'from_appid' }, { errcode: 40013 });
  }
  const found = await newOpenidsOf(db, toAccountId, fromAppid, list.filter((o) => o.length <= 64));
  return list.map((ori) => {
    const next = found.get(ori);
    return next ? { ori_openid: ori, new_openid: next, err_msg: CHANGEOPENID_OK } : { ori_openid: ori, err_msg: CHANGEOPENID_UNKNOWN };
  });
}
