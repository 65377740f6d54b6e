import type { AccountRoute } from '../route.js';
import { PayPage } from './PayPage.js';
import { t } from '../../i18n/index.js';

/** 微信支付: the account's merchant (verified service accounts). */
export const payRoutes: AccountRoute[] = [{ path: 'pay', tab: 'pay', group: 'ads', label: t('pay.wechatPay'), component: PayPage }];
