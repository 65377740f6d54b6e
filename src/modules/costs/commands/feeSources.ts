import { chinaMonth } from '../../../platform/clock.js';
import { transactionFeesByMonth } from '../../pay/index.js';
import { verificationFees } from '../../verification/index.js';
import { migrationFees } from '../../lifecycle/index.js';
import { apiCharge, type FeeLine } from '../rules.js';
import type { FeeSource } from '../ports.js';
import { apiCallsByMonth } from '../store.js';

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The first instant of a China month (yyyy-MM). */
export function monthStart(month: string): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS);
}

/** 微信认证 and 年审: invoices paid and due, and the renewal each verified account pays before its end. */
const verificationSource: FeeSource = {
  kind: 'verification',
  async lines(services, orgId) {
    const fees = await verificationFees(services.db, services.config, orgId);
    return fees.map((f): FeeLine => ({
      kind: f.kind,
      appid: f.appid,
      accountName: f.accountName,
      detail: '',
      amountFen: f.amountFen,
      status: f.status,
      at: f.at,
      invoiceNo: f.invoiceNo,
    }));
  },
};

/** 账号迁移: each migration's review fee, paid or due (waived fees and unpaid ones of a cancelled migration are not owed). */
const migrationSource: FeeSource = {
  kind: 'migration',
  async lines(services, orgId) {
    const fees = await migrationFees(services.db, orgId);
    return fees
      .filter((f) => f.feeStatus === 'paid' || (f.feeStatus === 'unpaid' && f.status !== 'cancelled'))
      .map((f): FeeLine => ({ kind: 'migration', appid: f.appid, accountName: f.accountName, detail: '', amountFen: f.feeFen, status: f.feeStatus === 'paid' ? 'paid' : 'due', at: f.appliedAt, invoiceNo: null }));
  },
};

/** WeChat Pay's transaction fees (手续费): deducted at each settlement, so paid, one line per merchant and month. */
const payFeeSource: FeeSource = {
  kind: 'pay_fee',
  async lines(services, orgId) {
    const months = await transactionFeesByMonth(services.db, orgId);
    return months
      .filter((m) => m.feeFen !== 0)
      .map((m): FeeLine => ({ kind: 'pay_fee', appid: m.appid, accountName: m.accountName, detail: `${m.month} ${m.mchid}`, amountFen: m.feeFen, status: 'paid', at: monthStart(m.month), invoiceNo: null }));
  },
};

/**
 * API charges at the configured rate (HERALD_API_CHARGE_FEN_PER_1000_CALLS; 0, WeChat's practice,
 * charges nothing and lists nothing): one line per account and month, the current month due at
 * its end, earlier months due.
 */
const apiSource: FeeSource = {
  kind: 'api',
  async lines(services, orgId) {
    const rate = services.config.costs.apiChargeFenPer1000Calls;
    if (rate <= 0) return [];
    const current = chinaMonth(services.clock.nowMs());
    const months = await apiCallsByMonth(services.db, orgId);
    return months
      .map((m): FeeLine => ({
        kind: 'api',
        appid: m.appid,
        accountName: m.accountName,
        detail: `${m.month} ${m.calls}`,
        amountFen: apiCharge(m.calls, rate),
        status: m.month === current ? 'upcoming' : 'due',
        at: m.month === current ? monthStart(nextMonth(m.month)) : monthStart(m.month),
        invoiceNo: null,
      }))
      .filter((l) => l.amountFen > 0);
  },
};

/** The month after a yyyy-MM month. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The sources every Herald has; registered ones (ports.ts) are added to them. */
export const BUILT_IN_SOURCES: readonly FeeSource[] = [verificationSource, migrationSource, payFeeSource, apiSource];
