import type { AccountRoute } from '../route.js';
import { BroadcastsPage } from './BroadcastsPage.js';
import { PushDetail } from './PushDetail.js';
import { t } from '../../i18n/index.js';

/** Push posts (quota, composer, history) and one push post's delivery (in the same tab). */
export const broadcastRoutes: AccountRoute[] = [
  { path: 'broadcasts', tab: 'broadcasts', group: 'content', label: t('broadcasts.pushPosts'), component: BroadcastsPage },
  { path: 'broadcasts/:msgId', tab: 'broadcasts', group: 'content', component: PushDetail },
];
