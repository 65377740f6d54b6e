import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { keywordRuleIds, lockAutoReplies, setKeywordRuleOrder } from '../store.js';
import { ruleIdOf } from './autoReplyRuleUpdater.js';

/**
 * Sets the priority of the keyword rules: `ids` lists every keyword rule of the account once,
 * highest priority first. A list that misses or repeats a rule (say, one added in another tab
 * meanwhile) is refused rather than guessed at.
 */
export async function reorderKeywordRules(services: Pick<Services, 'db'>, accountId: string, rawIds: unknown): Promise<number[]> {
  if (!Array.isArray(rawIds)) throw new DomainError('invalid_order', 'ids must list the keyword rules in their new order.');
  const ids = rawIds.map(ruleIdOf);
  return services.db.transaction(async (tx) => {
    await lockAutoReplies(tx, accountId);
    const current = await keywordRuleIds(tx, accountId);
    const wanted = new Set(ids);
    if (ids.length !== current.length || wanted.size !== ids.length || current.some((id) => !wanted.has(id))) {
      throw new DomainError('invalid_order', 'The rules changed meanwhile: reload the page and order them again.');
    }
    await setKeywordRuleOrder(tx, accountId, ids as number[]);
    return ids as number[];
  });
}
