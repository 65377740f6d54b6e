import type { Services } from '../../main/services.js';
import type { Executor } from '../../platform/db/connect.js';

/**
 * What the media module asks of modules above it (docs/ARCHITECTURE.md, "Module order"),
 * registered by the higher module's manifest (`connect`) so media never imports it.
 */

/**
 * Whether something of the account's names this media_id (the menus module: its buttons; the
 * autoreplies module: its replies). A material in use is not deleted (48005).
 */
export type MaterialUseCheck = (db: Executor, accountId: string, mediaId: string) => Promise<boolean>;

const useChecks = new Map<string, MaterialUseCheck>();

/** Registers a module's check (the same pure query for every instance; registering again replaces it). */
export function provideMaterialUseCheck(module: string, check: MaterialUseCheck): void {
  useChecks.set(module, check);
}

/** Whether any registered check finds this media_id in use. */
export async function materialInUse(db: Executor, accountId: string, mediaId: string): Promise<boolean> {
  for (const check of useChecks.values()) if (await check(db, accountId, mediaId)) return true;
  return false;
}

/**
 * News materials (material/add_news) and the news of mass sends (media/uploadnews) are the
 * articles module's news groups. The material APIs and the library answer for them through these
 * (the articles module: queries, no state), so media never imports articles.
 */
export interface NewsMaterials {
  /** get_material: the news_item list of one of the account's news materials, or undefined. */
  find(services: Pick<Services, 'db' | 'config'>, accountId: string, id: string): Promise<readonly unknown[] | undefined>;
  /** get_materialcount: how many news materials the account keeps. */
  count(services: Pick<Services, 'db'>, accountId: string): Promise<number>;
  /** batchget_material type news: a page, most recently updated first. */
  page(services: Pick<Services, 'db' | 'config'>, accountId: string, offset: number, count: number): Promise<{ total: number; items: readonly unknown[] }>;
  /** The console library's page of news materials, newest first. */
  library(services: Services, accountId: string, offset: number, count: number): Promise<{ total: number; items: readonly unknown[] }>;
  /** del_material: removes one in the caller's transaction; false when there is no such news material. */
  remove(db: Executor, accountId: string, id: string, now: Date): Promise<boolean>;
  /** The expired-media sweep: removes up to `limit` media/uploadnews groups whose 3 days ended by `before`; returns how many. */
  sweepExpired(db: Executor, before: Date, limit: number): Promise<number>;
}

let newsMaterials: NewsMaterials | undefined;

/** Registers the news materials (the same pure queries for every instance). */
export function provideNewsMaterials(queries: NewsMaterials): void {
  newsMaterials = queries;
}

/** The registered news materials; fails loudly when none were registered at boot. */
export function newsMaterialsOf(): NewsMaterials {
  if (!newsMaterials) throw new Error('no news materials registered: the articles module connects them when the services are built');
  return newsMaterials;
}
