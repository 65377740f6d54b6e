import { lookup } from 'node:dns/promises';
import { connect } from 'node:net';
import { parseIp, formatIp } from '../../accounts/rules/ipWhitelist.js';

export type CheckAction = 'dns' | 'ping' | 'all';
export type CheckOperator = 'CHINANET' | 'UNICOM' | 'CAP' | 'DEFAULT';

export interface DnsResult {
  ip: string;
  real_operator: string;
}

export interface PingResult {
  ip: string;
  from_operator: string;
  /** "0%" when the server answered, "100%" when it did not. */
  package_loss: string;
  /** Round-trip time, e.g. "0.412ms". */
  time: string;
}

export interface CallbackCheckResult {
  dns: DnsResult[];
  ping: PingResult[];
}

const PROBE_TIMEOUT_MS = 1500;
const LOOKUP_TIMEOUT_MS = 1500;

function isLoopback(ip: string): boolean {
  const parsed = parseIp(ip);
  if (!parsed) return false;
  return parsed.version === 4 ? parsed.value >> 24n === 127n : parsed.value === 1n;
}

function isLocalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

/**
 * The addresses of the callback server's host. A literal address is taken as is; `localhost`
 * names are resolved (they never leave the machine). Any other name is not resolved: a lookup
 * would query resolvers off this machine, and the check must not send traffic elsewhere.
 */
async function addressesOf(host: string): Promise<string[]> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const literal = parseIp(bare);
  if (literal) return [formatIp(literal)];
  if (!isLocalName(bare)) return [];
  const found = await Promise.race([
    lookup(bare, { all: true }).catch(() => []),
    new Promise<[]>((resolve) => setTimeout(() => resolve([]), LOOKUP_TIMEOUT_MS).unref()),
  ]);
  const out: string[] = [];
  for (const a of found) {
    const p = parseIp(a.address);
    const text = p ? formatIp(p) : a.address;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** One TCP handshake with the callback server: Herald's stand-in for WeChat's ping. */
function probe(ip: string, port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host: ip, port });
    const done = (ms: number | null) => {
      socket.destroy();
      resolve(ms);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(null));
    socket.once('connect', () => done(performance.now() - started));
    socket.once('error', () => done(null));
  });
}

/**
 * Checks the account's callback server the way /cgi-bin/callback/check reports it: the addresses
 * its host resolves to (dns) and whether each answers (ping). Only loopback addresses are probed,
 * by opening a TCP connection to the server's port; other addresses are listed under dns but not
 * contacted, so the check never sends traffic off this machine. Without a configured server both
 * lists are empty.
 */
export async function checkCallbackServer(
  serverUrl: string | null,
  action: CheckAction,
  operator: CheckOperator,
): Promise<CallbackCheckResult> {
  const result: CallbackCheckResult = { dns: [], ping: [] };
  if (!serverUrl) return result;
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return result;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return result;
  const addresses = await addressesOf(url.hostname);
  if (action === 'dns' || action === 'all') {
    result.dns = addresses.map((ip) => ({ ip, real_operator: operator }));
  }
  if (action === 'ping' || action === 'all') {
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    for (const ip of addresses.filter(isLoopback)) {
      const ms = await probe(ip, port);
      result.ping.push({
        ip,
        from_operator: operator,
        package_loss: ms === null ? '100%' : '0%',
        time: ms === null ? '0ms' : `${ms.toFixed(3)}ms`,
      });
    }
  }
  return result;
}
