import type { Executor } from '../../platform/db/connect.js';

/**
 * What the articles module asks of modules above it (docs/ARCHITECTURE.md, "Module order"),
 * registered by the higher module's manifest (`connect`) so articles never imports it.
 */

/** Paid donations per article (fen), keyed by article id (the revenue module: a query, no state). */
export type DonationTotals = (db: Executor, articleIds: readonly string[]) => Promise<Map<string, number>>;

let donationTotals: DonationTotals | undefined;

/** Registers the donation totals query (the same pure query for every instance). */
export function provideDonationTotals(query: DonationTotals): void {
  donationTotals = query;
}

/** The registered query; fails loudly when none was registered at boot. */
export function donationTotalsOf(): DonationTotals {
  if (!donationTotals) throw new Error('no donation totals registered: the revenue module connects them when the services are built');
  return donationTotals;
}
