import type { AccountRoute } from '../route.js';
import { CommentsPage } from './CommentsPage.js';
import { t } from '../../i18n/index.js';

/** 留言管理: readers' comments on the account's articles, their settings and the blocked list. */
export const commentRoutes: AccountRoute[] = [{ path: 'comments', tab: 'comments', group: 'interaction', label: t('comments.comments'), component: CommentsPage, capability: 'comment' }];
