import type { AccountRoute } from '../route.js';
import { DeveloperSettings } from './DeveloperSettings.js';
import { t } from '../../i18n/index.js';

/** Developer settings: credentials, IP whitelist, server and capabilities. */
export const developerRoutes: AccountRoute[] = [{ path: 'developer', tab: 'developer', group: 'settings', label: t('developer.developerSettings'), component: DeveloperSettings }];
