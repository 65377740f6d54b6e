import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { chinaDay } from '../../platform/clock.js';
import { consoleRoute } from '../../surfaces/console/kit.js';
import { readCosts, type CostsView } from './commands/costsReader.js';
import { costsCsv, revenueByMonth, type FeeLine } from './rules.js';

/** A fee line as the console sends it (amounts in fen, times in ISO). */
export function presentLine(l: FeeLine) {
  return { kind: l.kind, appid: l.appid, account_name: l.accountName, detail: l.detail, amount_fen: l.amountFen, status: l.status, at: l.at.toISOString(), invoice_no: l.invoiceNo };
}

/** The costs page as the console sends it. */
export function presentCosts(view: CostsView, nowIso: string) {
  return {
    now: nowIso,
    totals: { paid_fen: view.totals.paidFen, due_fen: view.totals.dueFen, upcoming_fen: view.totals.upcomingFen },
    by_kind: view.byKind.map((k) => ({ kind: k.kind, count: k.count, paid_fen: k.paidFen, due_fen: k.dueFen, upcoming_fen: k.upcomingFen })),
    lines: view.lines.map(presentLine),
    invoices: view.lines.filter((l) => l.invoiceNo !== null).map(presentLine),
    pay_fees: view.payFees.map((m) => ({
      month: m.month,
      mchid: m.mchid,
      merchant_name: m.merchantName,
      appid: m.appid,
      account_name: m.accountName,
      fee_fen: m.feeFen,
      payments_fen: m.paymentsFen,
      payment_count: m.paymentCount,
      refunds_fen: m.refundsFen,
    })),
    api_calls: view.apiCalls.map((c) => ({ month: c.month, appid: c.appid, account_name: c.accountName, calls: c.calls, charge_fen: c.chargeFen })),
    api_rate_fen_per_1000: view.apiRateFenPer1000,
  };
}

/**
 * The costs pages: `GET /console/api/costs` (the signed-in operator's organization: every
 * account's fees paid and owed), `GET /console/api/costs/csv` (the same lines as a CSV file) and
 * `GET /console/api/admin/costs` (the platform's revenue by fee type, platform administrators).
 */
export function registerCostsRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/costs',
    action: 'costs.view',
    async handler({ session }) {
      return { org: { name: session.org.name }, ...presentCosts(await readCosts(services, session.org.id), services.clock.now().toISOString()) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/costs/csv',
    action: 'costs.view',
    async handler({ session, reply }) {
      const view = await readCosts(services, session.org.id);
      const file = `costs-${chinaDay(services.clock.nowMs())}.csv`;
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`);
      return Buffer.from(costsCsv(view.lines, chinaDay), 'utf8');
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/costs',
    action: 'platform.costs',
    async handler() {
      const view = await readCosts(services, null);
      const { by_kind, totals, pay_fees, api_rate_fen_per_1000, now } = presentCosts(view, services.clock.now().toISOString());
      return { mode: services.config.mode, now, totals, by_kind, by_month: revenueByMonth(view.lines), pay_fees, api_rate_fen_per_1000 };
    },
  });
}
