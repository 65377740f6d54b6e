import type { Services } from '../../../main/services.js';

/** What the lifecycle commands need of the services. */
export type LifecycleServices = Pick<Services, 'db' | 'clock' | 'signals' | 'realtime' | 'log' | 'tokens'>;

/** Sentences for the refusals of a migration application (console shows them; details.reason is the code). */
export const MIGRATION_REFUSAL_TEXT = {
  same_account: 'An account cannot migrate into itself.',
  source_inactive: 'The account to migrate from is not in normal standing.',
  target_inactive: 'The account to migrate into is not in normal standing.',
  target_unverified: 'The account to migrate into must be verified.',
  subscription_to_service: 'A subscription account cannot migrate into a service account.',
  target_too_many_followers: 'The account to migrate into has too many followers to receive followers.',
  migration_open: 'One of the accounts already takes part in a migration.',
} as const;
