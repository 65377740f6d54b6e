import type { AccountRoute } from '../route.js';
import { DeveloperSettings } from './DeveloperSettings.js';

/** The account's first page: credentials, IP whitelist, server and capabilities. */
export const developerRoutes: AccountRoute[] = [{ path: '', tab: 'developer', label: 'Developer settings', component: DeveloperSettings }];
