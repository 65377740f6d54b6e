import { useState } from 'react';
import { Alert, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { chinaFull } from '../broadcasts/chinaTime.js';
import { yuan, type AdDay, type DonationByArticle, type RecentDonation, type RevenueView } from './types.js';
import './revenue.css';

const RANGES = [7, 30, 90];

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}

/** Ad revenue per day as bars (no chart library: one div per day). */
function AdBars({ days }: { days: AdDay[] }) {
  const max = Math.max(1, ...days.map((d) => d.revenue_fen));
  return (
    <>
      <div className="ad-bars" role="img" aria-label="Ad revenue per day">
        {days.map((d) => (
          <div key={d.day} className="ad-bar-col" title={`${d.day}: ${yuan(d.revenue_fen)}, ${d.impressions} impressions, ${d.clicks} clicks`}>
            <div className="ad-bar" style={{ height: `${Math.max(2, (d.revenue_fen / max) * 100)}%` }} />
          </div>
        ))}
      </div>
      {days.length > 0 && (
        <div className="ad-bars-axis field-hint">
          <span>{days[0].day}</span>
          <span>{days[days.length - 1].day}</span>
        </div>
      )}
    </>
  );
}

/** Donations and ad revenue of the account's articles over the last days. */
export function RevenuePage({ account }: AccountPageProps) {
  const [days, setDays] = useState(30);
  const loaded = useAccountData<RevenueView>(account.appid, `/revenue?days=${days}`);
  const r = loaded.data;

  const byArticle: Column<DonationByArticle>[] = [
    { key: 'title', header: 'Article', render: (a) => <a href={`/s/${encodeURIComponent(a.article_id)}`} target="_blank" rel="noreferrer">{a.title || 'Untitled'}</a> },
    { key: 'count', header: 'Donations', className: 'num', render: (a) => a.count },
    { key: 'total', header: 'Total', className: 'num', render: (a) => yuan(a.total_fen) },
  ];
  const recent: Column<RecentDonation>[] = [
    { key: 'when', header: 'When (China)', className: 'nowrap', render: (d) => chinaFull(d.created_at) },
    { key: 'article', header: 'Article', render: (d) => d.article_title || 'Untitled' },
    { key: 'donor', header: 'Reader', render: (d) => d.donor ?? '—' },
    { key: 'message', header: 'Message', render: (d) => d.message || <span className="muted">—</span> },
    { key: 'amount', header: 'Amount', className: 'num', render: (d) => yuan(d.amount_fen) },
  ];
  const adDays: Column<AdDay>[] = [
    { key: 'day', header: 'Day (China)', className: 'nowrap', render: (d) => d.day },
    { key: 'impr', header: 'Impressions', className: 'num', render: (d) => d.impressions.toLocaleString() },
    { key: 'clicks', header: 'Clicks', className: 'num', render: (d) => d.clicks.toLocaleString() },
    { key: 'ctr', header: 'Click rate', className: 'num', render: (d) => (d.impressions ? `${((d.clicks / d.impressions) * 100).toFixed(1)}%` : '—') },
    { key: 'rev', header: 'Revenue', className: 'num', render: (d) => yuan(d.revenue_fen) },
  ];

  return (
    <div className="stack revenue">
      <div className="section-bar">
        <p className="field-hint">Reader donations on original articles, and revenue from ad slots in articles.</p>
        <div className="segmented" role="group" aria-label="Period">
          {RANGES.map((n) => (
            <button key={n} type="button" className={n === days ? 'active' : ''} aria-pressed={n === days} onClick={() => setDays(n)}>
              {n} days
            </button>
          ))}
        </div>
      </div>
      {loaded.error && <Alert tone="error" title="Could not load revenue">{loaded.error.message}</Alert>}
      {!r && !loaded.error && <Loading />}
      {r && (
        <>
          <div className="stats">
            <Stat label="Donations" value={yuan(r.donations.total_fen)} hint={`${r.donations.count} donations`} />
            <Stat label="Ad revenue" value={yuan(r.ads.revenue_fen)} hint={`${r.ads.impressions.toLocaleString()} impressions · ${r.ads.clicks.toLocaleString()} clicks`} />
            <Stat label="Total" value={yuan(r.donations.total_fen + r.ads.revenue_fen)} hint={`Last ${r.days} days`} />
          </div>
          <Card title="Ad revenue by day" description="Bars show every day of the period; the table lists days with ad activity." className="card-flush">
            {r.ads.by_day.length > 0 && <div className="pad"><AdBars days={r.ads.by_day} /></div>}
            <Table label="Ad revenue by day" columns={adDays} rows={r.ads.by_day.filter((d) => d.impressions > 0 || d.clicks > 0 || d.revenue_fen > 0).reverse()} rowKey={(d) => d.day} empty={<EmptyState title="No ad activity">Turn on ads in an article’s settings to earn from ad slots.</EmptyState>} />
          </Card>
          <Card title="Donations by article" className="card-flush">
            <Table label="Donations by article" columns={byArticle} rows={r.donations.by_article} rowKey={(a) => a.article_id} empty={<EmptyState title="No donations yet">Readers can donate to original articles with donations turned on.</EmptyState>} />
          </Card>
          <Card title="Recent donations" className="card-flush">
            <Table label="Recent donations" columns={recent} rows={r.donations.recent} rowKey={(d) => d.id} empty={<EmptyState title="No donations yet" />} />
          </Card>
        </>
      )}
    </div>
  );
}
