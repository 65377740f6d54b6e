import { t } from '../../i18n/index.js';

/** The words of the fee types and statuses, in the reader's language. */
export const KIND_WORDS: Record<string, () => string> = {
  verification: () => t('costs.kindVerification'),
  renewal: () => t('costs.kindRenewal'),
  migration: () => t('costs.kindMigration'),
  api: () => t('costs.kindApi'),
  pay_fee: () => t('costs.kindPayFee'),
};

export const STATUS_WORDS: Record<string, () => string> = {
  paid: () => t('costs.statusPaid'),
  due: () => t('costs.statusDue'),
  upcoming: () => t('costs.statusUpcoming'),
};

/** A value's words, or the value itself when it has none (a fee type a new source adds). */
export const word = (words: Record<string, () => string>, value: string) => words[value]?.() ?? value;

/** The badge tone of a status. */
export const statusTone = (s: string) => (s === 'paid' ? 'green' : s === 'due' ? 'red' : 'amber') as 'green' | 'red' | 'amber';
