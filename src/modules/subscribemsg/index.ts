/**
 * The subscribemsg module: subscribe notifications (订阅通知). Its manifest (what the server
 * registers) and its public API (what other modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { can } from '../accounts/rules/capabilities.js';
import { provideSubscribeConsent } from '../jssdk/index.js';
import { popupTemplates, recordConsent } from './commands/consentRecorder.js';

const wechatRegisterSubscribeApis = lazyRoutes(() => import('./wechat.js'), 'registerSubscribeApis');
const simRegisterSubscribeSimRoutes = lazyRoutes(() => import('./sim.js'), 'registerSubscribeSimRoutes');
const consoleRegisterSubscribeConsoleRoutes = lazyRoutes(() => import('./console.js'), 'registerSubscribeConsoleRoutes');
const phoneRegisterSubscribePhoneRoutes = lazyRoutes(() => import('./phone.js'), 'registerSubscribePhoneRoutes');
const wechatRegisterLegacySubscribePage = lazyRoutes(() => import('./legacyPage.js'), 'registerLegacySubscribePage');
const phoneRegisterArticleSubscribeRoutes = lazyRoutes(() => import('./articlePhone.js'), 'registerArticleSubscribeRoutes');
const phoneRegisterSubscribeSessionRoute = lazyRoutes(() => import('./legacyPage.js'), 'registerSubscribeSessionRoute');

/** What the server registers for subscribe notifications. */
export const subscribemsgModule = defineModule({
  name: 'subscribemsg',
  routes: {
    wechat: [wechatRegisterSubscribeApis, wechatRegisterLegacySubscribePage],
    sim: [simRegisterSubscribeSimRoutes],
    console: [consoleRegisterSubscribeConsoleRoutes],
    phone: [phoneRegisterSubscribePhoneRoutes, phoneRegisterSubscribeSessionRoute, phoneRegisterArticleSubscribeRoutes],
  },
  // The in-app browser's <wx-open-subscribe> asks and records consents through this (jssdk sits below).
  connect: [
    () =>
      provideSubscribeConsent({
        available: (account) => can(account, 'template'),
        templates: popupTemplates,
        record: (services, account, userId, answers) => recordConsent(services, account, userId, { scene: 1, answers }),
      }),
  ],
});

// The public API: the consent the H5 open tag (wx-open-subscribe) and an article's subscribe
// block record, and the one-time subscribe page's.
export { recordConsent, recordLegacyConsent, withdrawConsent } from './commands/consentRecorder.js';
export type { ConsentAnswer, RecordedConsent } from './commands/consentRecorder.js';
export { sendSubscribeNotification } from './commands/notificationSender.js';
