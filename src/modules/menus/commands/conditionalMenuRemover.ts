import type { Services } from '../../../main/services.js';
import { deleteConditionalMenu } from '../store.js';
import { refusal } from '../../../protocol/errcodes.js';
import { announceMenuChange } from '../../messaging/realtime.js';

/**
 * menu/delconditional: deletes one personalized menu by its menuid (a number or a decimal
 * string). An unknown menuid, or the default menu's, answers 65301.
 */
export async function removeConditionalMenu(services: Pick<Services, 'db' | 'realtime'>, accountId: string, menuid: unknown): Promise<void> {
  const id = typeof menuid === 'number' && Number.isSafeInteger(menuid) ? String(menuid) : typeof menuid === 'string' ? menuid.trim() : '';
  if (!/^\d{1,18}$/.test(id)) throw refusal(65301);
  if (!(await deleteConditionalMenu(services.db, accountId, id))) throw refusal(65301);
  await announceMenuChange(services, accountId);
}
