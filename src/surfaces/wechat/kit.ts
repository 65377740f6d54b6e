import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Services } from '../../main/services.js';
import type { AccountRow } from '../../modules/accounts/store/accounts.js';
import { can, type Capability } from '../../modules/accounts/rules/capabilities.js';
import { dailyLimit } from './quotas.js';
import { DomainError } from '../../platform/errors.js';
import { errmsgOf, refusal } from '../../protocol/errcodes.js';
import { newRid } from '../../protocol/rid.js';

export const JSON_CONTENT_TYPE = 'application/json; encoding=utf-8';

/** A binary answer (media downloads, QR images). */
export class WxBinary {
  constructor(
    readonly body: Buffer,
    readonly contentType: string,
    readonly filename?: string,
  ) {}
}

export interface WxContext<Body = unknown> {
  services: Services;
  rid: string;
  /** The account the access_token belongs to (auth: 'token' only). */
  account: AccountRow;
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
  /** The path as WeChat serves it, e.g. /cgi-bin/menu/create. */
  path: string;
  /** Methods accepted. The first is the documented one; a method not listed answers 43001/43002. */
  methods: Array<'GET' | 'POST'>;
  /** 'token' requires ?access_token (41001/40001/40014/42001); 'none' is public (token endpoints). */
  auth: 'token' | 'none';
  /** Capability group checked against the account (48001). Required with auth 'token'. */
  capability?: Capability;
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
  /** Maximum body size in bytes (default 1 MiB); larger bodies answer 45002-style errors. */
  maxBody?: number;
  /** Also shown in docs/COMPATIBILITY.md. */
  summary?: string;
  handler(ctx: WxContext<Body>): Promise<object | WxBinary | string>;
}

/** Every WeChat API registered, for the compatibility table and its test. */
export const registeredApis: Array<Pick<WxApi, 'path' | 'methods' | 'auth' | 'capability' | 'summary'>> = [];

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
  if (!registeredApis.some((r) => r.path === api.path)) registeredApis.push({ path: api.path, methods: api.methods, auth: api.auth, capability: api.capability, summary: api.summary });
  const countQuota = api.quota ?? api.auth === 'token';
  const bodyMode = api.body ?? (api.methods.length === 1 && api.methods[0] === 'POST' ? 'json' : 'optional-json');
  const maxBody = api.maxBody ?? 1024 * 1024;

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
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
      let account: AccountRow | undefined;
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
        if (api.capability && !can(account, api.capability)) throw refusal(48001);
        if (countQuota && !(await quotas.take(account.id, api.path, dailyLimit(api.path)))) throw refusal(45009);
      }
      let body: unknown = undefined;
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
        account: account as AccountRow,
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
      if (result.filename) reply.header('content-disposition', `attachment; filename="${result.filename}"`);
      responseText = `<${result.contentType}, ${result.body.length} bytes>`;
      reply.code(200).send(result.body);
    } else if (typeof result === 'string') {
      responseText = result;
      reply.code(200).header('content-type', 'text/plain; charset=utf-8').send(result);
    } else {
      responseText = JSON.stringify(result);
      reply.code(200).header('content-type', JSON_CONTENT_TYPE).send(Buffer.from(responseText, 'utf8')); // a Buffer keeps WeChat's exact Content-Type (Fastify rewrites it for strings)
    }
    requestLog.record({
      rid,
      accountId,
      invokedAt,
      costMs: Math.round(performance.now() - started),
      method: request.method,
      requestUrl: redactUrl(request.url),
      requestBody:
        rawBody.length > 0 && bodyMode !== 'raw' ? redactBody(rawBody.toString('utf8')) : rawBody.length > 0 ? `<${rawBody.length} bytes>` : '',
      responseBody: responseText,
      errcode,
      clientIp: clientIpOf(request),
    });
    return reply;
  };

  app.route({ method: [...ROUTED_METHODS], url: api.path, handler: handle });
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

/** Hides secrets in a logged URL (secret=, appsecret=). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:secret|appsecret)=)[^&]*/gi, '$1***');
}

/**
 * Hides secrets in a logged request body: JSON string fields `secret`/`appsecret` (stable_token,
 * clear_quota/v2) and form-encoded `secret=`/`appsecret=`. The AppSecret is never stored in clear.
 */
export function redactBody(text: string): string {
  return text
    .replace(/("(?:secret|appsecret)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, '$1***"')
    .replace(/(^|&)((?:secret|appsecret)=)[^&]*/gi, '$1$2***');
}
