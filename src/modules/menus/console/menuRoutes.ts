import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { validateMenuButtons } from '../rules/menu.js';
import { describeMenuProblem } from '../rules/menuProblem.js';
import { publishMenu } from '../commands/menuPublisher.js';
import { removeAllMenus } from '../commands/menuRemover.js';
import type { AccountRow } from '../../accounts/index.js';
import { getCurrentMenu } from '../store.js';
import { listTags } from '../../followers/index.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';
import { menuUnavailableReason, presentConsoleMenu } from './menuPresenter.js';
import { requireConsoleOwns } from '../../../surfaces/console/ownership.js';

/** The button tree is checked by domain/menu.ts (WeChat's rules and errcodes); here only the envelope. */
const menuBody = z.object({ button: z.unknown() });

function requireMenuCapability(account: AccountRow): void {
  const reason = menuUnavailableReason(account);
  if (reason) throw new DomainError('forbidden', reason, { capability: 'menu' });
}

async function menuView(services: Services, account: AccountRow) {
  const [current, tags] = await Promise.all([getCurrentMenu(services.db, account.id), listTags(services.db, account.id)]);
  return presentConsoleMenu(account, current, tags);
}

/** The custom menu editor's API: read, publish (as menu/create does) and delete. */
export function registerMenuRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/menu',
    action: 'menu.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return menuView(services, account);
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/menu',
    action: 'menu.edit',
    body: menuBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      requireMenuCapability(account);
      requireConsoleOwns(account, 'menu');
      // The same validation menu/create runs, asked first so the answer can name the button.
      const check = validateMenuButtons(body.button, { sendMessage: true });
      if (!check.ok) {
        throw new DomainError('invalid_menu', describeMenuProblem(check, body.button), { errcode: check.errcode, at: check.at });
      }
      await publishMenu(services, account.id, body.button, 'console');
      return menuView(services, account);
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: '/accounts/:appid/menu',
    action: 'menu.edit',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      requireMenuCapability(account);
      requireConsoleOwns(account, 'menu');
      await removeAllMenus(services, account.id);
      return menuView(services, account);
    },
  });
}
