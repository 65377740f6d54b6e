import type { AccountRoute } from '../route.js';
import { MaterialsPage } from './MaterialsPage.js';

/** The permanent materials library. */
export const materialRoutes: AccountRoute[] = [{ path: 'materials', tab: 'materials', label: 'Materials', component: MaterialsPage }];
