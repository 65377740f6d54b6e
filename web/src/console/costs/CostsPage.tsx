import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { Alert, Badge, Card, Loading, Table, type Column } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { yuan } from '../../../../src/modules/costs/rules.js';
import { COSTS_CSV_HREF, costsQuery, type CostLine, type CostsPage as Page } from './queries.js';
import { KIND_WORDS, STATUS_WORDS, statusTone, word } from './words.js';
import './costs.css';

const money = (fen: number) => t('costs.amount', { amount: yuan(fen) });

/** The three totals: paid, due now, to pay later. */
function Totals({ page }: { page: Page }) {
  return (
    <dl className="costs-totals" data-testid="costs-totals">
      <div><dt>{t('costs.totalPaid')}</dt><dd data-testid="total-paid">{money(page.totals.paid_fen)}</dd></div>
      <div><dt>{t('costs.totalDue')}</dt><dd data-testid="total-due">{money(page.totals.due_fen)}</dd></div>
      <div><dt>{t('costs.totalUpcoming')}</dt><dd data-testid="total-upcoming">{money(page.totals.upcoming_fen)}</dd></div>
    </dl>
  );
}

const lineColumns = (): Column<CostLine>[] => [
  { key: 'kind', header: t('costs.colType'), render: (l) => word(KIND_WORDS, l.kind) },
  { key: 'account', header: t('costs.colAccount'), render: (l) => <span title={l.appid}>{l.account_name}</span> },
  { key: 'status', header: t('costs.colStatus'), render: (l) => <Badge tone={statusTone(l.status)}>{word(STATUS_WORDS, l.status)}</Badge> },
  { key: 'at', header: t('costs.colDate'), className: 'nowrap', render: (l) => (l.status === 'paid' ? t('costs.paidOn', { date: formatTime(l.at, 'date') }) : t('costs.dueBy', { date: formatTime(l.at, 'date') })) },
  { key: 'invoice', header: t('costs.colInvoice'), render: (l) => l.invoice_no ?? '—' },
  { key: 'amount', header: t('costs.colAmount'), className: 'num', render: (l) => money(l.amount_fen) },
];

/**
 * 费用: what the organization paid and owes across its accounts: verification and renewal fees
 * (renewals due by the end of each account's year), migration fees, API charges, WeChat Pay's
 * transaction fees by month and the invoices; the lines download as a CSV file.
 */
export function CostsPage() {
  const q = useQuery(costsQuery);
  if (q.error) return <Alert tone="error" title={t('costs.couldNotLoad')}>{errorMessage(q.error)}</Alert>;
  if (!q.data) return <Loading />;
  const page = q.data;
  return (
    <div className="stack" data-testid="costs-page">
      <Card
        title={t('costs.title', { org: page.org.name })}
        description={t('costs.description')}
        actions={
          <a className="btn btn-secondary btn-sm" href={COSTS_CSV_HREF} download data-testid="costs-csv">
            {t('costs.exportCsv')}
          </a>
        }
      >
        <Totals page={page} />
      </Card>
      <Card title={t('costs.fees')}>
        <Table label={t('costs.fees')} columns={lineColumns()} rows={page.lines} rowKey={(l) => `${l.kind}|${l.appid}|${l.at}|${l.invoice_no ?? l.detail}`} empty={t('costs.noFees')} />
      </Card>
      <Card title={t('costs.invoices')}>
        <Table
          label={t('costs.invoices')}
          columns={[
            { key: 'no', header: t('costs.colInvoice'), render: (l: CostLine) => l.invoice_no },
            { key: 'kind', header: t('costs.colType'), render: (l: CostLine) => word(KIND_WORDS, l.kind) },
            { key: 'account', header: t('costs.colAccount'), render: (l: CostLine) => l.account_name },
            { key: 'status', header: t('costs.colStatus'), render: (l: CostLine) => <Badge tone={statusTone(l.status)}>{word(STATUS_WORDS, l.status)}</Badge> },
            { key: 'amount', header: t('costs.colAmount'), className: 'num', render: (l: CostLine) => money(l.amount_fen) },
          ]}
          rows={page.invoices}
          rowKey={(l) => l.invoice_no ?? ''}
          empty={t('costs.noInvoices')}
        />
      </Card>
      <Card title={t('costs.payFees')} description={t('costs.payFeesDescription')}>
        <Table
          label={t('costs.payFees')}
          columns={[
            { key: 'month', header: t('costs.colMonth'), className: 'nowrap', render: (m: Page['pay_fees'][number]) => m.month },
            { key: 'merchant', header: t('costs.colMerchant'), render: (m: Page['pay_fees'][number]) => `${m.merchant_name} (${m.mchid})` },
            { key: 'payments', header: t('costs.colPayments'), className: 'num', render: (m: Page['pay_fees'][number]) => t('costs.paymentsOf', { count: m.payment_count, amount: yuan(m.payments_fen) }) },
            { key: 'fee', header: t('costs.colFee'), className: 'num', render: (m: Page['pay_fees'][number]) => money(m.fee_fen) },
          ]}
          rows={page.pay_fees}
          rowKey={(m) => `${m.month}|${m.mchid}`}
          empty={t('costs.noPayFees')}
        />
      </Card>
      <Card title={t('costs.apiCharges')} description={page.api_rate_fen_per_1000 > 0 ? t('costs.apiRate', { amount: yuan(page.api_rate_fen_per_1000) }) : t('costs.apiFree')}>
        <Table
          label={t('costs.apiCharges')}
          columns={[
            { key: 'month', header: t('costs.colMonth'), className: 'nowrap', render: (c: Page['api_calls'][number]) => c.month },
            { key: 'account', header: t('costs.colAccount'), render: (c: Page['api_calls'][number]) => c.account_name },
            { key: 'calls', header: t('costs.colCalls'), className: 'num', render: (c: Page['api_calls'][number]) => c.calls },
            { key: 'charge', header: t('costs.colAmount'), className: 'num', render: (c: Page['api_calls'][number]) => money(c.charge_fen) },
          ]}
          rows={page.api_calls}
          rowKey={(c) => `${c.month}|${c.appid}`}
          empty={t('costs.noApiCalls')}
        />
      </Card>
    </div>
  );
}
