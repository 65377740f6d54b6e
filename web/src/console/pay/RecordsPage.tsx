import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Loading, Table, type Column, type Tone } from '../../ui/index.js';
import { accountApi } from '../api.js';
import { useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { OrderLineView, RefundLineView } from '../../../../src/modules/pay/bills/presenters.js';
import { formatTime, zoneName } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { WithMerchant, yuan } from './merchant.js';

/** Rows per page. */
const PAGE = 50;

const STATE_WORDS: Record<string, string> = {
  NOTPAY: 'pay.stateNotpay',
  USERPAYING: 'pay.stateUserpaying',
  PAYERROR: 'pay.statePayerror',
  SUCCESS: 'pay.stateSuccess',
  REFUND: 'pay.stateRefund',
  CLOSED: 'pay.stateClosed',
  PROCESSING: 'pay.stateProcessing',
};
const STATE_TONES: Record<string, Tone> = { SUCCESS: 'green', REFUND: 'amber', PROCESSING: 'amber', CLOSED: 'gray', NOTPAY: 'gray', PAYERROR: 'red', USERPAYING: 'amber' };
const stateBadge = (s: string) => <Badge tone={STATE_TONES[s] ?? 'gray'}>{STATE_WORDS[s] ? t(STATE_WORDS[s]) : s}</Badge>;

interface Filter {
  from: string;
  to: string;
  state: string;
  q: string;
}
const NO_FILTER: Filter = { from: '', to: '', state: '', q: '' };

/** The filter as a query string (empty fields left out). */
function queryOf(f: Filter, extra: Record<string, string | number>): string {
  const p = new URLSearchParams();
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.state) p.set('state', f.state);
  if (f.q.trim()) p.set('q', f.q.trim());
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  return p.toString();
}

/** Date range, state and number search; applied on submit so typing does not fetch. */
function FilterForm({ kind, states, onApply }: { kind: string; states: readonly string[]; onApply(f: Filter): void }) {
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  const set = (k: keyof Filter) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  return (
    <form className="pay-filters" onSubmit={submit} aria-label={t('pay.filters')}>
      <label htmlFor={`${kind}-from`}>
        <span>{t('pay.fromDay')}</span>
        <input id={`${kind}-from`} className="input" type="date" value={draft.from} onChange={set('from')} />
      </label>
      <label htmlFor={`${kind}-to`}>
        <span>{t('pay.toDay')}</span>
        <input id={`${kind}-to`} className="input" type="date" value={draft.to} onChange={set('to')} />
      </label>
      <label htmlFor={`${kind}-state`}>
        <span>{t('pay.state')}</span>
        <select id={`${kind}-state`} className="input" value={draft.state} onChange={set('state')}>
          <option value="">{t('pay.anyState')}</option>
          {states.map((s) => (
            <option key={s} value={s}>
              {t(STATE_WORDS[s])}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${kind}-q`}>
        <span>{kind === 'refunds' ? t('pay.searchRefund') : t('pay.searchTransaction')}</span>
        <input id={`${kind}-q`} className="input mono" type="search" maxLength={64} value={draft.q} onChange={set('q')} />
      </label>
      <Button type="submit" variant="primary">{t('pay.applyFilter')}</Button>
    </form>
  );
}

/** One list of records with its filter, pages and the CSV of what the filter shows. */
function Records<T>({ appid, mchid, kind, states, columns, rowKey, title }: {
  appid: string;
  mchid: string;
  kind: 'transactions' | 'refunds';
  states: readonly string[];
  columns: Column<T>[];
  rowKey(row: T): string;
  title: string;
}) {
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [offset, setOffset] = useState(0);
  const base = `/pay/merchants/${encodeURIComponent(mchid)}/${kind}`;
  const loaded = useAccountData<{ has_more: boolean } & Record<string, T[] | boolean>>(appid, `${base}?${queryOf(filter, { limit: PAGE, offset })}`);
  const rows = (loaded.data?.[kind] as T[] | undefined) ?? [];
  const csvHref = `/console/api${accountApi(appid, `${base}?${queryOf(filter, { format: 'csv', limit: 1000 })}`)}`;
  return (
    <Card title={title} description={t('pay.amountsIn', { zone: zoneName() })} actions={<a className="btn btn-secondary btn-sm" href={csvHref} download>{t('pay.exportCsv')}</a>}>
      <div className="stack">
        <FilterForm kind={kind} states={states} onApply={(f) => { setFilter(f); setOffset(0); }} />
        {loaded.error && <Alert tone="error" title={t('pay.couldNotLoad')}>{loaded.error.message}</Alert>}
        {!loaded.data && !loaded.error ? <Loading /> : (
          <Table label={title} columns={columns} rows={rows} rowKey={rowKey} empty={<p className="muted">{t('pay.noRecords')}</p>} />
        )}
        <div className="pay-pager">
          <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('pay.previousPage')}</Button>
          <span className="muted small">{t('pay.pageOf', { page: offset / PAGE + 1 })}</span>
          <Button size="sm" disabled={!loaded.data?.has_more} onClick={() => setOffset(offset + PAGE)}>{t('pay.nextPage')}</Button>
        </div>
      </div>
    </Card>
  );
}

const mono = (s: string | null) => <span className="mono">{s ?? '—'}</span>;

/** 交易订单: the merchant's orders. */
export function TransactionsPage({ account }: AccountPageProps) {
  const columns: Column<OrderLineView>[] = [
    { key: 'created', header: t('pay.createdAt'), className: 'nowrap', render: (r) => formatTime(r.created_at, 'seconds') },
    { key: 'out_trade_no', header: t('pay.outTradeNo'), render: (r) => mono(r.out_trade_no) },
    { key: 'transaction_id', header: t('pay.transactionId'), render: (r) => mono(r.transaction_id) },
    { key: 'description', header: t('pay.description'), render: (r) => r.description },
    { key: 'type', header: t('pay.tradeType'), render: (r) => r.trade_type },
    { key: 'state', header: t('pay.state'), render: (r) => stateBadge(r.trade_state) },
    { key: 'total', header: t('pay.total'), className: 'pay-num', render: (r) => yuan(r.total) },
    { key: 'refunded', header: t('pay.refunded'), className: 'pay-num', render: (r) => (r.refunded > 0 ? yuan(r.refunded) : '—') },
  ];
  return (
    <WithMerchant appid={account.appid}>
      {(m) => <Records appid={account.appid} mchid={m.mchid} kind="transactions" title={t('pay.sectionTransactions')} states={['NOTPAY', 'USERPAYING', 'PAYERROR', 'SUCCESS', 'REFUND', 'CLOSED']} columns={columns} rowKey={(r) => r.out_trade_no} />}
    </WithMerchant>
  );
}

/** 退款: the merchant's refunds. */
export function RefundsPage({ account }: AccountPageProps) {
  const columns: Column<RefundLineView>[] = [
    { key: 'created', header: t('pay.createdAt'), className: 'nowrap', render: (r) => formatTime(r.created_at, 'seconds') },
    { key: 'out_refund_no', header: t('pay.outRefundNo'), render: (r) => mono(r.out_refund_no) },
    { key: 'refund_id', header: t('pay.refundId'), render: (r) => mono(r.refund_id) },
    { key: 'out_trade_no', header: t('pay.outTradeNo'), render: (r) => mono(r.out_trade_no) },
    { key: 'state', header: t('pay.state'), render: (r) => stateBadge(r.status) },
    { key: 'amount', header: t('pay.refundAmount'), className: 'pay-num', render: (r) => yuan(r.amount) },
    { key: 'total', header: t('pay.total'), className: 'pay-num', render: (r) => yuan(r.total) },
    { key: 'success', header: t('pay.successTime'), className: 'nowrap', render: (r) => formatTime(r.success_time, 'seconds') },
  ];
  return (
    <WithMerchant appid={account.appid}>
      {(m) => <Records appid={account.appid} mchid={m.mchid} kind="refunds" title={t('pay.sectionRefunds')} states={['PROCESSING', 'SUCCESS']} columns={columns} rowKey={(r) => r.out_refund_no} />}
    </WithMerchant>
  );
}
