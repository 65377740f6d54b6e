import type { AccountRoute } from '../route.js';
import { MaterialsPage } from './MaterialsPage.js';
import { t } from '../../i18n/index.js';

/** The permanent materials library. */
export const materialRoutes: AccountRoute[] = [{ path: 'materials', tab: 'materials', group: 'content', label: t('materials.materials'), component: MaterialsPage }];
