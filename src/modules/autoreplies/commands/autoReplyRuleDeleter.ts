import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { deleteKeywordRule as storeDelete } from '../store.js';
import { ruleIdOf } from './autoReplyRuleUpdater.js';

/** Deletes a keyword rule (404 when the account has no such rule). */
export async function deleteKeywordRule(services: Pick<Services, 'db'>, accountId: string, rawId: unknown): Promise<void> {
  const id = ruleIdOf(rawId);
  if (id === undefined || !(await storeDelete(services.db, accountId, id))) throw new DomainError('not_found', 'Rule not found.');
}
