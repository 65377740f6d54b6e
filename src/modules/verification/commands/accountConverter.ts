import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountById, updateAccountStanding, type AccountRow } from '../../accounts/index.js';
import { verifiedAt } from '../../accounts/rules/capabilities.js';
import { CONVERSION_REFUSAL_TEXT, conversionRefusal, type ConversionRefusal } from '../rules/conversion.js';
import { findConversion, insertConversion, latestApproved, lockAccount, type ConversionRow } from '../store.js';

/** The facts conversion is decided on, and the refusal they give (null: the account may convert). */
export async function conversionState(
  services: Pick<Services, 'clock' | 'config'>,
  db: Executor,
  account: AccountRow,
): Promise<{ refusal: ConversionRefusal | null; conversion: ConversionRow | undefined }> {
  const [conversion, approved] = await Promise.all([findConversion(db, account.id), latestApproved(db, account.id)]);
  const refusal = conversionRefusal(
    {
      type: account.type,
      createdAt: account.createdAt,
      verified: verifiedAt(account, services.clock.nowMs()),
      chineseRegistration: approved?.chineseRegistration ?? false,
      converted: conversion !== undefined,
    },
    services.config.verification.conversionCreatedFrom,
  );
  return { refusal, conversion };
}

/**
 * Converts a subscription account to a service account, once and for good: followers find it in
 * Chats instead of the Subscriptions folder (the chats module reads the type), push posts count
 * 4 a month instead of 1 a day, and the capability table answers for a service account. The
 * operator confirms it is permanent; a second conversion, or service → subscription, is refused
 * with the reason (`conversion_refused`, details.reason).
 */
export async function convertAccount(
  services: Pick<Services, 'db' | 'clock' | 'config' | 'signals' | 'realtime' | 'log' | 'tokens'>,
  operatorId: string,
  accountId: string,
  confirmPermanent: boolean,
): Promise<ConversionRow> {
  if (!confirmPermanent) throw new DomainError('confirmation_required', 'Confirm that the conversion is permanent.');
  return withTransaction(services, async (tx, after) => {
    await lockAccount(tx, accountId);
    const account = await findAccountById(tx, accountId);
    if (!account) throw new DomainError('not_found', 'Account not found.');
    const { refusal } = await conversionState(services, tx, account);
    if (refusal) throw new DomainError('conversion_refused', CONVERSION_REFUSAL_TEXT[refusal], { reason: refusal });
    const now = services.clock.now();
    const row = { accountId, operatorId, fromType: 'subscription', toType: 'service', convertedAt: now };
    if (!(await insertConversion(tx, row))) throw new DomainError('conversion_refused', CONVERSION_REFUSAL_TEXT.already_converted, { reason: 'already_converted' });
    await updateAccountStanding(tx, accountId, { type: 'service' });
    after.run(() => services.tokens.forgetAccount(accountId));
    const conversion = await findConversion(tx, accountId);
    if (!conversion) throw new Error('conversion not recorded');
    return conversion;
  });
}
