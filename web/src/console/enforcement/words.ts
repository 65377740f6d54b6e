import { currentLanguage, t } from '../../i18n/index.js';

/** The words of enforcement's values, in the reader's language. */

export const PENALTY_WORDS: Record<string, () => string> = {
  warning: () => t('enforcement.penaltyWarning'),
  content_removed: () => t('enforcement.penaltyContentRemoved'),
  restricted: () => t('enforcement.penaltyRestricted'),
  suspended: () => t('enforcement.penaltySuspended'),
  banned: () => t('enforcement.penaltyBanned'),
};

export const RESTRICTION_WORDS: Record<string, () => string> = {
  broadcast: () => t('enforcement.restrictionBroadcast'),
  template: () => t('enforcement.restrictionTemplate'),
  kf: () => t('enforcement.restrictionKf'),
  publish: () => t('enforcement.restrictionPublish'),
  user: () => t('enforcement.restrictionUser'),
  oauth: () => t('enforcement.restrictionOauth'),
  search: () => t('enforcement.restrictionSearch'),
  account: () => t('enforcement.restrictionAccount'),
};

export const SOURCE_WORDS: Record<string, () => string> = {
  moderation: () => t('enforcement.sourceModeration'),
  report: () => t('enforcement.sourceReport'),
  response_time: () => t('enforcement.sourceResponseTime'),
  platform: () => t('enforcement.sourcePlatform'),
};

export const APPEAL_WORDS: Record<string, () => string> = {
  none: () => t('enforcement.appealNone'),
  pending: () => t('enforcement.appealPending'),
  approved: () => t('enforcement.appealApproved'),
  rejected: () => t('enforcement.appealRejected'),
};

export const TARGET_WORDS: Record<string, () => string> = {
  account: () => t('enforcement.targetAccount'),
  article: () => t('enforcement.targetArticle'),
  message: () => t('enforcement.targetMessage'),
};

/** A value's word, or the value itself when it has none. */
export const word = (words: Record<string, () => string>, key: string) => (Object.hasOwn(words, key) ? words[key]() : key);

/** A rule's name in the reader's language, with its section when it has one. */
export function ruleText(rule: { id: string; zh: string; en: string }): string {
  const name = currentLanguage() === 'en' ? rule.en : rule.zh;
  return /^\d/.test(rule.id) ? `${rule.id} ${name}` : name;
}

/** The badge tone of a penalty. */
export const penaltyTone = (p: string) => (p === 'warning' ? 'amber' : p === 'content_removed' ? 'blue' : 'red');

/** The badge tone of an appeal. */
export const appealTone = (s: string) => (s === 'approved' ? 'green' : s === 'rejected' ? 'red' : s === 'pending' ? 'blue' : 'gray');
