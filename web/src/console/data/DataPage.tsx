import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { useAccountData } from '../queries.js';
import { accountApi } from '../api.js';
import type { AccountPageProps } from '../route.js';
import { t } from '../../i18n/index.js';
import { Chart } from './Chart.js';
import { cellText, columnLabel } from './labels.js';
import type { DataPageSpec, DataSection } from './pages.js';
import type { DataTable, DataView } from './types.js';
import './data.css';

type Range = { days: number } | { begin: string; end: string };
const PRESETS = [7, 30];
type Row = Array<string | number>;

const queryOf = (r: Range) => ('days' in r ? `days=${r.days}` : `begin=${encodeURIComponent(r.begin)}&end=${encodeURIComponent(r.end)}`);

/** The range picker: the last 7 or 30 days, or two days picked. */
function RangePicker({ range, shown, onChange }: { range: Range; shown?: { begin: string; end: string }; onChange(r: Range): void }) {
  const [custom, setCustom] = useState(!('days' in range));
  const [begin, setBegin] = useState(shown?.begin ?? '');
  const [end, setEnd] = useState(shown?.end ?? '');
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (begin && end) onChange({ begin, end });
  };
  return (
    <div className="data-range">
      <div className="segmented" role="group" aria-label={t('data.range')}>
        {PRESETS.map((n) => {
          const active = !custom && 'days' in range && range.days === n;
          return (
            <button key={n} type="button" className={active ? 'active' : ''} aria-pressed={active} onClick={() => { setCustom(false); onChange({ days: n }); }}>
              {t('data.lastDays', { n })}
            </button>
          );
        })}
        <button type="button" className={custom ? 'active' : ''} aria-pressed={custom} onClick={() => { setCustom(true); setBegin(shown?.begin ?? begin); setEnd(shown?.end ?? end); }}>
          {t('data.custom')}
        </button>
      </div>
      {custom && (
        <form className="data-range-custom" onSubmit={apply}>
          <label>
            <span>{t('data.from')}</span>
            <input type="date" className="input" value={begin} max={shown?.end} onChange={(e) => setBegin(e.target.value)} required />
          </label>
          <label>
            <span>{t('data.to')}</span>
            <input type="date" className="input" value={end} onChange={(e) => setEnd(e.target.value)} required />
          </label>
          <Button type="submit" size="sm" variant="primary">{t('data.apply')}</Button>
        </form>
      )}
    </div>
  );
}

/** One section: its chart(s), a CSV download and the table of every figure. */
function Section({ spec, table, csvHref, range }: { spec: DataSection; table: DataTable; csvHref: string; range: string }) {
  const rows = table.rows as Row[];
  const columns: Column<Row>[] = table.columns.map((c, i) => ({
    key: c,
    header: columnLabel(c),
    className: typeof rows[0]?.[i] === 'number' && !['user_source', 'share_scene', 'msg_type', 'count_interval'].includes(c) ? 'num' : c === 'ref_date' ? 'nowrap' : undefined,
    render: (r) => cellText(c, r[i] ?? ''),
  }));
  const charts = [spec.chart, spec.chart2].filter((c) => c !== undefined);
  const title = spec.title();
  return (
    <Card
      title={title}
      className="card-flush data-section"
      actions={
        <a className="btn btn-secondary btn-sm" href={csvHref} download data-testid={`csv-${spec.table}`}>
          {t('data.downloadCsv')}
        </a>
      }
    >
      {rows.length > 0 && charts.length > 0 && (
        <div className={`pad data-charts data-charts-${charts.length}`}>
          {charts.map((c) => {
            const x = table.columns.indexOf(c.x ?? table.columns[0]);
            const categories = rows.map((r) => cellText(table.columns[x], r[x] ?? ''));
            const series = c.series.map((col) => {
              const i = table.columns.indexOf(col);
              return { name: columnLabel(col), values: rows.map((r) => Number(r[i] ?? 0)) };
            });
            const figures = series.map((s) => t('data.seriesTotal', { name: s.name, total: s.values.reduce((a, b) => a + b, 0).toLocaleString(), max: Math.max(0, ...s.values).toLocaleString() })).join('; ');
            return <Chart key={c.series.join()} kind={c.kind} categories={categories} series={series} summary={t('data.chartSummary', { title, range, figures })} />;
          })}
        </div>
      )}
      <Table label={title} columns={columns} rows={rows} rowKey={(r) => r.join('\u0001')} empty={<EmptyState title={t('data.nothingRecorded')}>{t('data.nothingRecordedHint')}</EmptyState>} />
    </Card>
  );
}

/** A Data page (数据): a range, then each section's chart, table and CSV file. */
export function DataPageView({ account, spec }: AccountPageProps & { spec: DataPageSpec }) {
  const [range, setRange] = useState<Range>({ days: 7 });
  const qs = queryOf(range);
  const loaded = useAccountData<{ data: DataView }>(account.appid, `/data/${spec.page}?${qs}`);
  const view = loaded.data?.data;
  const csvBase = useMemo(() => `/console/api${accountApi(account.appid, `/data/${spec.page}/csv`)}`, [account.appid, spec.page]);
  return (
    <div className="stack data-page" data-testid={`data-${spec.page}`}>
      <div className="section-bar">
        <p className="field-hint">{spec.intro()}</p>
        <RangePicker key={view ? 'ready' : 'loading'} range={range} shown={view} onChange={setRange} />
      </div>
      {view && <p className="data-shown field-hint" aria-live="polite">{t('data.shownRange', { begin: view.begin, end: view.end })}</p>}
      {loaded.error && <Alert tone="error" title={t('data.couldNotLoad')}>{loaded.error.message}</Alert>}
      {!view && !loaded.error && <Loading />}
      {view &&
        spec.sections.map((s) => {
          const table = view.tables[s.table];
          if (!table) return null;
          const href = `${csvBase}?${queryOf({ begin: view.begin, end: view.end })}&table=${s.table}`;
          return <Section key={s.table} spec={s} table={table} csvHref={href} range={t('data.rangeText', { begin: view.begin, end: view.end })} />;
        })}
    </div>
  );
}
