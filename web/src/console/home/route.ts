import type { AccountRoute } from '../route.js';
import { HomePage } from './HomePage.js';
import { t } from '../../i18n/index.js';

/** The account's first page (首页): today's figures, quota, notices, recent posts. */
export const homeRoutes: AccountRoute[] = [{ path: '', tab: 'home', group: 'home', label: t('home.home'), component: HomePage }];
