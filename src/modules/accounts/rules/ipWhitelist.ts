/**
 * The IP whitelist rule for getting an access_token (reference §1, 40164). Pure: parsing,
 * canonical forms and matching, no I/O.
 *
 * Entries are single addresses (IPv4 `1.2.3.4`, IPv6 `2001:db8::1`) or CIDR ranges
 * (`10.0.0.0/8`, `2001:db8::/32`). IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) are treated as
 * the IPv4 address they carry, so a dual-stack socket matches IPv4 entries.
 */

/** The most entries an account's whitelist may hold (WeChat's backend allows 200). */
export const MAX_WHITELIST_ENTRIES = 200;

/** A parsed address: version and its bits as an unsigned integer. */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

/** A parsed whitelist entry: a network (address with host bits cleared) and its prefix length. */
export interface WhitelistEntry {
  version: 4 | 6;
  network: bigint;
  prefix: number;
  /** Canonical text: `1.2.3.4`, `10.0.0.0/8`, `2001:db8::1`, `2001:db8::/32`. */
  canonical: string;
}

const BITS = { 4: 32, 6: 128 } as const;
const MAX_TEXT = 64; // the longest IPv6 CIDR text is 49 characters

function parseIpv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    // Decimal only, no leading zeros (leading zeros mean octal to some parsers: ambiguous).
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIpv6(s: string): bigint | null {
  if (s.length === 0 || s.includes('%')) return null; // zone ids name an interface, not an address
  let tail: bigint | null = null;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    tail = parseIpv4(s.slice(lastColon + 1));
    if (tail === null) return null;
    text = `${s.slice(0, lastColon + 1)}0:0`; // the dotted tail fills the last two groups
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (h: string): string[] | null => (h === '' ? [] : h.split(':'));
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !rest) return null;
  const given = head.length + rest.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return null;
  const groups = [...head, ...Array<string>(8 - given).fill('0'), ...rest];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail !== null) v = (v & ~0xffffffffn) | tail;
  return v;
}

/**
 * Parses an IPv4 or IPv6 address in its usual text form. IPv4-mapped IPv6 addresses come back as
 * IPv4. Returns null for anything else (host names, zone ids, shorthand like `1.2.3`).
 */
export function parseIp(text: string): IpAddress | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return null;
  if (!text.includes(':')) {
    const v4 = parseIpv4(text);
    return v4 === null ? null : { version: 4, value: v4 };
  }
  const v6 = parseIpv6(text);
  if (v6 === null) return null;
  // ::ffff:a.b.c.d (top 96 bits are 0...0ffff) is an IPv4 address on a dual-stack socket.
  if (v6 >> 32n === 0xffffn) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

function formatIpv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => ((v >> s) & 0xffn).toString()).join('.');
}

function formatIpv6(v: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (first on a tie) of two or more zero groups.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** The canonical text of an address (lowercase, compressed IPv6, mapped IPv6 shown as IPv4). */
export function formatIp(ip: IpAddress): string {
  return ip.version === 4 ? formatIpv4(ip.value) : formatIpv6(ip.value);
}

/**
 * Parses one whitelist entry: an address or a CIDR range. A range's host bits are cleared
 * (`10.1.2.3/8` is `10.0.0.0/8`), as most tools do. Returns null when the entry is not valid.
 */
export function parseWhitelistEntry(text: string): WhitelistEntry | null {
  if (typeof text !== 'string') return null;
  const s = text.trim();
  if (s.length === 0 || s.length > MAX_TEXT) return null;
  const slash = s.indexOf('/');
  const addrText = slash < 0 ? s : s.slice(0, slash);
  const ip = parseIp(addrText);
  if (!ip) return null;
  const bits: number = BITS[ip.version];
  let prefix = bits;
  if (slash >= 0) {
    const p = s.slice(slash + 1);
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return null;
    prefix = Number(p);
    // A mapped address written with an IPv6 prefix (::ffff:1.2.3.0/120) counts in IPv6 bits.
    if (ip.version === 4 && addrText.includes(':')) prefix -= 96;
    if (prefix < 0 || prefix > bits) return null;
  }
  const hostBits = BigInt(bits - prefix);
  const network = (ip.value >> hostBits) << hostBits;
  const addr = formatIp({ version: ip.version, value: network });
  return { version: ip.version, network, prefix, canonical: prefix === bits ? addr : `${addr}/${prefix}` };
}

/** Whether an address falls inside a whitelist entry. */
export function entryContains(entry: WhitelistEntry, ip: IpAddress): boolean {
  if (entry.version !== ip.version) return false;
  const hostBits = BigInt(BITS[ip.version] - entry.prefix);
  return (ip.value >> hostBits) << hostBits === entry.network;
}

/**
 * Whether `clientIp` may get an access_token under `whitelist`.
 *
 * An empty whitelist means no restriction: WeChat enforces the whitelist only once the developer
 * has configured one, and new accounts start without. Entries that do not parse (stored by an older
 * version, say) match nothing; an address that does not parse never matches a non-empty list.
 */
export function ipAllowed(whitelist: readonly string[], clientIp: string): boolean {
  if (whitelist.length === 0) return true;
  const ip = parseIp(clientIp);
  if (!ip) return false;
  for (const text of whitelist) {
    const entry = parseWhitelistEntry(text);
    if (entry && entryContains(entry, ip)) return true;
  }
  return false;
}

/**
 * Validates and normalises a whole whitelist: each entry parsed and written canonically, blank
 * lines dropped, duplicates (after normalisation) removed, order kept.
 */
export function normaliseWhitelist(
  entries: readonly unknown[],
): { ok: true; entries: string[] } | { ok: false; bad: string; reason: 'invalid' | 'too_many' } {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of entries) {
    if (typeof raw === 'string' && raw.trim() === '') continue;
    const entry = typeof raw === 'string' ? parseWhitelistEntry(raw) : null;
    if (!entry) return { ok: false, bad: typeof raw === 'string' ? raw : String(raw), reason: 'invalid' };
    if (seen.has(entry.canonical)) continue;
    seen.add(entry.canonical);
    out.push(entry.canonical);
    if (out.length > MAX_WHITELIST_ENTRIES) return { ok: false, bad: entry.canonical, reason: 'too_many' };
  }
  return { ok: true, entries: out };
}
