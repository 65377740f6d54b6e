import type { AccountRoute } from '../route.js';
import { RevenuePage } from './RevenuePage.js';
import { t } from '../../i18n/index.js';

/** Donations and ad revenue of the account's articles. */
export const revenueRoutes: AccountRoute[] = [{ path: 'revenue', tab: 'revenue', group: 'ads', label: t('revenue.revenue'), component: RevenuePage }];
