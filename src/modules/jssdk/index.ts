/**
 * The jssdk module: the phone's in-app browser seen from the server (the same-origin proxy of a
 * developer's page, Herald's jweixin script, wx.config judged, the JS-SDK calls recorded). Its
 * manifest (what the server registers) and its public API. See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const wechatRegisterScriptRoutes = lazyRoutes(() => import('./wechat/scripts.js'), 'registerScriptRoutes');
const wechatRegisterProxyRoutes = lazyRoutes(() => import('./wechat/proxy.js'), 'registerProxyRoutes');
const phoneRegisterJssdkRoutes = lazyRoutes(() => import('./phone.js'), 'registerJssdkPhoneRoutes');
const simRegisterJssdkRoutes = lazyRoutes(() => import('./sim.js'), 'registerJssdkSimRoutes');
const consoleRegisterJssdkRoutes = lazyRoutes(() => import('./console.js'), 'registerJssdkConsoleRoutes');

/** What the server registers for jssdk. */
export const jssdkModule = defineModule({
  name: 'jssdk',
  routes: {
    wechat: [wechatRegisterScriptRoutes, wechatRegisterProxyRoutes],
    phone: [phoneRegisterJssdkRoutes],
    console: [consoleRegisterJssdkRoutes],
    sim: [simRegisterJssdkRoutes],
  },
});

// The public API: the port the subscribemsg module fills (<wx-open-subscribe> records consents there).
export { provideSubscribeConsent } from './ports.js';
export type { SubscribeConsent, SubscribeSheetTemplate } from './ports.js';
