import type { Services } from '../services.js';
import { deleteAllMenus } from '../store/menus.js';

/**
 * menu/delete: removes the default menu and every personalized menu. Deleting when there is no
 * menu succeeds, as on WeChat. Returns how many menus were removed.
 */
export async function removeAllMenus(services: Pick<Services, 'db'>, accountId: string): Promise<number> {
  return deleteAllMenus(services.db, accountId);
}
