/**
 * The console API's shapes, from the server's presenters (type-only imports: no server code
 * reaches the bundle). Only the envelope of /me, which its route builds, is written here.
 */
import type { AccountDetail } from '../../../src/modules/accounts/console/presenters.js';
import type { ConsoleOperator, ConsoleOrg } from '../../../src/modules/operators/console.js';

export type {
  AccountDetail, AccountSummary, Attempt, Delivery, DeliveryDetail, ServerConfig,
} from '../../../src/modules/accounts/console/presenters.js';
export type { AccountType } from '../../../src/modules/accounts/rules/capabilities.js';

export type Operator = ConsoleOperator;
export type Org = ConsoleOrg;

/** GET /console/api/me. */
export interface Me {
  operator: Operator;
  org: Org;
  csrf_token: string;
  /** emulator: accounts are opened at once; platform: they are registered and reviewed. */
  mode: 'emulator' | 'platform';
}

/** How the server's pushes are encrypted (the server configuration's `mode`). */
export const SERVER_MODES = ['plaintext', 'compatible', 'safe'] as const;
export type ServerMode = (typeof SERVER_MODES)[number];

/** A stored mode as the form's choice (an unknown one shows as plaintext). */
export const serverModeOf = (mode: string): ServerMode => SERVER_MODES.find((m) => m === mode) ?? 'plaintext';

/** One row of an account's capability table. */
export type CapabilityRow = AccountDetail['capabilities'][number];
