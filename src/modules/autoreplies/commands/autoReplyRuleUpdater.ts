import type { Services } from '../../../main/services.js';
import { checkReplyMiniPrograms } from './replyMiniPrograms.js';
import { DomainError } from '../../../platform/errors.js';
import { validateKeywordRule, type AutoReplyRule } from '../rules.js';
import { updateKeywordRule as storeUpdate } from '../store.js';
import { invalidAutoReply } from './autoReplyRuleCreator.js';

/** Rule ids as they appear in paths: a positive integer; anything else is simply not found. */
export function ruleIdOf(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) return raw;
  if (typeof raw === 'string' && /^[1-9]\d{0,14}$/.test(raw)) return Number(raw);
  return undefined;
}

/** Replaces a keyword rule's name, keywords, reply mode, replies and switch; its priority stays. */
export async function updateKeywordRule(services: Pick<Services, 'db'>, accountId: string, rawId: unknown, input: unknown): Promise<AutoReplyRule> {
  const id = ruleIdOf(rawId);
  if (id === undefined) throw new DomainError('not_found', 'Rule not found.');
  const check = validateKeywordRule(input);
  if (!check.ok) throw invalidAutoReply(check);
  await checkReplyMiniPrograms(services.db, accountId, check.value.replies);
  const rule = await storeUpdate(services.db, accountId, id, check.value);
  if (!rule) throw new DomainError('not_found', 'Rule not found.');
  return rule;
}
