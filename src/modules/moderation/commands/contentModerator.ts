import type { Executor } from '../../../platform/db/connect.js';
import type { Clock } from '../../../platform/clock.js';
import { articleText } from '../../../protocol/articleHtml.js';
import { findTextViolation, findViolation, type Violation } from '../rules/moderation.js';
import { insertViolation, loadModerationTerms } from '../store/moderation.js';

/** Where content was stopped: a push post, a publish, or a preview. */
export type ModerationAction = 'broadcast' | 'publish' | 'preview';

/**
 * Checks the articles of a news group before they are pushed, published or previewed. Returns
 * the first prohibited term found (null when the content is clean) and records it as a
 * violation of the account in `db`, so a caller's transaction keeps or discards it with the rest.
 */
export async function moderateArticles(
  db: Executor,
  clock: Pick<Clock, 'now'>,
  input: {
    accountId: string;
    action: ModerationAction;
    groupId?: string | null;
    articles: ReadonlyArray<{ idx: number; title: string; digest: string; content: string }>;
  },
): Promise<Violation | null> {
  const terms = await loadModerationTerms(db);
  const items = input.articles.map((a) => ({ idx: a.idx, title: a.title ?? '', digest: a.digest ?? '', text: articleText(a.content ?? '') }));
  const violation = findViolation(terms, items);
  if (violation) await record(db, clock, input.accountId, input.action, input.groupId ?? null, violation);
  return violation;
}

/** moderateArticles for a text push post (articleIdx null). */
export async function moderateText(
  db: Executor,
  clock: Pick<Clock, 'now'>,
  input: { accountId: string; action: ModerationAction; text: string },
): Promise<Violation | null> {
  const violation = findTextViolation(await loadModerationTerms(db), input.text ?? '');
  if (violation) await record(db, clock, input.accountId, input.action, null, violation);
  return violation;
}

async function record(db: Executor, clock: Pick<Clock, 'now'>, accountId: string, action: ModerationAction, groupId: string | null, v: Violation) {
  await insertViolation(db, {
    accountId,
    category: v.category,
    term: v.term,
    passage: v.passage,
    action,
    groupId,
    articleIdx: v.articleIdx,
    createdAt: clock.now(),
  });
}
