import type { AccountRoute } from '../route.js';
import { CallbackInspector } from './CallbackInspector.js';

/** The callback inspector, with one delivery open when the path names it. */
export const inspectorRoutes: AccountRoute[] = [{ path: 'callbacks/:id?', tab: 'callbacks', label: 'Callback inspector', component: CallbackInspector }];
