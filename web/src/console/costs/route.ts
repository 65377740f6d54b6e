import type { AccountRoute, AdminRoute } from '../route.js';
import { CostsPage } from './CostsPage.js';
import { RevenuePage } from './RevenuePage.js';
import { t } from '../../i18n/index.js';

/** 费用: the organization's fees, from any of its accounts' settings. */
export const costsRoutes: AccountRoute[] = [{ path: 'costs', tab: 'costs', group: 'settings', label: t('costs.tab'), component: CostsPage }];

/** The platform's revenue by fee type (platform settings). */
export const costsAdminRoutes: AdminRoute[] = [{ path: 'revenue', label: t('costs.revenueTab'), icon: '¥', component: RevenuePage }];
