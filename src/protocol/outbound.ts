import http from 'node:http';
import https from 'node:https';

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
  body?: string;
  /** Whole-exchange deadline (connect, send, read). */
  timeoutMs: number;
  /** Bytes of the response body kept; the rest is read and dropped (default 256 KiB). */
  maxResponseBytes?: number;
  /**
   * Connection pool to use (keep-alive; an http.Agent for http: URLs, an https.Agent for
   * https:). Default none: a fresh connection per request.
   */
  agent?: http.Agent;
}

/** An answer with an HTTP status (any status). */
export interface OutboundResponse {
  status: number;
  /** The body as UTF-8, cut to maxResponseBytes. */
  body: string;
  /** True when the body was longer than maxResponseBytes. */
  truncated: boolean;
  latencyMs: number;
}

/** A failed exchange: no HTTP status at all. */
export class OutboundError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'bad_url',
    message: string,
    readonly latencyMs: number,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

/** Sends one request. Resolves with any HTTP status; rejects with OutboundError otherwise. */
export function sendOutbound(req: OutboundRequest): Promise<OutboundResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const cap = req.maxResponseBytes ?? 256 * 1024;
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      reject(new OutboundError('bad_url', `Invalid URL ${req.url}`, 0));
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new OutboundError('bad_url', `Unsupported protocol ${url.protocol}`, 0));
      return;
    }
    const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
    let settled = false;
    const fail = (err: OutboundError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(err);
    };
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
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
    });
    const seconds = req.timeoutMs === 1000 ? '1 second' : req.timeoutMs % 1000 === 0 ? `${req.timeoutMs / 1000} seconds` : `${req.timeoutMs} ms`;
    const timer = setTimeout(() => fail(new OutboundError('timeout', `No answer within ${seconds}`, elapsed())), req.timeoutMs);
    request.on('error', (err: NodeJS.ErrnoException) => {
      fail(new OutboundError('network', `Could not connect to ${where}: ${err.code ?? err.message}`, elapsed()));
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
        fail(new OutboundError('network', `Connection to ${where} broke while reading the answer: ${err.code ?? err.message}`, elapsed()));
      });
      res.on('aborted', () => {
        fail(new OutboundError('network', `Connection to ${where} closed before the answer was complete`, elapsed()));
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), truncated, latencyMs: elapsed() });
      });
    });
    request.end(body);
  });
}
