import type { AccountRoute } from '../route.js';
import { WebDomainsPage } from './WebDomainsPage.js';
import { WebGrantsPage } from './WebGrantsPage.js';
import { t } from '../../i18n/index.js';

/** Web pages (H5): the web domains (设置与开发 → 功能设置) and the OAuth grants. */
export const webauthRoutes: AccountRoute[] = [
  { path: 'web-domains', tab: 'web-domains', group: 'settings', label: t('webauth.functionSettings'), component: WebDomainsPage },
  { path: 'web-grants', tab: 'web-grants', group: 'settings', label: t('webauth.grants'), component: WebGrantsPage, capability: 'oauth' },
];
