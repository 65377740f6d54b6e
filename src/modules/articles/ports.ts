import type { SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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

/** The latest push post that carried a news group: its msg_id, status and when it went (or goes) out. */
export interface GroupPush {
  msgId: number;
  status: string;
  at: Date;
}

/** What the push posts (the broadcasts module, whose table points at news groups) tell articles about groups. */
export interface GroupPushes {
  /**
   * The rows of push posts and previews carrying the news group whose id is `groupId`, as a
   * subquery of the caller's statement: an expired media/uploadnews group is kept while it has any.
   */
  carrying(db: Executor, groupId: AnyPgColumn): SQLWrapper;
  /** The latest push post (not cancelled, not stopped) that carried each group, keyed by group id (the published list). */
  latest(db: Executor, groupIds: readonly string[]): Promise<Map<string, GroupPush>>;
}

let groupPushes: GroupPushes | undefined;

/** Registers what the push posts tell about news groups (the same pure queries for every instance). */
export function provideGroupPushes(queries: GroupPushes): void {
  groupPushes = queries;
}

/** The registered queries; fails loudly when none were registered at boot. */
export function groupPushesOf(): GroupPushes {
  if (!groupPushes) throw new Error('no group pushes registered: the broadcasts module connects them when the services are built');
  return groupPushes;
}
