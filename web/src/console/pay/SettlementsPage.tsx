import { useState } from 'react';
import { Alert, Button, Card, Loading, Table, type Column } from '../../ui/index.js';
import { accountApi } from '../api.js';
import { useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { SettlementView } from '../../../../src/modules/pay/bills/presenters.js';
import { formatTime, zoneName } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { WithMerchant, yuan } from './merchant.js';

const PAGE = 50;

/** 结算: T+1 settlements of each trade day (fees deducted) and the basic account's balance. */
function Settlements({ appid, mchid }: { appid: string; mchid: string }) {
  const [offset, setOffset] = useState(0);
  const base = `/pay/merchants/${encodeURIComponent(mchid)}/settlements`;
  const loaded = useAccountData<{ settlements: SettlementView[]; has_more: boolean; balance: number }>(appid, `${base}?limit=${PAGE}&offset=${offset}`);
  const columns: Column<SettlementView>[] = [
    { key: 'day', header: t('pay.tradeDate'), className: 'nowrap', render: (r) => r.trade_date },
    { key: 'payments', header: t('pay.payments'), className: 'pay-num', render: (r) => `${yuan(r.payments)} (${r.payment_count})` },
    { key: 'refunds', header: t('pay.refunds'), className: 'pay-num', render: (r) => `${yuan(r.refunds)} (${r.refund_count})` },
    { key: 'fee', header: t('pay.fee'), className: 'pay-num', render: (r) => `${yuan(r.fee)} · ${r.fee_rate}` },
    { key: 'net', header: t('pay.net'), className: 'pay-num', render: (r) => yuan(r.net) },
    { key: 'settled', header: t('pay.settledAt'), className: 'nowrap', render: (r) => formatTime(r.settled_at) },
  ];
  if (loaded.error) return <Alert tone="error" title={t('pay.couldNotLoad')}>{loaded.error.message}</Alert>;
  if (!loaded.data) return <Loading />;
  const csvHref = `/console/api${accountApi(appid, `${base}?format=csv&limit=1000`)}`;
  return (
    <>
      <Card title={t('pay.balanceTitle')} description={t('pay.balanceHint')}>
        <dl className="pay-figures">
          <div className="pay-figure">
            <dt>{t('pay.basicBalance')}</dt>
            <dd data-testid="pay-balance">{yuan(loaded.data.balance)}</dd>
          </div>
        </dl>
      </Card>
      <Card title={t('pay.sectionSettlements')} description={t('pay.settlementsHint', { zone: zoneName() })} actions={<a className="btn btn-secondary btn-sm" href={csvHref} download>{t('pay.exportCsv')}</a>}>
        <Table label={t('pay.sectionSettlements')} columns={columns} rows={loaded.data.settlements} rowKey={(r) => r.trade_date} empty={<p className="muted">{t('pay.noSettlements')}</p>} />
        <div className="pay-pager">
          <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('pay.previousPage')}</Button>
          <span className="muted small">{t('pay.pageOf', { page: offset / PAGE + 1 })}</span>
          <Button size="sm" disabled={!loaded.data.has_more} onClick={() => setOffset(offset + PAGE)}>{t('pay.nextPage')}</Button>
        </div>
      </Card>
    </>
  );
}

export function SettlementsPage({ account }: AccountPageProps) {
  return <WithMerchant appid={account.appid}>{(m) => <Settlements appid={account.appid} mchid={m.mchid} />}</WithMerchant>;
}

/** Yesterday in China time (yyyy-MM-dd): the latest day with a bill. */
function yesterdayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
}

/** 账单: pick a China day, download its trade bill or fund-flow bill (CSV as WeChat Pay serves them). */
function Bills({ appid, mchid }: { appid: string; mchid: string }) {
  const [day, setDay] = useState(yesterdayInChina);
  const [tradeType, setTradeType] = useState('ALL');
  const [busy, setBusy] = useState<'trade' | 'fundflow' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const href = (kind: 'trade' | 'fundflow', type: string) => `/console/api${accountApi(appid, `/pay/merchants/${encodeURIComponent(mchid)}/bills/${day}?kind=${kind}&type=${type}`)}`;
  // Fetched first, so a day without a bill says so here instead of saving an error as a file.
  const download = async (kind: 'trade' | 'fundflow', type: string) => {
    setBusy(kind);
    setProblem(null);
    try {
      const res = await fetch(href(kind, type), { credentials: 'same-origin' });
      if (!res.ok) {
        setProblem(res.status === 404 ? t('pay.noBill', { day }) : t('pay.couldNotDownload'));
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${kind}bill-${mchid}-${day}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setProblem(t('pay.couldNotDownload'));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={t('pay.sectionBills')} description={t('pay.billsHint', { zone: zoneName() })}>
      <div className="stack">
        <div className="pay-filters">
          <label htmlFor="pay-bill-day">
            <span>{t('pay.billDay')}</span>
            <input id="pay-bill-day" className="input" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
          </label>
          <label htmlFor="pay-bill-type">
            <span>{t('pay.billType')}</span>
            <select id="pay-bill-type" className="input" value={tradeType} onChange={(e) => setTradeType(e.target.value)}>
              <option value="ALL">{t('pay.billAll')}</option>
              <option value="SUCCESS">{t('pay.billSuccess')}</option>
              <option value="REFUND">{t('pay.billRefund')}</option>
            </select>
          </label>
        </div>
        {valid ? (
          <div className="form-actions">
            <Button variant="primary" loading={busy === 'trade'} onClick={() => void download('trade', tradeType)}>{t('pay.downloadTradeBill')}</Button>
            <Button loading={busy === 'fundflow'} onClick={() => void download('fundflow', 'BASIC')}>{t('pay.downloadFundFlowBill')}</Button>
          </div>
        ) : (
          <p className="muted">{t('pay.pickDay')}</p>
        )}
        {problem && <Alert tone="warning">{problem}</Alert>}
      </div>
    </Card>
  );
}

export function BillsPage({ account }: AccountPageProps) {
  return <WithMerchant appid={account.appid}>{(m) => <Bills appid={account.appid} mchid={m.mchid} />}</WithMerchant>;
}
