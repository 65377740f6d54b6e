import type { Services } from '../../../main/services.js';
import { deleteAllMenus } from '../store.js';
import { announceMenuChange } from '../../messaging/index.js';

/**
 * menu/delete: removes the default menu and every personalized menu. Deleting when there is no
 * menu succeeds, as on WeChat. Returns how many menus were removed.
 */
export async function removeAllMenus(services: Pick<Services, 'db' | 'realtime'>, accountId: string): Promise<number> {
  const removed = await deleteAllMenus(services.db, accountId);
  if (removed > 0) await announceMenuChange(services, accountId);
  return removed;
}
