import type { Services } from '../../../main/services.js';
import { countNewsGroups, findArticlesOfGroups, findNewsGroup, listNewsGroups, type NewsGroupRow } from '../store/newsGroups.js';
import { mediaUrl } from '../../media/rules/media.js';
import type { ArticleRow } from '../store/articles.js';

/** A news material (material/add_news) as the library lists it: the lead title and cover, the others as introduction. */
export interface ConsoleNewsMaterial {
  media_id: string;
  type: 'news';
  name: string;
  url: string;
  size: number;
  title: string;
  introduction: string;
  update_time: number;
}

/** A news group as the library lists it: the lead's title and cover, the count of the others. */
function presentNewsMaterial(publicUrl: string, g: NewsGroupRow, list: ArticleRow[]): ConsoleNewsMaterial {
  return {
    media_id: g.id,
    type: 'news',
    name: list[0]?.title ?? '',
    url: list[0]?.thumbMediaId ? mediaUrl(publicUrl, list[0].thumbMediaId) : '',
    size: 0,
    title: list[0]?.title ?? '',
    introduction: list.length > 1 ? `${list.length} articles: ${list.slice(1).map((a) => a.title).join(' · ')}` : '1 article',
    update_time: Math.floor(g.updatedAt.getTime() / 1000),
  };
}

const LIVE_STATES = ['draft', 'publishing', 'published', 'sent'] as const;

/** A page of the account's news materials, newest first. */
export async function listNewsMaterials(services: Services, accountId: string, offset: number, count: number): Promise<{ total: number; items: ConsoleNewsMaterial[] }> {
  const filter = { accountId, origin: 'material' as const, states: [...LIVE_STATES] };
  const [groups, total] = await Promise.all([
    listNewsGroups(services.db, { ...filter, offset, count }),
    countNewsGroups(services.db, filter),
  ]);
  const articles = await findArticlesOfGroups(services.db, groups.map((g) => g.id));
  const items = groups.map((g) => presentNewsMaterial(services.config.publicUrl, g, articles.get(g.id) ?? []));
  return { total, items };
}

/** One of the account's news materials (the picker opened on a field that holds it); undefined for anything else. */
export async function findNewsMaterial(services: Services, accountId: string, id: string): Promise<ConsoleNewsMaterial | undefined> {
  const group = await findNewsGroup(services.db, accountId, id);
  if (!group || group.origin !== 'material' || !(LIVE_STATES as readonly string[]).includes(group.state)) return undefined;
  const articles = await findArticlesOfGroups(services.db, [group.id]);
  return presentNewsMaterial(services.config.publicUrl, group, articles.get(group.id) ?? []);
}
