/**
 * The pay module (微信支付): its manifest (what the server registers) and its public API. See
 * README.md beside this file. It sits at the top of the module order: it imports accounts and
 * followers; nothing imports it.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { payNotifier, payRefundSettler } from './jobs/notifier.js';

const wechatRegisterPayApis = lazyRoutes(() => import('./wechat/routes.js'), 'registerPayApis');
const consoleRegisterPayConsoleRoutes = lazyRoutes(() => import('./console.js'), 'registerPayConsoleRoutes');
const phoneRegisterPayPhoneRoutes = lazyRoutes(() => import('./phone.js'), 'registerPayPhoneRoutes');
const simRegisterPaySimRoutes = lazyRoutes(() => import('./sim.js'), 'registerPaySimRoutes');

/** What the server registers for WeChat Pay. */
export const payModule = defineModule({
  name: 'pay',
  routes: {
    wechat: [wechatRegisterPayApis],
    console: [consoleRegisterPayConsoleRoutes],
    phone: [phoneRegisterPayPhoneRoutes],
    sim: [simRegisterPaySimRoutes],
  },
  workers: [payNotifier],
  schedules: [payRefundSettler],
});
