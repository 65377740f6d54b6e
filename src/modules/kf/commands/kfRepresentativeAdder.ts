import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/store/accounts.js';
import { listKfAccounts, lockKfManagement, updateKfAccount, type KfAccountRow } from '../store/kfAccounts.js';
import { findOrgOperator } from '../store/inboxDirectory.js';
import { addKfAccount } from './kfAccountCreator.js';

/** A console operator who is to work as a new kf account. */
export interface NewRepresentativeInput {
  /** "prefix@wechatid", or the prefix alone (the account's WeChat id is added). */
  kfAccount: string;
  nickname: string;
  /** The operator who works as it: one of the account's organization. */
  operatorId: string;
}

/** The kf account an operator works as on an official account, if any. */
export function representativeOf(kfAccounts: readonly KfAccountRow[], operatorId: string): KfAccountRow | undefined {
  return kfAccounts.find((k) => k.operatorId === operatorId);
}

/**
 * Adds a kf account and binds a console operator to it, so the operator answers followers from
 * the console inbox as that kf account. The kf account itself follows kfaccount/add's rules
 * (addKfAccount: WeChat id, format, nickname, limit, duplicates). The operator must belong to
 * the account's organization (operator_not_found) and may be the representative of only one kf
 * account per official account (kf_operator_bound), checked before and again under the kf lock.
 */
export async function addRepresentative(services: Services, accountId: string, input: NewRepresentativeInput): Promise<KfAccountRow> {
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  const operator = await findOrgOperator(services.db, account.orgId, input.operatorId);
  if (!operator) throw new DomainError('operator_not_found', 'That operator is not a member of this organization.');
  const alreadyBound = (kfs: readonly KfAccountRow[]) => {
    const bound = representativeOf(kfs, operator.id);
    if (bound) throw new DomainError('kf_operator_bound', `${operator.name} already works as ${bound.kfAccount} on this account.`, { kf_account: bound.kfAccount });
  };
  alreadyBound(await listKfAccounts(services.db, accountId));
  const kfAccount = input.kfAccount.includes('@') || !account.wechatId ? input.kfAccount : `${input.kfAccount}@${account.wechatId}`;
  const created = await addKfAccount(services, accountId, { kfAccount, nickname: input.nickname });
  return services.db.transaction(async (tx) => {
    await lockKfManagement(tx, accountId);
    alreadyBound((await listKfAccounts(tx, accountId)).filter((k) => k.kfAccount !== created.kfAccount));
    const bound = await updateKfAccount(tx, accountId, created.kfAccount, { operatorId: operator.id });
    if (!bound) throw new DomainError('kf_not_found', `No customer-service account ${created.kfAccount}.`, undefined, { errcode: 65401 });
    return bound;
  });
}
