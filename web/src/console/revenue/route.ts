import type { AccountRoute } from '../route.js';
import { RevenuePage } from './RevenuePage.js';

/** Donations and ad revenue of the account's articles. */
export const revenueRoutes: AccountRoute[] = [{ path: 'revenue', tab: 'revenue', label: 'Revenue', component: RevenuePage }];
