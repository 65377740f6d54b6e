/**
 * The qrcodes module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const wechatRegisterQrCodeRoutes = lazyRoutes(() => import('./wechat/qrcode.js'), 'registerQrCodeRoutes');
const simRegisterScanRoutes = lazyRoutes(() => import('./sim.js'), 'registerScanRoutes');

/** What the server registers for qrcodes. */
export const qrcodesModule = defineModule({
  name: 'qrcodes',
  routes: {
    wechat: [wechatRegisterQrCodeRoutes],
    sim: [simRegisterScanRoutes],
  },
});

// The public API: what other modules use.
export { previewQr, scanQr } from './commands/qrScanner.js';
