/**
 * The webauth module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const wechatRegisterTicketApis = lazyRoutes(() => import('./wechat/ticket.js'), 'registerTicketApis');
const wechatRegisterSnsApis = lazyRoutes(() => import('./wechat/sns.js'), 'registerSnsApis');
const wechatRegisterAuthorizeRoutes = lazyRoutes(() => import('./wechat/authorize.js'), 'registerAuthorizeRoutes');
const consoleRegisterWebauthRoutes = lazyRoutes(() => import('./console/routes.js'), 'registerWebauthConsoleRoutes');
const phoneRegisterWebSessionRoutes = lazyRoutes(() => import('./phone.js'), 'registerWebSessionRoutes');
const simRegisterWebauthRoutes = lazyRoutes(() => import('./sim.js'), 'registerWebauthSimRoutes');

/** What the server registers for webauth. */
export const webauthModule = defineModule({
  name: 'webauth',
  routes: {
    wechat: [wechatRegisterTicketApis, wechatRegisterSnsApis, wechatRegisterAuthorizeRoutes],
    console: [consoleRegisterWebauthRoutes],
    phone: [phoneRegisterWebSessionRoutes],
    sim: [simRegisterWebauthRoutes],
  },
});

// The public API: what other modules use.
export { jsapiSignature, pageUrl } from './rules/signature.js';
export { findTicket, listDomains, listValidTickets } from './store.js';
export { domainRulesFor, webSettingsOf } from './commands/webSettings.js';
