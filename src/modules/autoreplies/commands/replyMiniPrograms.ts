import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/index.js';
import { requireLinked } from '../../miniprograms/index.js';
import type { AutoReply } from '../rules.js';

/**
 * Mini program cards in auto-replies open a mini program linked to the account ("要求小程序与
 * 公众号已关联"): the miniprograms module's linking rule decides; the console names the reply.
 */
export async function checkReplyMiniPrograms(db: Executor, accountId: string, replies: readonly AutoReply[]): Promise<void> {
  const cards = replies.map((r, i) => ({ r, i })).filter(({ r }) => r.type === 'miniprogrampage');
  if (cards.length === 0) return;
  const account = await findAccountById(db, accountId);
  if (!account) return;
  for (const { r, i } of cards) {
    if (r.type !== 'miniprogrampage') continue;
    try {
      await requireLinked(db, account, 'reply', { appid: r.appid });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      throw new DomainError('invalid_auto_reply', `Mini Program AppID: ${err.message}`, { field: `replies.${i}.appid`, errcode: err.errcode });
    }
  }
}
