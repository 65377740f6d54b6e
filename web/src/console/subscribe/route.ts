import type { AccountRoute } from '../route.js';
import { SubscribePage } from './SubscribePage.js';
import { t } from '../../i18n/index.js';

/** 订阅通知: subscribe templates from the library, with what each sent (verified service accounts). */
export const subscribeRoutes: AccountRoute[] = [{ path: 'subscribe', tab: 'subscribe', group: 'ads', label: t('subscribe.subscribeMessages'), component: SubscribePage, capability: 'template' }];
