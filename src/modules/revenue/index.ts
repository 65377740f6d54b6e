/**
 * The revenue module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { provideDonationTotals } from '../articles/index.js';
import { donationsOfArticles } from './store.js';

const consoleRegisterRevenueRoutes = lazyRoutes(() => import('./console.js'), 'registerRevenueRoutes');

/** What the server registers for revenue. */
export const revenueModule = defineModule({
  name: 'revenue',
  routes: {
    console: [consoleRegisterRevenueRoutes],
  },
  // The console's published list (articles, below) shows each article's donations.
  connect: [() => provideDonationTotals(donationsOfArticles)],
});

// The public API: what other modules use.
export { insertAdEvent, insertDonation, loadAdsCatalog } from './store.js';
export type { DonationRow } from './store.js';
