import type { AccountRoute } from '../route.js';
import { AutoRepliesPage } from './AutoRepliesPage.js';
import { t } from '../../i18n/index.js';

/** Auto-replies: on follow, by keyword, and to any other message. */
export const autoReplyRoutes: AccountRoute[] = [{ path: 'auto-replies', tab: 'auto-replies', group: 'interaction', label: t('autoreply.autoReplies'), component: AutoRepliesPage }];
