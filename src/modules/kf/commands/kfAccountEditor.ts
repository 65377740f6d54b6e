import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/store/accounts.js';
import { updateKfAccount, type KfAccountRow } from '../store/kfAccounts.js';
import { canonicalKfAccount, isValidKfNickname } from '../rules/kf.js';

/**
 * Changes a customer-service account's nickname (kfaccount/update). A kf_account that is not
 * "prefix@<WeChat id>" is kf_account_invalid; a well-formed one that does not exist is
 * kf_not_found.
 */
export async function editKfAccount(services: Services, accountId: string, input: { kfAccount: unknown; nickname: unknown }): Promise<KfAccountRow> {
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  if (!account.wechatId) throw new DomainError('kf_account_no_wechat_id', 'Set a WeChat ID for the account before managing customer-service accounts.', undefined, { errcode: 65402 });
  const kfAccount = canonicalKfAccount(input.kfAccount, account.wechatId);
  if (!kfAccount) throw new DomainError('kf_account_invalid', `kf_account must be up to 10 letters, digits or _ followed by @${account.wechatId}.`, undefined, { errcode: 65404 });
  if (!isValidKfNickname(input.nickname)) throw new DomainError('kf_nickname_invalid', 'nickname must be 1 to 16 characters.', undefined, { errcode: 65403 });
  const row = await updateKfAccount(services.db, accountId, kfAccount, { nickname: input.nickname });
  if (!row) throw new DomainError('kf_not_found', `No customer-service account ${kfAccount}.`, undefined, { errcode: 65401 });
  return row;
}
