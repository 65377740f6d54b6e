/**
 * The WeChat Pay APIv3 surface (`/v3/...` at the root path, so the signed URL is the one sent):
 * every request's Authorization is verified (WECHATPAY2-SHA256-RSA2048, ±300 s on the Herald
 * clock, each nonce once, the merchant certificate's serial) and every answer, 204 included,
 * is signed with WeChat Pay's key for the merchant; refusals are `{code, message, detail?}` with
 * WeChat Pay's HTTP status (rules/errors.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { parseAuthorization, requestMessage, responseMessage, rsaSign, rsaVerify, SIGNATURE_TYPE } from '../rules/crypto.js';
import { isPayCode, PAY_CODES, payError, type PayCodeName } from '../rules/errors.js';
import { newRequestId, newResponseNonce } from '../rules/ids.js';
import { findMerchantByMchid, rememberNonce, type MerchantRow } from '../store.js';

/** Largest /v3 request body (an order is a few KB). */
export const PAY_BODY_LIMIT = 64 * 1024;
/** How far a request's timestamp may be from the Herald clock. */
export const CLOCK_SKEW_SEC = 300;

export interface PayContext {
  services: Services;
  merchant: MerchantRow;
  /** The raw body as sent (the signed bytes). */
  raw: string;
  params: Record<string, string>;
  query: Record<string, string>;
}

/** A /v3 answer: 200 with a JSON body, 204 without one, or a file (a bill download: not signed). */
export type PayAnswer = { status: 200; body: object } | { status: 204 } | { status: 200; file: Buffer; contentType: string };

export interface PayRoute {
  method: 'GET' | 'POST';
  /** Below /v3. */
  url: string;
  handler(ctx: PayContext): Promise<PayAnswer>;
}

/** Who a request's answer is signed for, and with which of WeChat Pay's serials. */
interface Signer {
  merchant: MerchantRow;
  /** The serial the request asked for (`Wechatpay-Serial`), if it is one of the merchant's. */
  requestSerial: string | undefined;
}

const SIGNER = Symbol('paySigner');
type WithSigner = FastifyRequest & { [SIGNER]?: Signer };

/** Sends an answer: JSON bytes as signed, the Wechatpay-* headers when the merchant is known. */
function send(services: Services, reply: FastifyReply, signer: Signer | undefined, status: number, body: object | undefined, internal: number): FastifyReply {
  const text = body === undefined ? '' : JSON.stringify(body);
  reply.code(status).header('request-id', newRequestId(internal));
  if (signer) {
    const timestamp = String(services.clock.nowSec());
    const nonce = newResponseNonce();
    const m = signer.merchant;
    // The legacy platform certificate's serial when the request named it, else the public key id.
    const serial = signer.requestSerial === m.platformCertSerial ? m.platformCertSerial : m.platformKeyId;
    reply
      .header('wechatpay-serial', serial)
      .header('wechatpay-signature', rsaSign(responseMessage(timestamp, nonce, text), m.platformPrivateKey))
      .header('wechatpay-timestamp', timestamp)
      .header('wechatpay-nonce', nonce)
      .header('wechatpay-signature-type', SIGNATURE_TYPE);
  }
  if (body === undefined) return reply.send();
  return reply.header('content-type', 'application/json; charset=utf-8').send(Buffer.from(text, 'utf8'));
}

/** Answers a refusal in WeChat Pay's shape. */
function refuse(services: Services, reply: FastifyReply, signer: Signer | undefined, code: PayCodeName, message: string, detail?: unknown): FastifyReply {
  const spec = PAY_CODES[code];
  return send(services, reply, signer, spec.status, { code, message, ...(detail ? { detail } : {}) }, spec.internal);
}

function signError(issue: string, extra: Record<string, unknown> = {}): DomainError {
  return payError('SIGN_ERROR', undefined, { field: 'signature', location: 'authorization', detail: { issue }, ...extra });
}

/** Verifies a request's Authorization; the merchant it is from. */
async function authenticate(services: Services, request: FastifyRequest, raw: string): Promise<MerchantRow> {
  const auth = parseAuthorization(typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined);
  if (!auth) throw signError(request.headers.authorization ? 'authorization is malformed' : 'authorization is missing');
  if (!/^\d{10}$/.test(auth.timestamp)) throw signError('timestamp must be 10 digits (Unix seconds)');
  if (!/^[\x21-\x7e]{1,64}$/.test(auth.nonce_str)) throw signError('nonce_str must be 1-64 visible ASCII characters');
  if (auth.mchid.length > 32) throw signError('mchid is too long');
  const merchant = await findMerchantByMchid(services.db, auth.mchid);
  if (!merchant) throw payError('MCH_NOT_EXISTS');
  if (merchant.status !== 'approved') throw payError('NO_AUTH', merchant.status === 'rejected' ? '商户申请已被驳回' : '商户号审核中，尚未开通');
  if (auth.serial_no.toUpperCase() !== merchant.merchantSerial) throw signError('serial_no is not the merchant certificate serial');
  const skew = Math.abs(services.clock.nowSec() - Number(auth.timestamp));
  if (skew > CLOCK_SKEW_SEC) throw signError(`timestamp is ${skew} seconds from WeChat Pay's time (±${CLOCK_SKEW_SEC} allowed)`);
  const message = requestMessage(request.method, request.url, auth.timestamp, auth.nonce_str, raw);
  if (!rsaVerify(message, auth.signature, merchant.merchantPublicKey)) {
    const head = message.length - raw.length - 1;
    throw signError('sign not match', {
      sign_information: { method: request.method, url: request.url.slice(0, 256), sign_message_length: Buffer.byteLength(message), truncated_sign_message: `${message.slice(0, head + Math.min(raw.length, 8))}\n` },
    });
  }
  if (!(await rememberNonce(services.db, merchant.id, auth.nonce_str, services.clock.now()))) throw signError('nonce_str was used before (replay)');
  return merchant;
}

/** Registers the /v3 scope's error and not-found answers (in WeChat Pay's shape). */
export function preparePayScope(scope: FastifyInstance, services: Services): void {
  scope.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
    const signer = (request as WithSigner)[SIGNER];
    if (err instanceof DomainError && isPayCode(err.code)) {
      return refuse(services, reply, signer, err.code, err.message, err.details?.detail);
    }
    if (err.statusCode === 413) return refuse(services, reply, signer, 'PARAM_ERROR', `请求体过大（上限 ${PAY_BODY_LIMIT} 字节）`, { location: 'body', issue: 'body too large' });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return refuse(services, reply, signer, 'PARAM_ERROR', '请求格式错误', { issue: err.message.slice(0, 200) });
    const rid = newRequestId(PAY_CODES.SYSTEM_ERROR.internal);
    services.log.error({ err, rid, url: request.url }, 'unhandled error on a WeChat Pay API');
    return refuse(services, reply, signer, 'SYSTEM_ERROR', '系统错误');
  });
  scope.setNotFoundHandler((request, reply) =>
    refuse(services, reply, undefined, 'NOT_FOUND', `Herald does not serve ${request.method} ${request.url.split('?')[0].slice(0, 120).replace(/[^A-Za-z0-9\-._~/%]/g, '?')} (see docs/PAY.md)`),
  );
}

/** Registers one /v3 API: verify, run the handler, answer signed. */
export function payRoute(scope: FastifyInstance, services: Services, route: PayRoute): void {
  scope.route({
    method: route.method,
    url: route.url,
    bodyLimit: PAY_BODY_LIMIT,
    handler: async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
      const merchant = await authenticate(services, request, raw);
      const asked = request.headers['wechatpay-serial'];
      (request as WithSigner)[SIGNER] = { merchant, requestSerial: typeof asked === 'string' ? asked : undefined };
      const answer = await route.handler({
        services,
        merchant,
        raw,
        params: (request.params ?? {}) as Record<string, string>,
        query: (request.query ?? {}) as Record<string, string>,
      });
      if ('file' in answer) return reply.code(200).header('request-id', newRequestId(0)).header('content-type', answer.contentType).send(answer.file);
      return send(services, reply, (request as WithSigner)[SIGNER], answer.status, answer.status === 200 ? answer.body : undefined, 0);
    },
  });
}
