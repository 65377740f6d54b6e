import { DomainError } from '../../platform/errors.js';
import type { Executor } from '../../platform/db/connect.js';
import { findAccountByAppid, type AccountRow } from '../../modules/accounts/store/accounts.js';
import type { ConsoleSession } from './auth.js';

const APPID = /^wx[0-9a-f]{16}$/;

/**
 * The account an operator addresses by AppID. Another organization's account answers exactly
 * like a missing one (404), so AppIDs cannot be probed across organizations.
 */
export async function accountInScope(db: Executor, session: ConsoleSession, appid: string | undefined): Promise<AccountRow> {
  if (!appid || !APPID.test(appid)) throw new DomainError('not_found', 'Account not found.');
  const account = await findAccountByAppid(db, appid);
  if (!account || account.orgId !== session.org.id) throw new DomainError('not_found', 'Account not found.');
  return account;
}
