/**
 * The console's WeChat Pay records of the account's merchant: transactions, refunds,
 * settlements (with filters; `format=csv` exports what the filter shows) and the day's bill
 * files (trade, fund flow) as WeChat Pay serves them.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';
import { merchantOf } from '../commands/merchantSettings.js';
import { chinaDayStart, FUND_ACCOUNT_TYPES, parseBillDate, TRADE_BILL_TYPES, yuan } from '../rules/bills.js';
import type { MerchantRow } from '../store.js';
import { basicBalance, fundFlowBill, tradeBill } from './files.js';
import { presentOrderLine, presentRefundLine, presentSettlement } from './presenters.js';
import { listOrders, listRefunds, listSettlements } from './store.js';

const DAY_MS = 86_400_000;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => parseBillDate(d, 'v3') !== undefined, 'must be a real date (yyyy-MM-dd)');
const listQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  state: z.enum(['NOTPAY', 'USERPAYING', 'PAYERROR', 'SUCCESS', 'REFUND', 'CLOSED', 'PROCESSING']).optional(),
  q: z.string().trim().min(1).max(64).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** Rows to skip: the page's start (the JSON answer says whether more follow in `has_more`). */
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const billQuery = z.strictObject({
  kind: z.enum(['trade', 'fundflow']).default('trade'),
  type: z.enum([...TRADE_BILL_TYPES, ...FUND_ACCOUNT_TYPES]).optional(),
});

/** The account's merchant with this mchid (another account's is not found). */
async function ownMerchant(services: Services, session: Parameters<typeof accountInScope>[1], appid: string, mchid: string): Promise<MerchantRow> {
  const account = await accountInScope(services, session, appid);
  const { merchant } = await merchantOf(services, mchid);
  if (merchant.accountId !== account.id) throw new DomainError('not_found', `No merchant ${mchid.slice(0, 32)}.`);
  return merchant;
}

/** A CSV cell (RFC 4180 quoting; a leading = + - @ is neutralised so spreadsheets do not run it). */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csv(reply: FastifyReply, name: string, rows: readonly Record<string, unknown>[], columns: readonly string[]): Buffer {
  reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`);
  return Buffer.from(`\uFEFF${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`, 'utf8');
}

const range = (q: { from?: string; to?: string }) => ({
  ...(q.from ? { fromMs: chinaDayStart(q.from) } : {}),
  ...(q.to ? { toMs: chinaDayStart(q.to) + DAY_MS } : {}),
});

export function registerPayBillsConsoleRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/pay/merchants/:mchid/transactions',
    action: 'pay.view',
    query: listQuery,
    async handler({ session, params, query, reply }) {
      const m = await ownMerchant(services, session, params.appid, params.mchid);
      const found = await listOrders(services.db, m.id, { ...range(query), state: query.state, q: query.q, limit: query.limit + 1, offset: query.offset });
      const rows = found.slice(0, query.limit).map(presentOrderLine);
      if (query.format === 'csv') {
        const money = rows.map((r) => ({ ...r, total: yuan(r.total), refunded: yuan(r.refunded) }));
        return csv(reply, `transactions-${m.mchid}`, money, ['created_at', 'out_trade_no', 'transaction_id', 'appid', 'trade_type', 'api', 'trade_state', 'description', 'total', 'refunded', 'payer_openid', 'success_time']);
      }
      return { transactions: rows, has_more: found.length > query.limit };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/pay/merchants/:mchid/refunds',
    action: 'pay.view',
    query: listQuery,
    async handler({ session, params, query, reply }) {
      const m = await ownMerchant(services, session, params.appid, params.mchid);
      const found = await listRefunds(services.db, m.id, { ...range(query), state: query.state, q: query.q, limit: query.limit + 1, offset: query.offset });
      const rows = found.slice(0, query.limit).map((r) => presentRefundLine(r.refund, r.order));
      if (query.format === 'csv') {
        const money = rows.map((r) => ({ ...r, amount: yuan(r.amount), total: yuan(r.total) }));
        return csv(reply, `refunds-${m.mchid}`, money, ['created_at', 'out_refund_no', 'refund_id', 'out_trade_no', 'transaction_id', 'api', 'status', 'amount', 'total', 'reason', 'success_time']);
      }
      return { refunds: rows, has_more: found.length > query.limit };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/pay/merchants/:mchid/settlements',
    action: 'pay.view',
    query: listQuery,
    async handler({ session, params, query, reply }) {
      const m = await ownMerchant(services, session, params.appid, params.mchid);
      const found = await listSettlements(services.db, m.id, { fromDay: query.from, toDay: query.to, limit: query.limit + 1, offset: query.offset });
      const rows = found.slice(0, query.limit).map(presentSettlement);
      if (query.format === 'csv') {
        const money = rows.map((r) => ({ ...r, payments: yuan(r.payments), refunds: yuan(r.refunds), fee: yuan(r.fee), net: yuan(r.net) }));
        return csv(reply, `settlements-${m.mchid}`, money, ['trade_date', 'payment_count', 'payments', 'refund_count', 'refunds', 'fee_rate', 'fee', 'net', 'settled_at']);
      }
      // The basic account's balance now: what came in and is not paid out yet (T+1).
      return { settlements: rows, has_more: found.length > query.limit, balance: await basicBalance(services.db, m, services.clock.nowMs() + 1) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/pay/merchants/:mchid/bills/:day',
    action: 'pay.view',
    query: billQuery,
    async handler({ session, params, query, reply }) {
      const m = await ownMerchant(services, session, params.appid, params.mchid);
      const date = parseBillDate(params.day ?? '', 'v3');
      if (!date) throw new DomainError('invalid_request', 'The day must be yyyy-MM-dd.', { fields: [{ path: 'day', message: 'must be yyyy-MM-dd' }] });
      const text = query.kind === 'trade'
        ? await tradeBill(services.db, m, date, (TRADE_BILL_TYPES as readonly string[]).includes(query.type ?? 'ALL') ? ((query.type ?? 'ALL') as 'ALL') : 'ALL')
        : await fundFlowBill(services.db, m, date, (FUND_ACCOUNT_TYPES as readonly string[]).includes(query.type ?? 'BASIC') ? ((query.type ?? 'BASIC') as 'BASIC') : 'BASIC');
      if (text === undefined) throw new DomainError('not_found', `No ${query.kind === 'trade' ? 'trade' : 'fund-flow'} bill for ${date}: nothing was paid or refunded that day.`);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${query.kind}bill-${m.mchid}-${date}.csv"`);
      return Buffer.from(text, 'utf8');
    },
  });
}
