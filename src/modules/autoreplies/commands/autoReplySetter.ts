import type { Services } from '../../../main/services.js';
import { checkReplyMiniPrograms } from './replyMiniPrograms.js';
import { validateReplySet, type AutoReplyRule } from '../rules.js';
import { deleteReplySet, lockAutoReplies, putReplySet } from '../store.js';
import { invalidAutoReply } from './autoReplyRuleCreator.js';

/** The two single-rule auto-replies: on follow (subscribe) and for any other message (default). */
export type ReplySetKind = 'subscribe' | 'default';

/** Sets the reply on follow or the default reply `{replies, enabled?}`, replacing the previous one. */
export async function setAutoReply(services: Pick<Services, 'db' | 'clock'>, accountId: string, kind: ReplySetKind, input: unknown): Promise<AutoReplyRule> {
  const check = validateReplySet(input);
  if (!check.ok) throw invalidAutoReply(check);
  await checkReplyMiniPrograms(services.db, accountId, check.value.replies);
  return services.db.transaction(async (tx) => {
    await lockAutoReplies(tx, accountId);
    return putReplySet(tx, accountId, kind, check.value, services.clock.now());
  });
}

/** Removes the reply on follow or the default reply (nothing to remove is fine). */
export async function clearAutoReply(services: Pick<Services, 'db'>, accountId: string, kind: ReplySetKind): Promise<void> {
  await services.db.transaction(async (tx) => {
    await lockAutoReplies(tx, accountId);
    await deleteReplySet(tx, accountId, kind);
  });
}
