import type { Services } from '../../main/services.js';
import type { Executor } from '../../platform/db/connect.js';
import type { AccountRow } from '../accounts/index.js';

/**
 * What the jssdk module asks of modules above it (docs/ARCHITECTURE.md, "Module order"),
 * registered by the higher module's manifest (`connect`) so jssdk never imports it.
 */

/** One of the account's subscribe templates, as the phone's subscribe sheet shows it. */
export interface SubscribeSheetTemplate {
  templateId: string;
  title: string;
  longTerm: boolean;
  /** The keywords' names (what the notifications will tell). */
  keywords: string[];
}

/**
 * Subscribe consents (the subscribemsg module): `<wx-open-subscribe>` asks the follower about the
 * account's templates and records the answer (`subscribe_msg_popup_event`, PopupScene 1).
 */
export interface SubscribeConsent {
  /** Whether the account may use subscribe notifications (the capability table). */
  available(account: AccountRow): boolean;
  /** The account's templates among `ids` (unknown ids are left out). */
  templates(db: Executor, accountId: string, ids: readonly string[]): Promise<SubscribeSheetTemplate[]>;
  /** Records the follower's answers in one transaction and queues the popup event (scene 1). */
  record(services: Services, account: AccountRow, userId: string, answers: ReadonlyArray<{ templateId: string; status: 'accept' | 'reject' }>): Promise<{ openid: string }>;
}

let subscribeConsent: SubscribeConsent | undefined;

/** Registers the subscribe consents (the same functions for every instance). */
export function provideSubscribeConsent(port: SubscribeConsent): void {
  subscribeConsent = port;
}

/** The registered subscribe consents; fails loudly when none were registered at boot. */
export function subscribeConsentOf(): SubscribeConsent {
  if (!subscribeConsent) throw new Error('no subscribe consents registered: the subscribemsg module connects them when the services are built');
  return subscribeConsent;
}
