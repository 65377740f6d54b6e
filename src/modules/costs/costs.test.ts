/**
 * The costs page: an organization's verification fees (invoice due, then paid), the renewal due by
 * the end of the year, WeChat Pay's transaction fees by month from settlements, API charges (none
 * by default, charged at a configured rate), the invoices, the CSV export, the platform's revenue
 * by fee type, a fee source registered through the port, and who may see what. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../test/consoleFixtures.js';
import { jsapiOrder, makePayer, payInject, type TestMerchant } from '../../../test/payHelpers.js';
import { feeOf } from '../pay/rules/bills.js';
import { registerFeeSource } from './index.js';
import { apiCharge, costsCsv, totalsByKind, yuan, type FeeLine } from './rules.js';

type Json = Record<string, any>;

describe('costs rules', () => {
  it('charges API calls only at a configured rate, rounded up to the fen', () => {
    expect(apiCharge(1_000_000, 0)).toBe(0);
    expect(apiCharge(0, 50)).toBe(0);
    expect(apiCharge(1, 50)).toBe(1);
    expect(apiCharge(2_000, 50)).toBe(100);
    expect(apiCharge(2_001, 50)).toBe(101);
  });

  it('writes yuan and totals by type, known types first even when empty', () => {
    expect(yuan(30_000)).toBe('300.00');
    expect(yuan(7)).toBe('0.07');
    expect(yuan(-1234)).toBe('-12.34');
    const at = new Date('2026-12-01T00:00:00Z');
    const lines: FeeLine[] = [
      { kind: 'verification', appid: 'wx1', accountName: 'A', detail: '', amountFen: 30_000, status: 'paid', at, invoiceNo: 'V1' },
      { kind: 'renewal', appid: 'wx1', accountName: 'A', detail: '', amountFen: 30_000, status: 'upcoming', at, invoiceNo: null },
      { kind: 'custom', appid: 'wx1', accountName: 'A', detail: '', amountFen: 5, status: 'due', at, invoiceNo: null },
    ];
    const byKind = totalsByKind(lines);
    expect(byKind.map((k) => k.kind)).toEqual(['verification', 'renewal', 'migration', 'api', 'pay_fee', 'custom']);
    expect(byKind.find((k) => k.kind === 'migration')).toEqual({ kind: 'migration', count: 0, paidFen: 0, dueFen: 0, upcomingFen: 0 });
    expect(byKind.find((k) => k.kind === 'custom')).toMatchObject({ count: 1, dueFen: 5 });
  });

  it('exports CSV with a BOM, CRLF and formula-safe text', () => {
    const csv = costsCsv([{ kind: 'verification', appid: 'wx1', accountName: '=HYPERLINK("x")', detail: '', amountFen: 30_000, status: 'due', at: new Date('2026-12-07T20:00:00Z'), invoiceNo: 'V20261207-ABCDEF' }], (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10));
    expect(csv.startsWith('\uFEFFtype,status,date,appid,account,detail,amount_cny,invoice_no\r\n')).toBe(true);
    expect(csv).toContain('verification,due,2026-12-08,wx1,"\'=HYPERLINK(""x"")",,300.00,V20261207-ABCDEF\r\n');
  });
});

describeEachDb('costs: an organization’s fees and the platform’s revenue', (kind) => {
  let h: TestHerald;
  let admin: ConsoleClient;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_API_CHARGE_FEN_PER_1000_CALLS: '0' } });
    admin = (await signedInOperator(h.app, h.services, { platformAdmin: true })).client;
  }, 240_000);
  afterAll(async () => h?.close());

  const sim = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: object) => {
    const r = await h.app.inject({ method, url: `/sim/v1${url}`, headers: body ? { 'content-type': 'application/json' } : {}, payload: body ? JSON.stringify(body) : undefined });
    return { status: r.statusCode, json: r.json() as Json };
  };

  it('lists verification invoices due then paid, the renewal due by the end, and exports them', { timeout: 120_000 }, async () => {
    const { op, client } = await signedInOperator(h.app, h.services, { role: 'owner' });
    const a = await makeAccount(h.services, { orgId: op.orgId, type: 'service', verified: false, name: 'Costs Shop A' });
    const b = await makeAccount(h.services, { orgId: op.orgId, type: 'service', verified: false, name: 'Costs Shop B' });
    // Another organization's fees never show.
    const other = await signedInOperator(h.app, h.services, { role: 'owner' });
    const c = await makeAccount(h.services, { orgId: other.op.orgId, type: 'service', verified: false });
    expect((await sim('POST', `/accounts/${c.appid}/verification`, { outcome: 'success' })).status).toBe(200);

    const empty = await client.get('/console/api/costs');
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ totals: { paid_fen: 0, due_fen: 0, upcoming_fen: 0 }, lines: [], invoices: [], api_rate_fen_per_1000: 0 });

    const applied = await client.post(`/console/api/accounts/${a.appid}/verification`, { subject_type: 'enterprise', subject_name: '杭州书店有限公司', chinese_registration: true });
    expect(applied.status, applied.body).toBe(201);
    const app = (applied.json as Json).application as Json;
    let page = (await client.get('/console/api/costs')).json as Json;
    expect(page.lines).toEqual([expect.objectContaining({ kind: 'verification', appid: a.appid, status: 'due', amount_fen: 30_000, invoice_no: app.invoice_no })]);
    expect(page.totals).toEqual({ paid_fen: 0, due_fen: 30_000, upcoming_fen: 0 });
    expect(page.invoices).toHaveLength(1);

    expect((await admin.post(`/console/api/admin/verifications/${app.id}/paid`, {})).status).toBe(200);
    // B verifies through the simulator: paid, approved, and its renewal is due before the end of its year.
    expect((await sim('POST', `/accounts/${b.appid}/verification`, { outcome: 'success' })).status).toBe(200);
    page = (await client.get('/console/api/costs')).json as Json;
    const byAccount = (appid: string) => (page.lines as Json[]).filter((l) => l.appid === appid);
    expect(byAccount(a.appid)).toEqual([expect.objectContaining({ kind: 'verification', status: 'paid', amount_fen: 30_000, invoice_no: app.invoice_no })]);
    const bLines = byAccount(b.appid);
    expect(bLines.map((l) => `${l.kind}:${l.status}`).sort()).toEqual(['renewal:upcoming', 'verification:paid']);
    const renewal = bLines.find((l) => l.kind === 'renewal')!;
    expect(new Date(renewal.at).getTime()).toBeGreaterThan(h.services.clock.nowMs() + 360 * 86_400_000);
    expect(renewal.invoice_no).toBeNull();
    expect(page.totals).toEqual({ paid_fen: 60_000, due_fen: 0, upcoming_fen: 30_000 });
    expect((page.lines as Json[]).some((l) => l.appid === c.appid)).toBe(false);
    expect(page.by_kind.find((k: Json) => k.kind === 'verification')).toMatchObject({ count: 2, paid_fen: 60_000 });

    const csv = await h.app.inject({ method: 'GET', url: '/console/api/costs/csv', headers: { cookie: `herald_session=${client.cookie}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="costs-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('type,status,date,appid,account,detail,amount_cny,invoice_no');
    expect(rows).toHaveLength(4);
    expect(rows.some((r) => r.startsWith('verification,paid,') && r.includes(a.appid) && r.endsWith(`,300.00,${app.invoice_no}`))).toBe(true);
    expect(rows.some((r) => r.startsWith('renewal,upcoming,') && r.includes(b.appid))).toBe(true);
  });

  it('lists WeChat Pay transaction fees by month from settlements', { timeout: 120_000 }, async () => {
    const { op, client } = await signedInOperator(h.app, h.services, { role: 'admin' });
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    const c = (await h.app.inject({ method: 'POST', url: '/sim/v1/pay/merchants', payload: { appid: acc.appid } })).json();
    const m: TestMerchant = { mchid: c.mchid, appid: acc.appid, serial: c.merchant_serial, privateKey: c.merchant_private_key, apiV3Key: c.api_v3_key, apiV2Key: c.api_v2_key, publicKeyId: c.platform_public_key_id, publicKey: c.platform_public_key, certSerial: c.platform_certificate_serial };
    expect((await h.app.inject({ method: 'PUT', url: `/sim/v1/pay/merchants/${m.mchid}/fee-rate`, payload: { fee_rate_bp: 60 } })).statusCode).toBe(200);
    const payer = await makePayer(h, m.appid);
    for (const total of [10_000, 2_550]) {
      const body = { ...jsapiOrder(m, payer.openid, 'http://127.0.0.1:9/n'), amount: { total, currency: 'CNY' } };
      const placed = await payInject(h, m, 'POST', '/v3/pay/transactions/jsapi', body);
      await h.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, prepay_id: placed.json().prepay_id } });
    }
    await h.app.inject({ method: 'POST', url: '/sim/v1/clock/advance', payload: { seconds: 86_400 + 2 } });
    expect((await h.app.inject({ method: 'POST', url: '/sim/v1/pay/settlements/run' })).json().settled).toBeGreaterThanOrEqual(1);

    const page = (await client.get('/console/api/costs')).json as Json;
    const fee = feeOf(10_000, 60) + feeOf(2_550, 60);
    expect(page.pay_fees).toEqual([expect.objectContaining({ mchid: m.mchid, appid: acc.appid, fee_fen: fee, payments_fen: 12_550, payment_count: 2, month: expect.stringMatching(/^\d{4}-\d{2}$/) })]);
    expect(page.lines).toEqual([expect.objectContaining({ kind: 'pay_fee', status: 'paid', amount_fen: fee, detail: `${page.pay_fees[0].month} ${m.mchid}` })]);

    const revenue = await admin.get('/console/api/admin/costs');
    expect(revenue.status).toBe(200);
    const payRow = (revenue.json as Json).by_kind.find((k: Json) => k.kind === 'pay_fee');
    expect(payRow.paid_fen).toBeGreaterThanOrEqual(fee);
    expect((revenue.json as Json).by_kind.map((k: Json) => k.kind).slice(0, 5)).toEqual(['verification', 'renewal', 'migration', 'api', 'pay_fee']);
    expect((revenue.json as Json).by_month.find((mo: Json) => mo.paid_fen.pay_fee)?.paid_fen.pay_fee).toBeGreaterThanOrEqual(fee);
  });

  it('takes fees from a registered fee source (account migration’s)', async () => {
    const { op, client } = await signedInOperator(h.app, h.services, { role: 'owner' });
    const acc = await makeAccount(h.services, { orgId: op.orgId, name: 'Migrating' });
    registerFeeSource(h.services, {
      kind: 'migration',
      async lines(_services, orgId) {
        return orgId === op.orgId ? [{ kind: 'migration', appid: acc.appid, accountName: acc.account.name, detail: '', amountFen: 30_000, status: 'due', at: new Date(h.services.clock.nowMs()), invoiceNo: 'M-1' }] : [];
      },
    });
    const page = (await client.get('/console/api/costs')).json as Json;
    expect(page.lines).toEqual([expect.objectContaining({ kind: 'migration', status: 'due', amount_fen: 30_000, invoice_no: 'M-1' })]);
    expect(page.by_kind.find((k: Json) => k.kind === 'migration')).toMatchObject({ count: 1, due_fen: 30_000 });
  });

  it('is for owners and admins; the revenue page for platform administrators; the CSV takes no input', async () => {
    const { op } = await signedInOperator(h.app, h.services, { role: 'owner' });
    const agent = (await signedInOperator(h.app, h.services, { orgId: op.orgId, role: 'agent' })).client;
    expect((await agent.get('/console/api/costs')).status).toBe(403);
    expect((await agent.get('/console/api/costs/csv')).status).toBe(403);
    const owner = (await signedInOperator(h.app, h.services, { orgId: op.orgId, role: 'owner' })).client;
    const refused = await owner.get('/console/api/admin/costs');
    expect(refused.status).toBe(403);
    expect((refused.json as Json).error.code).toBe('forbidden');
    expect((await h.app.inject({ method: 'GET', url: '/console/api/costs' })).statusCode).toBe(401);
    // Query strings are ignored, never an error or another organization's page.
    const odd = await owner.get('/console/api/costs?org=%00%27%20or%201=1&x[]=1');
    expect(odd.status).toBe(200);
    expect((odd.json as Json).lines).toEqual([]);
  });
});

describeEachDb('costs: API charges at a configured rate', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_API_CHARGE_FEN_PER_1000_CALLS: '50' } });
  }, 240_000);
  afterAll(async () => h?.close());

  it('charges each account’s calls by month, the current month to pay at its end', async () => {
    const { op, client } = await signedInOperator(h.app, h.services, { role: 'owner' });
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    const { apiQuotaUsage } = await import('../../surfaces/wechat/schema.js');
    const { chinaDay } = await import('../../platform/clock.js');
    const today = chinaDay(h.services.clock.nowMs());
    await h.services.db.insert(apiQuotaUsage).values([
      { accountId: acc.account.id, api: '/cgi-bin/token', day: today, used: 1_500 },
      { accountId: acc.account.id, api: '/cgi-bin/menu/get', day: today, used: 501 },
      { accountId: acc.account.id, api: '/cgi-bin/token', day: '2020-01-15', used: 1_000 },
    ]);
    const page = (await client.get('/console/api/costs')).json as Json;
    expect(page.api_rate_fen_per_1000).toBe(50);
    expect(page.api_calls).toEqual([
      { month: today.slice(0, 7), appid: acc.appid, account_name: acc.account.name, calls: 2_001, charge_fen: 101 },
      { month: '2020-01', appid: acc.appid, account_name: acc.account.name, calls: 1_000, charge_fen: 50 },
    ]);
    const api = (page.lines as Json[]).filter((l) => l.kind === 'api');
    expect(api.map((l) => `${l.status}:${l.amount_fen}`)).toEqual([`upcoming:101`, `due:50`]);
    expect(page.totals).toMatchObject({ due_fen: 50, upcoming_fen: 101 });
  });
});
