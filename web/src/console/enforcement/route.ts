import type { AccountRoute } from '../route.js';
import { EnforcementPage } from './EnforcementPage.js';
import { t } from '../../i18n/index.js';

/** 违规记录: the account's violation records, its standing and the response board. */
export const enforcementRoutes: AccountRoute[] = [{ path: 'violations', tab: 'violations', group: 'settings', label: t('enforcement.tab'), component: EnforcementPage }];
