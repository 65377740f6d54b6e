/**
 * The revenue module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerRevenueRoutes as consoleRegisterRevenueRoutes } from './console.js';

/** What the server registers for revenue. */
export const revenueModule = defineModule({
  name: 'revenue',
  routes: {
    console: [consoleRegisterRevenueRoutes],
  },
});

// The public API: what other modules use.
export { insertAdEvent, insertDonation, loadAdsCatalog } from './store.js';
export type { DonationRow } from './store.js';
