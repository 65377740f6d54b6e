import type { Services } from '../../../main/services.js';
import type { AccountType } from '../rules/capabilities.js';
import { sql } from 'drizzle-orm';
import { findAccountByWechatId, updateAccountProfile, type AccountRow } from '../store/accounts.js';
import { insertOrganization, organizationExists } from '../../operators/index.js';
import { DomainError } from '../../../platform/errors.js';
import { registerAccount } from './accountRegistrar.js';

/** An account as the simulator creates it. */
export interface SimAccountInput {
  type: AccountType;
  verified: boolean;
  name: string;
  /** An existing organization; by default each account gets an organization of its own. */
  orgId?: string;
  /** The WeChat ID (微信号); by default `sim_` and the AppID's 16 hex digits. */
  wechatId?: string;
  /** false: hidden from phone users in mainland China (default true). */
  mainlandVisible?: boolean;
}

/** The WeChat ID a simulator account gets when none is given: unique, as its AppID is. */
export const defaultSimWechatId = (appid: string): string => `sim_${appid.slice(2)}`;

/**
 * Creates an account from the simulator (emulator mode): unlike the console, the caller picks
 * the verification state freely, as a test fixture would.
 */
export async function createSimAccount(services: Pick<Services, 'db'>, input: SimAccountInput): Promise<{ account: AccountRow; secret: string }> {
  return services.db.transaction(async (tx) => {
    let orgId = input.orgId;
    if (orgId !== undefined) {
      if (!(await organizationExists(tx, orgId))) throw new DomainError('not_found', 'Organization not found.');
    } else {
      orgId = (await insertOrganization(tx, `Simulator: ${input.name.trim().slice(0, 64) || 'account'}`)).id;
    }
    if (input.wechatId !== undefined) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`wechat_id:${input.wechatId.toLowerCase()}`}))`);
      if (await findAccountByWechatId(tx, input.wechatId)) throw new DomainError('wechat_id_taken', 'That WeChat ID is used by another account.');
    }
    const made = await registerAccount(tx, { orgId, type: input.type, verified: input.verified, name: input.name, wechatId: input.wechatId ?? null, mainlandVisible: input.mainlandVisible });
    if (input.wechatId !== undefined) return made;
    // kfaccount/add needs a WeChat ID (prefix@<wechat_id>): every simulator account has one.
    const account = await updateAccountProfile(tx, made.account.id, { wechatId: defaultSimWechatId(made.account.appid) });
    return { account: account ?? made.account, secret: made.secret };
  });
}
