/**
 * APIv3 bills (reference §6.1): `GET /v3/bill/tradebill`, `GET /v3/bill/fundflowbill` answer
 * `{hash_type: SHA1, hash_value, download_url}`; the download URL (`/v3/billdownload/file`, a
 * signed GET like any other) serves the file unsigned, gzipped when `tar_type=GZIP` (the hash
 * is over the file before compression).
 */
import type { FastifyInstance } from 'fastify';
import { gzipSync } from 'node:zlib';
import type { Services } from '../../../main/services.js';
import { billAvailability, FUND_ACCOUNT_TYPES, parseBillDate, TRADE_BILL_TYPES, type FundAccountType, type TradeBillType } from '../rules/bills.js';
import { paramError, payError } from '../rules/errors.js';
import { payRoute, type PayContext } from '../wechat/kit.js';
import { billHash, billToken, DOWNLOAD_TTL_MS, fundFlowBill, readBillToken, tradeBill, type BillToken } from './files.js';

function query(ctx: PayContext, name: string, max = 64): string | undefined {
  const v = ctx.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > max) throw paramError(name, 'is not valid');
  return v;
}

function billDay(ctx: PayContext): string {
  const text = query(ctx, 'bill_date');
  if (!text) throw payError('PARAM_ERROR', '输入源“/query/bill_date”映射到字段“账单日期”必填性规则校验失败，此字段为必填项', { field: 'bill_date', location: 'query' });
  const day = parseBillDate(text, 'v3');
  if (!day) throw paramError('bill_date', 'must be yyyy-MM-dd', '账单日期格式错误');
  const state = billAvailability(day, ctx.services.clock.nowMs());
  if (state === 'creating') throw payError('STATEMENT_CREATING');
  if (state === 'gone') throw payError('NO_STATEMENT_EXIST', '账单日期超出可下载范围（仅可下载三个月内、次日9点后生成的账单）');
  return day;
}

function tarType(ctx: PayContext): boolean {
  const t = query(ctx, 'tar_type');
  if (t !== undefined && t !== 'GZIP') throw paramError('tar_type', 'must be GZIP');
  return t === 'GZIP';
}

async function fileOf(services: Services, ctx: PayContext, t: BillToken): Promise<string | undefined> {
  return t.kind === 'trade'
    ? tradeBill(services.db, ctx.merchant, t.day, t.type as TradeBillType)
    : fundFlowBill(services.db, ctx.merchant, t.day, t.type as FundAccountType);
}

/** Answers a bill request: its hash and a download URL, or NO_STATEMENT_EXIST for a day without one. */
async function describe(services: Services, ctx: PayContext, t: Omit<BillToken, 'expMs'>) {
  const token = { ...t, expMs: services.clock.nowMs() + DOWNLOAD_TTL_MS };
  const text = await fileOf(services, ctx, token);
  if (text === undefined) throw payError('NO_STATEMENT_EXIST');
  const base = services.config.publicUrl.replace(/\/$/, '');
  return {
    hash_type: 'SHA1',
    hash_value: billHash(text),
    download_url: `${base}/v3/billdownload/file?token=${billToken(ctx.merchant, token)}`,
  };
}

/** Registers the bill paths in the /v3 scope. */
export function registerBillApis(scope: FastifyInstance, services: Services): void {
  payRoute(scope, services, {
    method: 'GET',
    url: '/bill/tradebill',
    handler: async (ctx) => {
      const day = billDay(ctx);
      const type = (query(ctx, 'bill_type') ?? 'ALL') as TradeBillType;
      if (!TRADE_BILL_TYPES.includes(type)) throw paramError('bill_type', 'must be ALL, SUCCESS or REFUND', '账单类型错误');
      if (query(ctx, 'sub_mchid') !== undefined) throw paramError('sub_mchid', 'is for service providers', '非法的额外参数');
      return { status: 200, body: await describe(services, ctx, { kind: 'trade', day, type, gzip: tarType(ctx) }) };
    },
  });

  payRoute(scope, services, {
    method: 'GET',
    url: '/bill/fundflowbill',
    handler: async (ctx) => {
      const day = billDay(ctx);
      const type = (query(ctx, 'account_type') ?? 'BASIC') as FundAccountType;
      if (!FUND_ACCOUNT_TYPES.includes(type)) throw paramError('account_type', 'must be BASIC, OPERATION or FEES', '资金账户类型错误');
      return { status: 200, body: await describe(services, ctx, { kind: 'fundflow', day, type, gzip: tarType(ctx) }) };
    },
  });

  payRoute(scope, services, {
    method: 'GET',
    url: '/billdownload/file',
    handler: async (ctx) => {
      const token = query(ctx, 'token', 512) ?? '';
      const t = readBillToken(ctx.merchant, token, services.clock.nowMs());
      if (!t) throw payError('INVALID_REQUEST', '下载链接已失效，请重新获取');
      const text = await fileOf(services, ctx, t);
      if (text === undefined) throw payError('NO_STATEMENT_EXIST');
      const bytes = Buffer.from(text, 'utf8');
      return t.gzip
        ? { status: 200, file: gzipSync(bytes), contentType: 'application/x-gzip' }
        : { status: 200, file: bytes, contentType: 'text/plain; charset=utf-8' };
    },
  });
}
