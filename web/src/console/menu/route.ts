import type { AccountRoute } from '../route.js';
import { MenuPage } from './MenuPage.js';
import { t } from '../../i18n/index.js';

/** The custom menu editor (accounts without the menu capability see why they have none). */
export const menuRoutes: AccountRoute[] = [{ path: 'menu', tab: 'menu', group: 'interaction', label: t('menu.customMenu'), component: MenuPage, capability: 'menu' }];
