import type { AccountRoute } from '../route.js';
import { InboxPage } from './InboxPage.js';
import { t } from '../../i18n/index.js';

/** The customer-service inbox: conversations, the response-time board (/board) and the team (/team). */
export const inboxRoutes: AccountRoute[] = [{ path: 'inbox/:view?', tab: 'inbox', group: 'interaction', label: t('inbox.customerService'), component: InboxPage, capability: 'kf' }];
