import type { AccountRoute } from '../route.js';
import { MessagesPage } from './MessagesPage.js';
import { t } from '../../i18n/index.js';

/** 消息管理 (互动管理): every follower message, starred, searched and answered within 48 hours. */
export const messageRoutes: AccountRoute[] = [{ path: 'messages', tab: 'messages', group: 'interaction', label: t('messages.messages'), component: MessagesPage }];
