import { z } from 'zod';
import { DomainError } from '../../../platform/errors.js';
import { can } from '../../accounts/rules/capabilities.js';
import { allowed } from '../../operators/rules/policy.js';
import { isOpenidShaped } from '../rules/kf.js';
import { representativeOf } from '../commands/kfRepresentativeAdder.js';
import type { AccountRow } from '../../accounts/store/accounts.js';
import type { KfAccountRow } from '../store/kfAccounts.js';
import type { ConsoleSession } from '../../../surfaces/console/auth.js';

/**
 * Who may do what in the customer-service inbox. The kf rules themselves (online, whose session,
 * waiting or active) stay in the kf commands; this file only adds the console's notion of
 * people: an operator works as the kf account bound to them, and owners and admins supervise.
 */

/** Why an account cannot use customer service at all, or null when it can (the capability table). */
export function kfUnavailableReason(account: Pick<AccountRow, 'type' | 'verified'>): string | null {
  if (can(account, 'kf')) return null;
  return 'Customer service needs a verified account: unverified subscription and service accounts cannot have customer-service accounts (as on WeChat).';
}

/** Refuses inbox and representative writes for an account without the kf capability. */
export function requireKf(account: Pick<AccountRow, 'type' | 'verified'>): void {
  const reason = kfUnavailableReason(account);
  if (reason) throw new DomainError('kf_unavailable', reason);
}

/** Owners and admins supervise: they assign, transfer and close any conversation. */
export function isSupervisor(session: ConsoleSession): boolean {
  return allowed(session.operator, 'inbox.supervise');
}

/** The kf account the signed-in operator works as on this account, or an error saying how to become one. */
export function requireMyKf(kfAccounts: readonly KfAccountRow[], session: ConsoleSession): KfAccountRow {
  const mine = representativeOf(kfAccounts, session.operator.id);
  if (!mine) {
    throw new DomainError(
      'not_representative',
      'You do not work as a customer-service account of this official account yet. Add yourself under Representatives first.',
    );
  }
  return mine;
}

/**
 * The kf account named in a path (`not_found`, 404) or a body field (`kf_not_found`, 400), from
 * the account's list. Names compare without regard to case, as kf_accounts do.
 */
export function kfNamed(kfAccounts: readonly KfAccountRow[], name: string | undefined, from: 'path' | 'body'): KfAccountRow {
  const wanted = (name ?? '').toLowerCase();
  const found = kfAccounts.find((k) => k.kfAccount.toLowerCase() === wanted);
  if (found) return found;
  const label = JSON.stringify((name ?? '').slice(0, 64));
  throw new DomainError(from === 'path' ? 'not_found' : 'kf_not_found', `No customer-service account ${label}.`);
}

/** A follower's openid from the path; anything that cannot be one is a 404. */
export function openidParam(raw: string | undefined): string {
  if (!isOpenidShaped(raw)) throw new DomainError('not_found', 'No such conversation.');
  return raw;
}

/** A kf_account as a body field: short, printable text (the commands check the rest). */
export const kfAccountField = z
  .string({ message: 'kf_account must be a string.' })
  .min(1, 'Choose a representative.')
  .max(64, 'kf_account is at most 64 characters.')
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'kf_account must not contain control characters.');

/**
 * Sentences for the console where the kf commands' own messages are written for API callers.
 * Codes are kept, so clients still branch on them.
 */
const CONSOLE_MESSAGES: Record<string, string> = {
  kf_account_no_wechat_id:
    'This account has no WeChat ID. Customer-service accounts are named prefix@<WeChat ID> (as on WeChat), so the account needs a WeChat ID before it can have any.',
};

/** Runs a kf command and rewords the errors the console explains differently. */
export async function withKfMessages<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError && CONSOLE_MESSAGES[err.code]) throw new DomainError(err.code, CONSOLE_MESSAGES[err.code], err.details);
    throw err;
  }
}
