import type { Services } from '../../../main/services.js';
import { countNewsGroups, findArticlesOfGroups, findGroupArticles, findNewsGroup, listNewsGroups, type NewsGroupState } from '../store/newsGroups.js';
import { presentNewsItems, type NewsItem } from './presenters.js';

/**
 * News materials (material/add_news groups) as get_material and batchget_material show them. A
 * news material deleted from the library after it was sent stays for its readers (state
 * 'deleted') and is no longer listed.
 */

const LIBRARY_STATES: NewsGroupState[] = ['draft', 'publishing', 'published', 'sent'];

/** The news_item list of one of the account's news materials, or undefined. */
export async function getNewsMaterial(services: Pick<Services, 'db' | 'config'>, accountId: string, id: string): Promise<NewsItem[] | undefined> {
  const group = await findNewsGroup(services.db, accountId, id);
  if (!group || group.origin !== 'material' || !LIBRARY_STATES.includes(group.state as NewsGroupState)) return undefined;
  return presentNewsItems(await findGroupArticles(services.db, group.id), { baseUrl: services.config.publicUrl });
}

/** A page of the account's news materials, most recently updated first: {media_id, content:{news_item}, update_time}. */
export async function listNewsMaterialPage(
  services: Pick<Services, 'db' | 'config'>,
  accountId: string,
  offset: number,
  count: number,
): Promise<{ total: number; items: Array<{ media_id: string; content: { news_item: NewsItem[] }; update_time: number }> }> {
  const filter = { accountId, origin: 'material' as const, states: LIBRARY_STATES };
  const [total, groups] = await Promise.all([countNewsGroups(services.db, filter), listNewsGroups(services.db, { ...filter, offset, count })]);
  const byGroup = await findArticlesOfGroups(services.db, groups.map((g) => g.id));
  return {
    total,
    items: groups.map((g) => ({
      media_id: g.id,
      content: { news_item: presentNewsItems(byGroup.get(g.id) ?? [], { baseUrl: services.config.publicUrl }) },
      update_time: Math.floor(g.updatedAt.getTime() / 1000),
    })),
  };
}

/** How many news materials the account keeps. */
export function countNewsMaterials(services: Pick<Services, 'db'>, accountId: string): Promise<number> {
  return countNewsGroups(services.db, { accountId, origin: 'material', states: LIBRARY_STATES });
}
