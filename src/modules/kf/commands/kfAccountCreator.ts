import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/store/accounts.js';
import { findKfAccount, insertKfAccount, kfAccountStats, lockKfManagement, type KfAccountRow } from '../store/kfAccounts.js';
import { MAX_KF_ACCOUNTS, canonicalKfAccount, isValidKfNickname } from '../rules/kf.js';

/** kfaccount/add as sent: values are checked here, so they may be of any type. */
export interface NewKfAccountInput {
  /** "prefix@wechatid", as kfaccount/add sends it. */
  kfAccount: unknown;
  nickname: unknown;
}

/**
 * Adds a customer-service account (kfaccount/add). Checks, in WeChat's order: the official
 * account has a WeChat id (kf_account_no_wechat_id), the kf_account is "prefix@<that id>"
 * (kf_account_invalid), the nickname (kf_nickname_invalid), the 100-account limit (kf_limit)
 * and duplicates, compared without regard to case (kf_exists). The new account is offline,
 * with no worker bound, and gets the next kf_id (1001, 1002 ...).
 */
export async function addKfAccount(services: Services, accountId: string, input: NewKfAccountInput): Promise<KfAccountRow> {
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  if (!account.wechatId) throw new DomainError('kf_account_no_wechat_id', 'Set a WeChat ID for the account before adding customer-service accounts.', undefined, { errcode: 65402 });
  const kfAccount = canonicalKfAccount(input.kfAccount, account.wechatId);
  if (!kfAccount) {
    throw new DomainError('kf_account_invalid', `kf_account must be up to 10 letters, digits or _ followed by @${account.wechatId}.`, undefined, { errcode: 65404 });
  }
  if (!isValidKfNickname(input.nickname)) throw new DomainError('kf_nickname_invalid', 'nickname must be 1 to 16 characters.', undefined, { errcode: 65403 });
  const nickname = input.nickname;
  return services.db.transaction(async (tx) => {
    await lockKfManagement(tx, accountId);
    if (await findKfAccount(tx, accountId, kfAccount)) throw new DomainError('kf_exists', `${kfAccount} already exists.`, undefined, { errcode: 65406 });
    const { count, nextKfId } = await kfAccountStats(tx, accountId);
    if (count >= MAX_KF_ACCOUNTS) throw new DomainError('kf_limit', `An account can have at most ${MAX_KF_ACCOUNTS} customer-service accounts.`, undefined, { errcode: 65405 });
    return insertKfAccount(tx, { accountId, kfAccount, kfId: nextKfId, nickname, now: services.clock.now() });
  });
}
