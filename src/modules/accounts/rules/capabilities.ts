/**
 * The capability table (reference §13): account type × verified → allowed API groups.
 * The WeChat API answers 48001 from it, the console hides what cannot be used from it,
 * and docs print it. Nowhere else decides what an account type may do.
 */
export type AccountType = 'subscription' | 'service';

export const CAPABILITIES = {
  basic: { label: 'access_token, server IPs, receive messages/events, passive reply', sub: [true, true], svc: [true, true] },
  menu: { label: 'Custom menu (create/get/delete)', sub: [false, true], svc: [true, true] },
  menu_conditional: { label: 'Personalized menu', sub: [false, true], svc: [false, true] },
  kf: { label: 'Customer-service API (send, kf management, sessions, records)', sub: [false, true], svc: [false, true] },
  mass_tag: { label: 'Mass send by tag/all; preview; delete; get', sub: [false, true], svc: [false, true] },
  mass_openid: { label: 'Mass send to openid list', sub: [false, false], svc: [false, true] },
  template: { label: 'Template messages; subscribe notifications', sub: [false, false], svc: [false, true] },
  user: { label: 'User management (tags, remark, user/info, user/get, blacklist)', sub: [false, true], svc: [false, true] },
  location: { label: 'User location (LOCATION event)', sub: [false, false], svc: [false, true] },
  oauth: { label: 'OAuth web authorization', sub: [false, false], svc: [false, true] },
  qrcode: { label: 'Parametric QR codes; short links', sub: [false, false], svc: [false, true] },
  material: { label: 'Materials (temporary and permanent), drafts', sub: [false, true], svc: [false, true] },
  publish: { label: 'Publishing (freepublish)', sub: [false, true], svc: [false, true] },
  comment: { label: 'Article comments (open, close, list, feature, delete, reply)', sub: [false, true], svc: [false, true] },
  datacube: { label: 'Datacube', sub: [false, true], svc: [false, true] },
  jssdk_basic: { label: 'JS-SDK basic/image/audio/location/scan', sub: [true, true], svc: [true, true] },
  jssdk_share: { label: 'JS-SDK share', sub: [false, true], svc: [false, true] },
  miniprogram_link: { label: 'Mini program links (wxopen: link, list, unlink)', sub: [true, true], svc: [true, true] },
} as const satisfies Record<string, { label: string; sub: readonly [boolean, boolean]; svc: readonly [boolean, boolean] }>;

export type Capability = keyof typeof CAPABILITIES;

export interface AccountKind {
  type: AccountType | string;
  verified: boolean;
  /** When the yearly verification runs out (null: no known end). */
  verifiedUntil?: Date | null;
}

/**
 * Whether the account is verified at `nowMs`: verification ends the moment `verifiedUntil`
 * passes, before anything records the expiry. Without `nowMs` the stored flag is taken as it is.
 */
export function verifiedAt(account: AccountKind, nowMs?: number): boolean {
  if (!account.verified) return false;
  if (nowMs === undefined || !account.verifiedUntil) return true;
  return account.verifiedUntil.getTime() > nowMs;
}

/** Whether an account of this type and verification may use a capability group (at `nowMs`, when given). */
export function can(account: AccountKind, capability: Capability, nowMs?: number): boolean {
  const row = CAPABILITIES[capability];
  const cols = account.type === 'service' ? row.svc : row.sub;
  return cols[verifiedAt(account, nowMs) ? 1 : 0];
}

/** Every capability with whether the account has it (for the console and docs). */
export function capabilityList(account: AccountKind, nowMs?: number): { capability: Capability; label: string; allowed: boolean }[] {
  return (Object.keys(CAPABILITIES) as Capability[]).map((c) => ({
    capability: c,
    label: CAPABILITIES[c].label,
    allowed: can(account, c, nowMs),
  }));
}

/** The capabilities an account of this type has only while verified (what expiry takes away). */
export function verifiedOnly(type: AccountType | string): Capability[] {
  return (Object.keys(CAPABILITIES) as Capability[]).filter((c) => {
    const cols = type === 'service' ? CAPABILITIES[c].svc : CAPABILITIES[c].sub;
    return cols[1] && !cols[0];
  });
}

/**
 * The six ways an account uses a linked mini program (commerce §1.4; the seed's table): service
 * accounts have all six, subscription accounts three (menu, article, auto-reply and
 * customer-service cards). Columns as above: [unverified, verified]. The miniprograms module
 * reads this table before it checks the link itself; nothing else decides it.
 */
export const MINIPROGRAM_INTEGRATIONS = {
  menu: { label: 'Menu button opening a mini program', sub: [true, true], svc: [true, true] },
  article: { label: 'Mini program cards and links in articles', sub: [true, true], svc: [true, true] },
  reply: { label: 'Mini program cards in auto-replies and customer-service messages', sub: [true, true], svc: [true, true] },
  profile: { label: 'Linked mini programs on the account profile', sub: [false, false], svc: [true, true] },
  notification: { label: 'Template messages and subscribe notifications opening a mini program', sub: [false, false], svc: [true, true] },
  payment: { label: 'Back to a mini program after a WeChat Pay payment', sub: [false, false], svc: [true, true] },
} as const satisfies Record<string, { label: string; sub: readonly [boolean, boolean]; svc: readonly [boolean, boolean] }>;

export type MiniProgramIntegration = keyof typeof MINIPROGRAM_INTEGRATIONS;

/** Whether an account of this type and verification may use a linked mini program this way. */
export function canIntegrate(account: AccountKind, integration: MiniProgramIntegration): boolean {
  const row = MINIPROGRAM_INTEGRATIONS[integration];
  return (account.type === 'service' ? row.svc : row.sub)[account.verified ? 1 : 0];
}

/**
 * Restrictions with an end time: the penalty side of the capability table (governance §7.2;
 * modules/enforcement writes them through `updateAccountStanding`). An account's `restrictions` map a restriction to the moment it ends (ISO);
 * a restriction whose end has passed no longer applies, so nothing has to run for it to lift
 * (time travel included). Pure: the WeChat kit, the OAuth page and the phone search read it.
 */

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
