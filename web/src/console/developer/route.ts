import type { AccountRoute } from '../route.js';
import { DeveloperSettings } from './DeveloperSettings.js';
import { t } from '../../i18n/index.js';

/** The account's first page: credentials, IP whitelist, server and capabilities. */
export const developerRoutes: AccountRoute[] = [{ path: '', tab: 'developer', label: t('developer.developerSettings'), component: DeveloperSettings }];
