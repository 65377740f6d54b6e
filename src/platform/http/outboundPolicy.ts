import dns from 'node:dns';
import net from 'node:net';

/**
 * The outbound policy: every URL Herald fetches on a user's behalf (callback URL verification,
 * pushes, and later OAuth redirect checks, Pay notify URLs, store callbacks) is admitted here
 * first. The host is resolved once; every address it resolves to must be public (or inside the
 * operator's allow-list); the connection is then pinned to the checked address, so a name that
 * resolves differently a moment later (DNS rebinding) cannot move the request elsewhere.
 *
 * In emulator mode everything is admitted (calling a developer server on loopback is the point);
 * the address is still resolved once and pinned.
 */

/** A resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (dns.lookup by default; tests inject their own). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The policy's answer for one URL: the address to connect to, or why not. */
export type Admission = ResolvedAddress | { refused: 'not_allowed' | 'unresolvable' };

/** What sendOutbound consults before connecting. */
export interface OutboundPolicy {
  /** True when private and reserved addresses are refused (platform mode). */
  readonly strict: boolean;
  admit(url: URL): Promise<Admission>;
}

export interface OutboundPolicyOptions {
  /** Platform mode: refuse non-public addresses outside `allow`. */
  strict: boolean;
  /** CIDRs (or single addresses) admitted even when private: HERALD_CALLBACK_ALLOW. */
  allow?: string[];
  resolve?: Resolver;
}

// Not public: special-purpose registries (RFC 6890 and successors), CGNAT, cloud metadata
// (169.254.169.254 is in link-local; fd00:ec2::254 in unique-local).
const BLOCKED_V4 = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15',
  '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
];
const BLOCKED_V6 = [
  '::/128', '::1/128', '100::/64', '2001::/23', '2001:db8::/32', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8',
  // Prefixes that carry an IPv4 address are checked on the embedded address instead (below).
];

function blockListOf(cidrs: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const c of cidrs) {
    const [addr, bits] = c.split('/');
    const type = net.isIPv6(addr) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return list;
}

const blockedV4 = blockListOf(BLOCKED_V4);
const blockedV6 = blockListOf(BLOCKED_V6);

/** Expands an IPv6 address to its eight 16-bit groups. */
function groupsOf(v6: string): number[] {
  let s = v6.toLowerCase().replace(/%.*$/, '');
  // A trailing dotted IPv4 becomes two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    s = s.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}

/**
 * The IPv4 address an IPv6 address carries, if it is of a kind that reaches IPv4: mapped
 * (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::).
 */
export function embeddedIPv4(v6: string): string | undefined {
  const g = groupsOf(v6);
  if (g.length !== 8 || g.some((x) => Number.isNaN(x))) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4(g[6], g[7]);
  if (zeros(0, 6) && (g[6] !== 0 || g[7] > 1)) return v4(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6], g[7]);
  if (g[0] === 0x2002) return v4(g[1], g[2]);
  return undefined;
}

/** True when an address (IPv4 or IPv6, any embedded IPv4 included) is not a public one. */
export function isNonPublicAddress(address: string): boolean {
  if (net.isIPv4(address)) return blockedV4.check(address, 'ipv4') || address === '255.255.255.255';
  if (!net.isIPv6(address)) return true;
  const inner = embeddedIPv4(address);
  if (inner !== undefined) return isNonPublicAddress(inner);
  return blockedV6.check(address.replace(/%.*$/, ''), 'ipv6');
}

/** Parses an allow-list (CIDRs or addresses); throws on an entry that is neither. */
export function parseAllowList(entries: string[]): net.BlockList {
  for (const e of entries) {
    const [addr, bits, extra] = e.split('/');
    const max = net.isIPv4(addr) ? 32 : net.isIPv6(addr) ? 128 : -1;
    const ok = max > 0 && extra === undefined && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max));
    if (!ok) throw new Error(`'${e}' is not an address or CIDR`);
  }
  return blockListOf(entries);
}

function allowedBy(list: net.BlockList, address: string): boolean {
  if (net.isIPv4(address)) return list.check(address, 'ipv4');
  const inner = embeddedIPv4(address);
  return list.check(address, 'ipv6') || (inner !== undefined && list.check(inner, 'ipv4'));
}

const systemResolver: Resolver = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** The policy for a mode: strict (platform) or open (emulator). */
export function createOutboundPolicy(opts: OutboundPolicyOptions): OutboundPolicy {
  const allow = parseAllowList(opts.allow ?? []);
  const resolve = opts.resolve ?? systemResolver;
  const admitted = (a: string) => !opts.strict || !isNonPublicAddress(a) || allowedBy(allow, a);
  return {
    strict: opts.strict,
    async admit(url) {
      // The WHATWG URL parser has already turned 127.1, 2130706433, 0x7f000001 and 0177.0.0.1
      // into 127.0.0.1, and bracketed IPv6 into its canonical form.
      const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
      let addresses: ResolvedAddress[];
      if (net.isIP(host)) addresses = [{ address: host, family: net.isIPv6(host) ? 6 : 4 }];
      else {
        try {
          addresses = await resolve(host);
        } catch {
          return { refused: 'unresolvable' };
        }
      }
      if (addresses.length === 0) return { refused: 'unresolvable' };
      // Every address must pass: a name with one public and one private address is refused.
      if (!addresses.every((a) => admitted(a.address))) return { refused: 'not_allowed' };
      return addresses[0];
    },
  };
}
