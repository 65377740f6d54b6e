import type { Services } from '../../../main/services.js';
import type { AccountRow } from '../../accounts/index.js';
import { DomainError } from '../../../platform/errors.js';
import { OutboundError, sendOutbound } from '../../../protocol/outbound.js';
import { DEFAULT_DOMAIN_EDITS_PER_MONTH, domainLimit, domainsChanged, editAllowed, formatDomainEntry, parseDomainEntry, verifyFileUrl, type DomainEntry, type DomainKind } from '../rules/domains.js';
import { countDomainEdits, insertDomainEdit, listDomains, replaceDomains, setStrictDomains } from '../store.js';
import { nextChinaMonthStart } from '../../../platform/clock.js';
import { domainRulesFor, webSettingsOf } from './webSettings.js';

/** WeChat waits a few seconds for the MP_verify file. */
const VERIFY_TIMEOUT_MS = 5000;

/** The 16 characters the MP_verify file holds (its name without `MP_verify_` and `.txt`). */
export const verifyContent = (file: string) => file.slice('MP_verify_'.length, -'.txt'.length);

/**
 * The ownership check: GET `<domain>[/<path>]/MP_verify_<16>.txt` through the outbound policy
 * (https first, then http), whose body must be the 16 characters.
 */
async function checkOwnership(services: Pick<Services, 'outbound'>, entry: DomainEntry, file: string): Promise<void> {
  const expected = verifyContent(file);
  let lastProblem = 'unreachable';
  for (const scheme of ['https', 'http'] as const) {
    try {
      const res = await sendOutbound({ method: 'GET', url: verifyFileUrl(entry, file, scheme), timeoutMs: VERIFY_TIMEOUT_MS, maxResponseBytes: 1024, guard: services.outbound });
      if (res.status === 200 && res.body.trim() === expected) return;
      lastProblem = res.status === 200 ? 'wrong_content' : 'http_status';
    } catch (err) {
      if (!(err instanceof OutboundError)) throw err;
      lastProblem = err.kind === 'refused' ? 'not_allowed' : 'unreachable';
    }
  }
  throw new DomainError('domain_unverified', `${formatDomainEntry(entry)}/${file} could not be verified`, { at: 'domains', domain: formatDomainEntry(entry), reason: lastProblem });
}

/**
 * Saves an account's domains of one kind (设置与开发 → 账号设置 → 功能设置). Each entry is judged by
 * the account's domain rules; at most 2 web authorization domains, 5 JS safe or business domains
 * for a service account (3 otherwise). A new entry must serve the account's MP_verify file unless
 * the emulator is told to skip the check. Entries kept from before keep their verification.
 * A save that changes the list counts against the month's edits (3 per natural month, China time,
 * by the Herald clock; `countEdits: false` for the simulator's fixtures): the next one is refused
 * with `domain_edit_limit` (details: limit, kind, next_month_at).
 */
export async function setDomains(
  services: Pick<Services, 'db' | 'clock' | 'config' | 'outbound'>,
  account: AccountRow,
  kind: DomainKind,
  input: readonly string[],
  opts: { skipVerification?: boolean; countEdits?: boolean } = {},
): Promise<void> {
  const settings = await webSettingsOf(services, account.id);
  const rules = domainRulesFor(services.config.mode, settings);
  const entries: DomainEntry[] = [];
  for (const [i, text] of input.entries()) {
    const parsed = parseDomainEntry(text, kind, rules);
    if ('problem' in parsed) throw new DomainError('invalid_domain', `Entry ${i + 1} is not a domain Herald accepts (${parsed.problem}).`, { at: `domains.${i}`, reason: parsed.problem });
    if (!entries.some((e) => formatDomainEntry(e) === formatDomainEntry(parsed))) entries.push(parsed);
  }
  const limit = domainLimit(kind, account);
  if (entries.length > limit) throw new DomainError('too_many_domains', `At most ${limit} domains.`, { at: 'domains', limit });
  const skip = opts.skipVerification === true && services.config.mode === 'emulator';
  const before = new Map((await listDomains(services.db, account.id, kind)).map((d) => [d.domain, d.verifiedAt]));
  const changed = domainsChanged([...before.keys()], entries.map(formatDomainEntry));
  if (!changed) return;
  const countEdits = opts.countEdits !== false;
  const perMonth = services.config.webAuth?.domainEditsPerMonth ?? DEFAULT_DOMAIN_EDITS_PER_MONTH;
  const nowMs = services.clock.nowMs();
  const nextMonth = nextChinaMonthStart(nowMs);
  // The natural month (China time) that holds now: from the previous month's end to nextMonth.
  const monthStart = new Date(nextChinaMonthStart(monthBefore(nextMonth)));
  if (countEdits && !editAllowed(await countDomainEdits(services.db, account.id, kind, monthStart), perMonth)) {
    throw new DomainError('domain_edit_limit', `Domains of this kind can be changed at most ${perMonth} times a month.`, {
      at: 'domains',
      kind,
      limit: perMonth,
      next_month_at: new Date(nextMonth).toISOString(),
    });
  }
  const rows: Array<{ domain: string; verifiedAt: Date | null }> = [];
  for (const entry of entries) {
    const domain = formatDomainEntry(entry);
    if (before.has(domain)) {
      rows.push({ domain, verifiedAt: before.get(domain) ?? null });
      continue;
    }
    if (!skip) await checkOwnership(services, entry, settings.verifyFile);
    rows.push({ domain, verifiedAt: skip ? null : services.clock.now() });
  }
  await services.db.transaction(async (tx) => {
    await replaceDomains(tx, account.id, kind, rows, services.clock.now());
    if (countEdits) await insertDomainEdit(tx, account.id, kind, services.clock.now());
  });
}

/** An instant in the natural month before the one that starts at `monthStartMs` (its last day). */
const monthBefore = (monthStartMs: number) => monthStartMs - 40 * 86_400_000;

/** The "strict WeChat domain rules" switch (emulator mode; platform mode is always strict). */
export async function setStrictRules(services: Pick<Services, 'db'>, account: AccountRow, strict: boolean): Promise<void> {
  await webSettingsOf(services, account.id);
  await setStrictDomains(services.db, account.id, strict);
}
