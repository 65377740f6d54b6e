/**
 * The qrcodes module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerQrCodeRoutes as wechatRegisterQrCodeRoutes } from './wechat/qrcode.js';

/** What the server registers for qrcodes. */
export const qrcodesModule = defineModule({
  name: 'qrcodes',
  routes: {
    wechat: [wechatRegisterQrCodeRoutes],
  },
});

// The public API: what other modules use.
export { scanQr } from './commands/qrScanner.js';
