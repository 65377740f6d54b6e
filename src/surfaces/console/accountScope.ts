import { DomainError } from '../../platform/errors.js';
import type { Services } from '../../main/services.js';
import type { ConsoleSession } from './auth.js';
import type { ConsoleLookups } from './lookups.js';

/** The account row the console works on: whatever the accounts module's lookup returns. */
export type ConsoleAccount = Services['kits']['console'] extends ConsoleLookups<infer A> ? A : never;

const APPID = /^wx[0-9a-f]{16}$/;

/**
 * The account an operator addresses by AppID. Another organization's account answers exactly
 * like a missing one (404), so AppIDs cannot be probed across organizations.
 */
export async function accountInScope(services: Pick<Services, 'db' | 'kits'>, session: ConsoleSession, appid: string | undefined): Promise<ConsoleAccount> {
  if (!appid || !APPID.test(appid)) throw new DomainError('not_found', 'Account not found.');
  const account = await services.kits.console.accountByAppid(services.db, appid);
  if (!account || account.orgId !== session.org.id) throw new DomainError('not_found', 'Account not found.');
  return account;
}
