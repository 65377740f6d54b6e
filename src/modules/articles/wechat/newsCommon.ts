import type { Executor } from '../../../platform/db/connect.js';
import type { ArticleRow } from '../store/articles.js';
import { countNewsGroups, findArticlesOfGroups, listNewsGroups, type NewsGroupFilter, type NewsGroupRow } from '../store/newsGroups.js';
import { refusal } from '../../../protocol/errcodes.js';

/**
 * What the draft, freepublish and news APIs share: body limits, refusals with WeChat's
 * errcode, and the paging arguments of batchget.
 */

/**
 * Eight articles at their largest: content is under 20,000 UTF-16 units, at most 6 bytes each
 * once JSON-escaped (\uXXXX), so about 120 KB an article with its other fields.
 */
export const NEWS_MAX_BODY = 2 * 1024 * 1024;
/** One article (update bodies). */
export const ARTICLE_MAX_BODY = 512 * 1024;
/** Small bodies ({media_id}, {publish_id}, paging). */
export const SMALL_BODY = 16 * 1024;

/** The JSON body as an object (47001 for arrays, strings and numbers). */
export function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw refusal(47001);
  return body as Record<string, unknown>;
}

/** A media_id argument: 40007 when missing or not a string (WeChat answers "invalid media_id"). */
export function mediaIdArg(body: Record<string, unknown>): string {
  const id = body.media_id;
  if (typeof id !== 'string' || id === '') throw refusal(40007);
  return id;
}

/** An integer argument given as a number or a decimal string; undefined when absent. */
export function intArg(value: unknown): number | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return null;
}

/** batchget's {offset, count 1..20, no_content 0/1}: 40035 for anything else. */
export function pageArgs(body: Record<string, unknown>): { offset: number; count: number; noContent: boolean } {
  const offset = intArg(body.offset);
  const count = intArg(body.count);
  const noContent = intArg(body.no_content);
  if (offset === null || (offset ?? 0) < 0 || count === null || count === undefined || count < 1 || count > 20 || (noContent !== undefined && noContent !== 0 && noContent !== 1)) {
    throw refusal(40035);
  }
  return { offset: offset ?? 0, count, noContent: noContent === 1 };
}

/**
 * A batchget page (draft/batchget, freepublish/batchget): `{offset, count 1-20, no_content}` →
 * `{total_count, item_count, item:[{...id, content:{news_item}, update_time}]}`, newest first.
 * `item` presents one group (its id field and news_item) from its articles.
 */
export async function batchgetGroups(
  db: Executor,
  filter: NewsGroupFilter,
  body: unknown,
  item: (group: NewsGroupRow, articles: ArticleRow[], withContent: boolean) => Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { offset, count, noContent } = pageArgs(objectBody(body));
  const [total, groups] = await Promise.all([countNewsGroups(db, filter), listNewsGroups(db, { ...filter, offset, count })]);
  const byGroup = await findArticlesOfGroups(db, groups.map((g) => g.id));
  return {
    total_count: total,
    item_count: groups.length,
    item: groups.map((g) => ({ ...item(g, byGroup.get(g.id) ?? [], !noContent), update_time: Math.floor(g.updatedAt.getTime() / 1000) })),
  };
}
