import type { Services } from '../../../main/services.js';
import { validateMenuButtons } from '../rules/menu.js';
import { putDefaultMenu, type MenuSource, type StoredMenu } from '../store.js';
import { announceMenuChange } from '../../messaging/index.js';
import { refusalAt } from '../../../protocol/errcodes.js';

/**
 * menu/create: validates the buttons (reference §5 limits) and makes them the account's default
 * menu, replacing the previous one. Personalized menus are kept. Throws DomainError with WeChat's
 * errcode for the first invalid button. Menus saved in the console may hold send-message buttons.
 */
export async function publishMenu(
  services: Pick<Services, 'db' | 'clock' | 'realtime'>,
  accountId: string,
  buttons: unknown,
  source: MenuSource = 'api',
): Promise<StoredMenu> {
  const check = validateMenuButtons(buttons, { sendMessage: source === 'console' });
  if (!check.ok) throw refusalAt(check.errcode, check.at);
  const stored = await putDefaultMenu(services.db, accountId, check.buttons, source, services.clock.now());
  await announceMenuChange(services, accountId);
  return stored;
}
