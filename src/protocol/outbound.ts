import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';

/**
 * The one HTTP client Herald uses to reach developer servers (URL verification and pushes).
 * node:http rather than fetch so a timeout destroys the socket at once, the response is read
 * up to a byte cap, and connection errors keep their system code (ECONNREFUSED ...), which the
 * operator sees verbatim.
 */
export interface OutboundRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Whole-exchange deadline (connect, send, read). */
  timeoutMs: number;
  /** Bytes of the response body kept; the rest is read and dropped (default 256 KiB). */
  maxResponseBytes?: number;
  /**
   * Connection pool to use (keep-alive; an http.Agent for http: URLs, an https.Agent for
   * https:). Default none: a fresh connection per request.
   */
  agent?: http.Agent;
  /**
   * Admits the target before connecting (src/platform/http/outboundPolicy.ts): the host is
   * resolved once and the connection pinned to the admitted address. A strict guard also makes
   * connection failures one generic message, so the answer cannot map a network.
   */
  guard?: OutboundGuard;
}

/** The outbound policy as the client sees it (structural, so protocol imports no platform code). */
export interface OutboundGuard {
  readonly strict: boolean;
  admit(url: URL): Promise<{ address: string; family: 4 | 6 } | { refused: 'not_allowed' | 'unresolvable' }>;
}

/** What a refused target is told: the same words whatever the address was. */
export const NOT_ALLOWED_MESSAGE = 'This address is not allowed: Herald does not call loopback, private, link-local or reserved addresses.';
/** A strict guard's one message for every connection failure. */
export const UNREACHABLE_MESSAGE = 'Your server could not be reached.';

/** An answer with an HTTP status (any status). */
export interface OutboundResponse {
  status: number;
  /** The body as UTF-8, cut to maxResponseBytes. */
  body: string;
  /** True when the body was longer than maxResponseBytes. */
  truncated: boolean;
  latencyMs: number;
  /** The answer's headers (lowercase names), for callers that read them (the in-app browser's proxy). */
  headers: http.IncomingHttpHeaders;
  /** The body's bytes as received, cut to maxResponseBytes (pictures stay intact). */
  bytes: Buffer;
}

/** A failed exchange: no HTTP status at all. */
export class OutboundError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'bad_url' | 'refused',
    message: string,
    readonly latencyMs: number,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

/**
 * Sends one request. Resolves with any HTTP status (redirects are answers, never followed);
 * rejects with OutboundError otherwise.
 */
export async function sendOutbound(req: OutboundRequest): Promise<OutboundResponse> {
  const started = performance.now();
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw new OutboundError('bad_url', `Invalid URL ${req.url}`, 0);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError('bad_url', `Unsupported protocol ${url.protocol}`, 0);
  let pinned: { address: string; family: 4 | 6 } | undefined;
  if (req.guard) {
    const admission = await req.guard.admit(url);
    const spent = Math.round(performance.now() - started);
    if ('refused' in admission) {
      throw admission.refused === 'not_allowed' || req.guard.strict
        ? new OutboundError(admission.refused === 'not_allowed' ? 'refused' : 'network', admission.refused === 'not_allowed' ? NOT_ALLOWED_MESSAGE : UNREACHABLE_MESSAGE, spent)
        : new OutboundError('network', `Could not resolve ${url.hostname}`, spent);
    }
    pinned = admission;
  }
  return exchange(req, url, started, pinned);
}

function exchange(req: OutboundRequest, url: URL, started: number, pinned: { address: string; family: 4 | 6 } | undefined): Promise<OutboundResponse> {
  const elapsed = () => Math.round(performance.now() - started);
  const cap = req.maxResponseBytes ?? 256 * 1024;
  const generic = req.guard?.strict === true;
  return new Promise((resolve, reject) => {
    const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
    let settled = false;
    const fail = (err: OutboundError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(err);
    };
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
    const lib = url.protocol === 'https:' ? https : http;
    const request = lib.request(url, {
      method: req.method,
      headers: {
        'user-agent': 'Mozilla/4.0',
        accept: '*/*',
        ...(req.headers ?? {}),
        ...(body ? { 'content-length': String(body.length) } : {}),
      },
      agent: req.agent ?? false,
      // The connection goes to the admitted address; Host and SNI keep the URL's name.
      ...(pinned ? { lookup: pinnedLookup(pinned) } : {}),
    });
    const seconds = req.timeoutMs === 1000 ? '1 second' : req.timeoutMs % 1000 === 0 ? `${req.timeoutMs / 1000} seconds` : `${req.timeoutMs} ms`;
    const timer = setTimeout(() => fail(new OutboundError('timeout', `No answer within ${seconds}`, elapsed())), req.timeoutMs);
    request.on('error', (err: NodeJS.ErrnoException) => {
      fail(new OutboundError('network', generic ? UNREACHABLE_MESSAGE : `Could not connect to ${where}: ${err.code ?? err.message}`, elapsed()));
    });
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      let truncated = false;
      res.on('data', (chunk: Buffer) => {
        if (kept >= cap) {
          truncated = true;
          return;
        }
        const room = cap - kept;
        if (chunk.length > room) truncated = true;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        chunks.push(part);
        kept += part.length;
      });
      res.on('error', (err: NodeJS.ErrnoException) => {
        fail(new OutboundError('network', generic ? UNREACHABLE_MESSAGE : `Connection to ${where} broke while reading the answer: ${err.code ?? err.message}`, elapsed()));
      });
      res.on('aborted', () => {
        fail(new OutboundError('network', generic ? UNREACHABLE_MESSAGE : `Connection to ${where} closed before the answer was complete`, elapsed()));
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: bytes.toString('utf8'), truncated, latencyMs: elapsed(), headers: res.headers, bytes });
      });
    });
    request.end(body);
  });
}

/** A `lookup` for net.connect that answers the admitted address whatever it is asked. */
function pinnedLookup(pinned: { address: string; family: 4 | 6 }): LookupFunction {
  return (_hostname, options, callback) => {
    const cb = callback as (err: null, address: string | LookupAddress[], family?: number) => void;
    if (options?.all) cb(null, [{ address: pinned.address, family: pinned.family }]);
    else cb(null, pinned.address, pinned.family);
  };
}
