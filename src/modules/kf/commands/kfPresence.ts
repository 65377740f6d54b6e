import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { updateKfAccount, type KfAccountRow } from '../store/kfAccounts.js';

/**
 * A worker goes online or offline (the console inbox and the phone call this). Only online kf
 * accounts can accept, be given or start sessions; going offline keeps the sessions they have.
 */
export async function setKfOnline(services: Services, accountId: string, kfAccount: string, online: boolean): Promise<KfAccountRow> {
  const row = await updateKfAccount(services.db, accountId, kfAccount, { online });
  if (!row) throw new DomainError('kf_not_found', `No customer-service account ${kfAccount}.`, undefined, { errcode: 65401 });
  return row;
}
