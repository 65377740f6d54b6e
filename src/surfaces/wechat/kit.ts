import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, preParsingHookHandler } from 'fastify';
import type { z } from 'zod';
import type { Services } from '../../main/services.js';
import type { TokenCache } from './tokenCache.js';
import { can, restrictionRefusal } from '../../modules/accounts/rules/capabilities.js';
import { apiEntry, dailyLimit, type ApiEntry } from './apiTable/index.js';
import { DomainError } from '../../platform/errors.js';
import { errmsgOf, refusal } from '../../protocol/errcodes.js';
import { newRid } from '../../protocol/rid.js';
import { maskUrl, redactBody as redactLoggedBody } from './requestLog.js';
import { contentDisposition } from '../../platform/http/contentDisposition.js';

export const JSON_CONTENT_TYPE = 'application/json; encoding=utf-8';

/**
 * JSON as WeChat writes it: a bigint is a bare number (template and subscribe `msgid` are 64-bit,
 * above 2^53: co-wechat-api reads them with json-bigint; a string or a rounded double would not be
 * WeChat's answer).
 */
export function toWxJson(value: unknown): string {
  // The common answer has no bigint: a replacer function would slow every answer's stringify, so
  // it runs only for answers that hold one at the top level (msgid) or fail the plain stringify.
  if (!hasTopLevelBigint(value)) {
    try {
      return JSON.stringify(value);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
    }
  }
  const big: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `\u0000bigint:${big.push(v.toString()) - 1}\u0000` : v));
  return big.length === 0 ? text : text.replace(/"\\u0000bigint:(\d+)\\u0000"/g, (_m, i: string) => big[Number(i)]);
}

function hasTopLevelBigint(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] === 'bigint') return true;
  return false;
}

/** A binary answer (media downloads, QR images). */
export class WxBinary {
  constructor(
    readonly body: Buffer,
    readonly contentType: string,
    readonly filename?: string,
  ) {}
}

/** The account an access_token belongs to: whatever the accounts module's lookup returns. */
export type WechatAccount = Services['tokens'] extends TokenCache<infer A> ? A : never;

export interface WxContext<Body = unknown> {
  services: Services;
  rid: string;
  /** The account the access_token belongs to (auth: 'token' only). */
  account: WechatAccount;
  query: Record<string, string>;
  /** The parsed JSON body (body: 'json'), or undefined. */
  body: Body;
  /** The raw body bytes (every POST). */
  rawBody: Buffer;
  clientIp: string;
  request: FastifyRequest;
  /** Set to attribute a token-less request (token, stable_token) to an account in the rid log. */
  attribute(accountId: string): void;
}

export interface WxApi<Body = unknown> {
  /**
   * The path as WeChat serves it, e.g. /cgi-bin/menu/create. Its entry in the API table
   * (apiTable/) gives the capability (48001), the daily limit (45009) and the summary.
   */
  path: string;
  /** Methods accepted. The first is the documented one; a method not listed answers 43001/43002. */
  methods: Array<'GET' | 'POST'>;
  /** 'token' requires ?access_token (41001/40001/40014/42001); 'none' is public (token endpoints). */
  auth: 'token' | 'none';
  /** Counts the call against the per-API daily quota (45009). Default true with auth 'token'. */
  quota?: boolean;
  /**
   * How the POST body is read: 'json' parses JSON (44002 empty, 47001 invalid); 'optional-json'
   * allows an empty body; 'raw' leaves it to the handler (multipart uploads). Default 'json' for
   * POST-only APIs, 'optional-json' otherwise.
   */
  body?: 'json' | 'optional-json' | 'raw';
  /** A zod schema for the JSON body; a mismatch answers `invalidBody` (default 47001). */
  schema?: z.ZodType<Body>;
  invalidBody?: number;
  /**
   * Maximum body size in bytes (default 1 MiB), enforced while the body streams in: a larger
   * body is not read and the chain answers `tooLarge` at its body step.
   */
  maxBody?: number;
  /** The errcode of a body over maxBody (default 45002 content size out of limit); uploads answer their size errcodes. */
  tooLarge?: (query: Record<string, string>) => number;
  handler(ctx: WxContext<Body>): Promise<object | WxBinary | string>;
}

/** A registered WeChat API: its methods and auth, with its table entry's capability and summary. */
export type RegisteredApi = Pick<WxApi, 'path' | 'methods' | 'auth'> & Pick<ApiEntry, 'capability' | 'summary'>;

/** Every WeChat API registered, for the compatibility table and its test. */
export const registeredApis: RegisteredApi[] = [];

/**
 * The table entry of a path Herald registers a route for. A path without an entry, or one the
 * table says is not implemented, is a programming error: registration fails.
 */
export function implementedEntry(path: string): ApiEntry {
  const entry = apiEntry(path);
  if (!entry) throw new Error(`${path} has no entry in the WeChat API table (src/surfaces/wechat/apiTable)`);
  if (entry.status !== 'implemented') throw new Error(`${path} is registered but the WeChat API table says "${entry.status}"`);
  return entry;
}

/** Lists a route registered outside defineApi (showqrcode) with the APIs. */
export function listApi(api: Pick<WxApi, 'path' | 'methods' | 'auth'>): void {
  const entry = implementedEntry(api.path);
  if (!registeredApis.some((r) => r.path === api.path)) registeredApis.push({ ...api, capability: entry.capability, summary: entry.summary });
}

/**
 * Every method a WeChat API path answers. Methods an API does not accept still reach the handler
 * so they answer WeChat's 43001/43002 JSON instead of a bare 404.
 */
const ROUTED_METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

function clientIpOf(req: FastifyRequest): string {
  const ip = req.ip ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

function queryOf(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const q = (req.query ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(q)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  return out;
}

/**
 * Registers a WeChat-compatible API. The chain is the same for every API: request id, method,
 * access_token, capability, quota, body, handler, response formatting and the rid log. Business
 * errors are HTTP 200 `{errcode, errmsg}` with `rid:` appended to errmsg: a DomainError with an
 * errcode is answered with it (errmsg from the errcode table, then its hint); anything else is -1.
 */
export function defineApi<Body = unknown>(app: FastifyInstance, services: Services, api: WxApi<Body>): void {
  const entry = implementedEntry(api.path);
  if (entry.capability === 'unlisted') throw new Error(`${api.path}: give it a capability in the WeChat API table before serving it`);
  listApi(api);
  const capability = entry.capability === 'none' ? undefined : entry.capability;
  const limit = dailyLimit(api.path);
  const countQuota = api.quota ?? api.auth === 'token';
  const bodyMode = api.body ?? (api.methods.length === 1 && api.methods[0] === 'POST' ? 'json' : 'optional-json');
  const maxBody = api.maxBody ?? 1024 * 1024;

  const handle = async (request: FastifyRequest, reply: FastifyReply, tooLarge = false) => {
    const { clock, requestLog, tokens, quotas } = services;
    const started = performance.now();
    const invokedAt = clock.now();
    const rid = newRid(invokedAt.getTime());
    const query = queryOf(request);
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    let accountId: string | null = null;
    let result: object | WxBinary | string;
    let errcode = 0;

    try {
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      if (!api.methods.includes(method as 'GET' | 'POST')) {
        throw refusal(api.methods.includes('GET') ? 43001 : 43002);
      }
      let account: WechatAccount | undefined;
      if (api.auth === 'token') {
        const token = query.access_token;
        if (!token) throw refusal(41001);
        if (token.length > 1024 || !/^[\w\-.~+/=*]+$/.test(token)) throw refusal(40014);
        const resolved = await tokens.resolve(token, clock.nowMs());
        // A known but unusable token still names its account, so the developer can look up the
        // 42001/40001 answer with openapi/rid/get once they have a fresh token.
        if (resolved.accountId) accountId = resolved.accountId;
        if (resolved.state === 'expired') throw refusal(42001);
        if (resolved.state !== 'valid' || !resolved.account) throw refusal(40001);
        account = resolved.account;
        accountId = account.id;
        if (account.status === 'banned') throw refusal(48004);
        // A penalty with an end time (suspension, a banned interface): WeChat's answer until it ends.
        const restricted = restrictionRefusal(account.restrictions, capability, clock.nowMs());
        if (restricted !== null) throw refusal(restricted);
        if (capability && !can(account, capability, clock.nowMs())) throw refusal(48001);
        if (countQuota && !(await quotas.take(account.id, api.path, limit))) throw refusal(45009);
      }
      let body: unknown = undefined;
      if (tooLarge) {
        const code = api.tooLarge?.(query) ?? 45002;
        throw refusal(code);
      }
      if (method === 'POST' && bodyMode !== 'raw') {
        if (rawBody.length > maxBody) throw refusal(45002);
        const text = rawBody.toString('utf8').trim();
        if (text.length === 0) {
          if (bodyMode === 'json') throw refusal(44002);
        } else {
          try {
            body = JSON.parse(text);
          } catch {
            throw refusal(47001);
          }
          // PostgreSQL can store neither NUL nor lone UTF-16 surrogates: refuse both here, once,
          // with WeChat's answer to bad \uxxxx escapes, instead of failing deep inside a handler.
          if (text.includes('\\u0000') || (/\\u[dD][89a-fA-F]/.test(text) && hasIllFormedString(body))) throw refusal(40033);
        }
      }
      if (api.schema && (method === 'POST' || body !== undefined)) {
        const parsed = api.schema.safeParse(body ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const hint = issue && issue.path.length > 0 ? `data.${issue.path.join('.')}` : undefined;
          throw refusal(api.invalidBody ?? 47001, { hint });
        }
        body = parsed.data;
      }
      result = await api.handler({
        services,
        rid,
        account: account as WechatAccount,
        query,
        body: body as Body,
        rawBody,
        clientIp: clientIpOf(request),
        request,
        attribute: (id) => {
          accountId = id;
        },
      });
    } catch (err) {
      if (err instanceof DomainError && err.errcode !== undefined) {
        errcode = err.errcode;
        result = { errcode, errmsg: `${errmsgOf(errcode, err)} rid: ${rid}`, ...(err.extra ?? {}) };
      } else {
        services.log.error({ err, rid, path: api.path }, 'wechat api failed');
        errcode = -1;
        result = { errcode: -1, errmsg: `system error rid: ${rid}` };
      }
    }

    let responseText: string;
    reply.header('x-herald-rid', rid);
    if (result instanceof WxBinary) {
      reply.header('content-type', result.contentType);
      if (result.filename) reply.header('content-disposition', contentDisposition('attachment', result.filename));
      responseText = `<${result.contentType}, ${result.body.length} bytes>`;
      reply.code(200).send(result.body);
    } else if (typeof result === 'string') {
      responseText = result;
      reply.code(200).header('content-type', 'text/plain; charset=utf-8').send(result);
    } else {
      responseText = toWxJson(result);
      reply.code(200).header('content-type', JSON_CONTENT_TYPE).send(Buffer.from(responseText, 'utf8')); // a Buffer keeps WeChat's exact Content-Type (Fastify rewrites it for strings)
    }
    requestLog.record({
      rid,
      accountId,
      invokedAt,
      costMs: Math.round(performance.now() - started),
      method: request.method,
      // As received: the log masks the token and secrets (lazily, for successful calls).
      requestUrl: request.url,
      requestBody: rawBody.length > 0 && bodyMode !== 'raw' ? rawBody.toString('utf8') : rawBody.length > 0 ? `<${rawBody.length} bytes>` : '',
      responseBody: responseText,
      errcode,
      clientIp: clientIpOf(request),
    });
    return reply;
  };

  app.route({
    method: [...ROUTED_METHODS],
    url: api.path,
    bodyLimit: maxBody,
    // A body that may be large is read only once the access_token is known to be good.
    ...(api.auth === 'token' ? { preParsing: skipBodyUnlessAuthorized(services) } : {}),
    handler: (request, reply) => handle(request, reply),
    // A body over the limit is refused unread; the chain still answers (token errors first).
    errorHandler: (err: Error & { code?: string }, request, reply) => {
      if (err.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw err;
      // Node discards the rest of the body without buffering it; closing at once instead would
      // reset the connection under the client's feet and lose the answer.
      reply.removeHeader('connection');
      return handle(request, reply, true);
    },
  });
}

/** Bodies up to this size are read without checking the token first (no cost on small calls). */
const READ_BEFORE_AUTH_BYTES = 64 * 1024;

/**
 * preParsing: for a body that is large or of unknown length (chunked), checks the access_token
 * before a byte is read. A missing or unusable token replaces the body with an empty stream: the
 * chain answers the token error as usual, at once, and Node discards whatever the client still
 * sends (read and dropped, never buffered).
 */
function skipBodyUnlessAuthorized(services: Services): preParsingHookHandler {
  // A callback hook: it runs on every call of a token API, and a small body (most of them) passes
  // through at once without a promise.
  return (request, _reply, payload, done) => {
    const declared = Number(request.headers['content-length']);
    const chunked = request.headers['transfer-encoding'] !== undefined;
    if (!chunked && !(declared > READ_BEFORE_AUTH_BYTES)) return done(null, payload);
    const token = queryOf(request).access_token;
    const check = token && token.length <= 1024 ? services.tokens.resolve(token, services.clock.nowMs()).then((r) => r.state === 'valid') : Promise.resolve(false);
    check.then(
      (usable) => {
        if (usable) return done(null, payload);
        const empty = Readable.from([]) as Readable & { receivedEncodedLength?: number };
        // Fastify compares what was read with Content-Length; nothing was, on purpose.
        if (Number.isFinite(declared)) empty.receivedEncodedLength = declared;
        done(null, empty);
      },
      (err: Error) => done(err),
    );
  };
}

/** Whether a parsed JSON value holds a string with a lone surrogate (not valid UTF-16). */
function hasIllFormedString(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!(v as string & { isWellFormed(): boolean }).isWellFormed()) return true;
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (!(k as string & { isWellFormed(): boolean }).isWellFormed()) return true;
        stack.push(x);
      }
    }
  }
  return false;
}

/** Hides credentials in a logged URL (access_token=, secret=, appsecret=). */
export const redactUrl = maskUrl;

/** Hides secrets in a logged request body (the request log's mask). */
export const redactBody = redactLoggedBody;
