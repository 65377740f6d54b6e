import type { Services } from '../../../main/services.js';
import type { AccountRow } from '../../accounts/index.js';
import { DOMAIN_KINDS, domainLimit, type DomainKind } from '../rules/domains.js';
import type { OauthGrantRow, WebDomainRow, WebSettingsRow } from '../store.js';
import { verifyContent } from '../commands/domainSetter.js';

/** The account's web domains page (设置与开发 → 功能设置). */
export function presentWebDomains(account: AccountRow, settings: WebSettingsRow, rows: WebDomainRow[], mode: Services['config']['mode']) {
  const of = (kind: DomainKind) =>
    rows.filter((r) => r.kind === kind).map((r) => ({ domain: r.domain, verified_at: r.verifiedAt ? r.verifiedAt.toISOString() : null }));
  return {
    verify_file: settings.verifyFile,
    verify_content: verifyContent(settings.verifyFile),
    /** Whether WeChat's rules apply (platform mode always; emulator when switched on). */
    strict: mode !== 'emulator' || settings.strictDomains,
    strict_switch: settings.strictDomains,
    mode,
    kinds: DOMAIN_KINDS.map((kind) => ({ kind, limit: domainLimit(kind, account), domains: of(kind) })),
  };
}
export type WebDomainsView = ReturnType<typeof presentWebDomains>;

/** One authorization attempt (who, when, scope, result). */
export function presentGrant(g: OauthGrantRow & { nickname: string | null }) {
  return {
    id: g.id,
    at: g.at.toISOString(),
    nickname: g.nickname,
    openid: g.openid,
    scope: g.scope,
    result: g.result,
    errcode: g.errcode === null ? null : Number(g.errcode),
    redirect_host: g.redirectHost,
  };
}
export type WebGrantView = ReturnType<typeof presentGrant>;
