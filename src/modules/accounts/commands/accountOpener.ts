import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountType } from '../rules/capabilities.js';
import type { AccountRow } from '../store/accounts.js';
import { registerAccount } from './accountRegistrar.js';

export interface OpenAccountInput {
  type: AccountType;
  name: string;
  verified?: boolean;
  wechatId?: string | null;
  description?: string;
}

export interface Opener {
  orgId: string;
  platformAdmin: boolean;
  /** Platform mode: accounts come from approved registrations; only a platform admin opens one directly. */
  platformMode?: boolean;
}

/**
 * An operator registers an account in their organization. Verification is WeChat's decision,
 * not the account owner's, so only a platform administrator may mark an account verified;
 * for anyone else the flag is ignored and the account starts unverified. In platform mode an
 * organization registers an account (an application, reviewed); opening one directly is the
 * platform administrator's alone.
 */
export async function openAccount(db: Executor, opener: Opener, input: OpenAccountInput): Promise<{ account: AccountRow; secret: string }> {
  if (opener.platformMode && !opener.platformAdmin) {
    throw new DomainError('registration_required', 'On this platform an account is registered and reviewed first: apply under "Register an account" (注册公众号).');
  }
  return registerAccount(db, {
    orgId: opener.orgId,
    type: input.type,
    name: input.name,
    verified: opener.platformAdmin ? (input.verified ?? false) : false,
    wechatId: input.wechatId ?? null,
    description: input.description ?? '',
  });
}
