import type { AccountRoute } from '../route.js';
import { MenuPage } from './MenuPage.js';

/** The custom menu editor (accounts without the menu capability see why they have none). */
export const menuRoutes: AccountRoute[] = [{ path: 'menu', tab: 'menu', label: 'Custom menu', component: MenuPage, capability: 'menu' }];
