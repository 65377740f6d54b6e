import type { Services } from '../../../main/services.js';
import { checkReplyMiniPrograms } from './replyMiniPrograms.js';
import { DomainError } from '../../../platform/errors.js';
import { MAX_KEYWORD_RULES, validateKeywordRule, type AutoReplyRule, type Checked } from '../rules.js';
import { countKeywordRules, insertKeywordRule, lockAutoReplies } from '../store.js';

/** The console's error for a rule that fails validation: the message names the field. */
export function invalidAutoReply(check: Extract<Checked<unknown>, { ok: false }>): DomainError {
  return new DomainError('invalid_auto_reply', check.message, { field: check.at });
}

/**
 * Adds a keyword rule after the existing ones (lowest priority). The rule is checked by
 * domain/autoReply.ts; an account has at most 200 keyword rules, counted under the account's
 * auto-reply lock so concurrent adds cannot pass the limit.
 */
export async function createKeywordRule(services: Pick<Services, 'db' | 'clock'>, accountId: string, input: unknown): Promise<AutoReplyRule> {
  const check = validateKeywordRule(input);
  if (!check.ok) throw invalidAutoReply(check);
  await checkReplyMiniPrograms(services.db, accountId, check.value.replies);
  return services.db.transaction(async (tx) => {
    await lockAutoReplies(tx, accountId);
    if ((await countKeywordRules(tx, accountId)) >= MAX_KEYWORD_RULES) {
      throw new DomainError('too_many_rules', `An account has at most ${MAX_KEYWORD_RULES} keyword rules. Delete one first.`);
    }
    return insertKeywordRule(tx, accountId, check.value, services.clock.now());
  });
}
