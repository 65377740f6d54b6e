import type { AccountRoute } from '../route.js';
import { PayPage } from './PayPage.js';
import { RefundsPage, TransactionsPage } from './RecordsPage.js';
import { BillsPage, SettlementsPage } from './SettlementsPage.js';
import { PaySettingsPage } from './SettingsPage.js';
import { t } from '../../i18n/index.js';

/**
 * 微信支付 (verified service accounts): the merchant (apply, keys) and the merchant platform's
 * pages under it: transactions, refunds, settlements, bills and settings (payment directories,
 * the default notify URL, API security). One tab; the pages link to each other.
 */
export const payRoutes: AccountRoute[] = [
  { path: 'pay', tab: 'pay', group: 'ads', label: t('pay.wechatPay'), component: PayPage },
  { path: 'pay/transactions', tab: 'pay', group: 'ads', component: TransactionsPage },
  { path: 'pay/refunds', tab: 'pay', group: 'ads', component: RefundsPage },
  { path: 'pay/settlements', tab: 'pay', group: 'ads', component: SettlementsPage },
  { path: 'pay/bills', tab: 'pay', group: 'ads', component: BillsPage },
  { path: 'pay/settings', tab: 'pay', group: 'ads', component: PaySettingsPage },
];
