import type { Services } from '../../../main/services.js';
import type { AccountType } from '../rules/capabilities.js';
import type { AccountRow } from '../store/accounts.js';
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
}

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
    return registerAccount(tx, { orgId, type: input.type, verified: input.verified, name: input.name });
  });
}
