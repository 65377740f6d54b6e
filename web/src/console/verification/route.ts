import type { AccountRoute } from '../route.js';
import { VerificationPage } from './VerificationPage.js';
import { t } from '../../i18n/index.js';

/** 微信认证: verification, renewal and type conversion of the account. */
export const verificationRoutes: AccountRoute[] = [{ path: 'verification', tab: 'verification', group: 'settings', label: t('verification.tab'), component: VerificationPage }];
