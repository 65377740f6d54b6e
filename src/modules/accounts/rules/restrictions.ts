/**
 * Restrictions with an end time (modules/enforcement writes them through `updateAccountStanding`;
 * governance §7.2). An account's `restrictions` map a restriction to the moment it ends (ISO);
 * a restriction whose end has passed no longer applies, so nothing has to run for it to lift
 * (time travel included). Pure: the WeChat kit, the OAuth page and the phone search read it.
 */
import type { Capability } from './capabilities.js';

/**
 * Each restriction, the capability groups it closes and what the WeChat API answers meanwhile:
 * 48004 `api forbidden for irregularities` for a banned interface, 53500 `publish banned` for
 * publishing, 50002 `user limited` for user management. `search` hides the account from the
 * phone's search; `account` (a suspension) closes every API (48004) and the OAuth page (10004).
 */
export const RESTRICTIONS = {
  broadcast: { capabilities: ['mass_tag', 'mass_openid'], errcode: 48004 },
  template: { capabilities: ['template'], errcode: 48004 },
  kf: { capabilities: ['kf'], errcode: 48004 },
  publish: { capabilities: ['publish'], errcode: 53500 },
  user: { capabilities: ['user'], errcode: 50002 },
  oauth: { capabilities: ['oauth'], errcode: 48004 },
  search: { capabilities: [], errcode: 48004 },
  account: { capabilities: [], errcode: 48004 },
} as const satisfies Record<string, { capabilities: readonly Capability[]; errcode: number }>;

export type Restriction = keyof typeof RESTRICTIONS;

export const RESTRICTION_IDS = Object.keys(RESTRICTIONS) as Restriction[];

/** Restriction → when it ends (ISO 8601). */
export type Restrictions = Partial<Record<Restriction, string>>;

/** Whether `restriction` applies at `nowMs` (a malformed end applies: refusing is the safe side). */
export function restrictedAt(restrictions: Restrictions | null | undefined, restriction: Restriction, nowMs: number): boolean {
  const end = restrictions?.[restriction];
  if (typeof end !== 'string') return false;
  const ms = Date.parse(end);
  return Number.isNaN(ms) || ms > nowMs;
}

/** The restrictions in force at `nowMs`, with their ends. */
export function activeRestrictions(restrictions: Restrictions | null | undefined, nowMs: number): Array<{ restriction: Restriction; until: string }> {
  return RESTRICTION_IDS.filter((r) => restrictedAt(restrictions, r, nowMs)).map((r) => ({ restriction: r, until: restrictions?.[r] as string }));
}

/**
 * What the WeChat API answers an account calling an API of `capability` at `nowMs`: null when no
 * restriction stands in the way, else the errcode (a suspension closes every API).
 */
export function restrictionRefusal(restrictions: Restrictions | null | undefined, capability: Capability | undefined, nowMs: number): number | null {
  if (restrictedAt(restrictions, 'account', nowMs)) return RESTRICTIONS.account.errcode;
  if (!capability) return null;
  for (const r of RESTRICTION_IDS) {
    const row = RESTRICTIONS[r];
    if ((row.capabilities as readonly Capability[]).includes(capability) && restrictedAt(restrictions, r, nowMs)) return row.errcode;
  }
  return null;
}
