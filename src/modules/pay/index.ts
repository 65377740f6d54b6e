/**
 * The pay module (微信支付): its manifest (what the server registers) and its public API. See
 * README.md beside this file. It sits at the top of the module order: it imports accounts and
 * followers; nothing imports it.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { payNotifier, payRefundSettler } from './jobs/notifier.js';
import { paySettler } from './jobs/settlements.js';

const wechatRegisterPayApis = lazyRoutes(() => import('./wechat/routes.js'), 'registerPayApis');
const wechatRegisterPayV2Apis = lazyRoutes(() => import('./v2/routes.js'), 'registerPayV2Apis');
const consoleRegisterPayBillsConsoleRoutes = lazyRoutes(() => import('./bills/console.js'), 'registerPayBillsConsoleRoutes');
const simRegisterPayBillsSimRoutes = lazyRoutes(() => import('./bills/sim.js'), 'registerPayBillsSimRoutes');
const consoleRegisterPayConsoleRoutes = lazyRoutes(() => import('./console.js'), 'registerPayConsoleRoutes');
const phoneRegisterPayPhoneRoutes = lazyRoutes(() => import('./phone.js'), 'registerPayPhoneRoutes');
const simRegisterPaySimRoutes = lazyRoutes(() => import('./sim.js'), 'registerPaySimRoutes');

/** What the server registers for WeChat Pay. */
export const payModule = defineModule({
  name: 'pay',
  routes: {
    wechat: [wechatRegisterPayApis, wechatRegisterPayV2Apis],
    console: [consoleRegisterPayConsoleRoutes, consoleRegisterPayBillsConsoleRoutes],
    phone: [phoneRegisterPayPhoneRoutes],
    sim: [simRegisterPaySimRoutes, simRegisterPayBillsSimRoutes],
  },
  workers: [payNotifier],
  schedules: [payRefundSettler, paySettler],
});

// The public API: what other modules use (costs lists the transaction fees).
export { transactionFeesByMonth, type MonthlyTransactionFees } from './bills/fees.js';
