import type { Services } from '../../../main/services.js';
import { validateMenuButtons } from '../rules/menu.js';
import { putDefaultMenu, type MenuSource, type StoredMenu } from '../store.js';
import { announceMenuChange } from '../../messaging/index.js';
import { refusalAt } from '../../../protocol/errcodes.js';
import type { Executor } from '../../../platform/db/connect.js';
import { findAccountById } from '../../accounts/index.js';
import { requireLinked } from '../../miniprograms/index.js';
import type { MenuButton } from '../rules/menu.js';

/**
 * Every miniprogram button must open a mini program linked to the account (85005; 40166 for an
 * AppID that is none): the linking rule of the miniprograms module decides.
 */
export async function checkMenuMiniPrograms(db: Executor, accountId: string, buttons: MenuButton[]): Promise<void> {
  const minis: { b: MenuButton; at: string }[] = [];
  buttons.forEach((b, i) => {
    if (b.type === 'miniprogram') minis.push({ b, at: `button.${i}` });
    b.sub_button.forEach((s, j) => s.type === 'miniprogram' && minis.push({ b: s, at: `button.${i}.sub_button.${j}` }));
  });
  if (minis.length === 0) return;
  const account = await findAccountById(db, accountId);
  if (!account) return;
  for (const { b, at } of minis) {
    try {
      await requireLinked(db, account, 'menu', { appid: b.appid }, { at });
    } catch (err) {
      const errcode = (err as { errcode?: number }).errcode;
      throw errcode ? refusalAt(errcode, `${at}.appid`) : err;
    }
  }
}

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
  await checkMenuMiniPrograms(services.db, accountId, check.buttons);
  const stored = await putDefaultMenu(services.db, accountId, check.buttons, source, services.clock.now());
  await announceMenuChange(services, accountId);
  return stored;
}
