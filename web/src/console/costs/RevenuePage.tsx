import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { Alert, Card, Loading, Table } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import { FEE_KINDS, yuan } from '../../../../src/modules/costs/rules.js';
import { revenueQuery, type RevenuePage as Page } from './queries.js';
import { KIND_WORDS, word } from './words.js';

const money = (fen: number) => t('costs.amount', { amount: yuan(fen) });
type KindRow = Page['by_kind'][number];
type MonthRow = Page['by_month'][number];

/** The platform's revenue by fee type (paid, due, to come) and paid revenue by month. */
export function RevenuePage() {
  const q = useQuery(revenueQuery);
  if (q.error) return <Alert tone="error" title={t('costs.couldNotLoad')}>{errorMessage(q.error)}</Alert>;
  if (!q.data) return <Loading />;
  const page = q.data;
  const kinds = [...new Set([...FEE_KINDS, ...page.by_kind.map((k) => k.kind)])];
  return (
    <div className="stack" data-testid="revenue-page">
      {page.mode === 'emulator' && <Alert tone="info">{t('costs.emulatorNote')}</Alert>}
      <Card title={t('costs.revenueByType')}>
        <Table
          label={t('costs.revenueByType')}
          columns={[
            { key: 'kind', header: t('costs.colType'), render: (k: KindRow) => word(KIND_WORDS, k.kind) },
            { key: 'count', header: t('costs.colCount'), className: 'num', render: (k: KindRow) => k.count },
            { key: 'paid', header: t('costs.totalPaid'), className: 'num', render: (k: KindRow) => money(k.paid_fen) },
            { key: 'due', header: t('costs.totalDue'), className: 'num', render: (k: KindRow) => money(k.due_fen) },
            { key: 'upcoming', header: t('costs.totalUpcoming'), className: 'num', render: (k: KindRow) => money(k.upcoming_fen) },
          ]}
          rows={page.by_kind}
          rowKey={(k) => k.kind}
        />
      </Card>
      <Card title={t('costs.revenueByMonth')}>
        <Table
          label={t('costs.revenueByMonth')}
          columns={[
            { key: 'month', header: t('costs.colMonth'), className: 'nowrap', render: (m: MonthRow) => m.month },
            ...kinds.map((kind) => ({ key: kind, header: word(KIND_WORDS, kind), className: 'num', render: (m: MonthRow) => money(m.paid_fen[kind] ?? 0) })),
          ]}
          rows={page.by_month}
          rowKey={(m) => m.month}
          empty={t('costs.noRevenue')}
        />
      </Card>
    </div>
  );
}
