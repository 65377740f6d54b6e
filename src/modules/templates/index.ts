/**
 * The templates module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const wechatRegisterTemplateApis = lazyRoutes(() => import('./wechat.js'), 'registerTemplateApis');
const consoleRegisterTemplateConsoleRoutes = lazyRoutes(() => import('./console.js'), 'registerTemplateConsoleRoutes');
const phoneRegisterTemplatePhoneRoutes = lazyRoutes(() => import('./phone.js'), 'registerTemplatePhoneRoutes');

/** What the server registers for templates. */
export const templatesModule = defineModule({
  name: 'templates',
  routes: {
    wechat: [wechatRegisterTemplateApis],
    console: [consoleRegisterTemplateConsoleRoutes],
    phone: [phoneRegisterTemplatePhoneRoutes],
  },
});

// The public API: what other modules use.
export { SEND_STATUS, sendTemplateMessage } from './commands/templateSender.js';
