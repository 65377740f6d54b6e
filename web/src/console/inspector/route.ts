import type { AccountRoute } from '../route.js';
import { CallbackInspector } from './CallbackInspector.js';
import { t } from '../../i18n/index.js';

/** The callback inspector, with one delivery open when the path names it. */
export const inspectorRoutes: AccountRoute[] = [{ path: 'callbacks/:id?', tab: 'callbacks', group: 'settings', label: t('inspector.callbackInspector'), component: CallbackInspector }];
