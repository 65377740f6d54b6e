import { useState } from 'react';
import { Alert, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { chinaFull } from '../broadcasts/chinaTime.js';
import { yuan, type AdDay, type DonationByArticle, type RecentDonation, type RevenueView } from './types.js';
import './revenue.css';
import { t } from '../../i18n/index.js';

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
      <div className="ad-bars" role="img" aria-label={t('revenue.adRevenuePerDay')}>
        {days.map((d) => (
          <div key={d.day} className="ad-bar-col" title={t('revenue.impressionsClicks', { day: d.day, value: yuan(d.revenue_fen), impressions: d.impressions, clicks: d.clicks })}>
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
    { key: 'title', header: t('revenue.article'), render: (a) => <a href={`/s/${encodeURIComponent(a.article_id)}`} target="_blank" rel="noreferrer">{a.title || t('revenue.untitled')}</a> },
    { key: 'count', header: t('revenue.donations'), className: 'num', render: (a) => a.count },
    { key: 'total', header: t('revenue.total'), className: 'num', render: (a) => yuan(a.total_fen) },
  ];
  const recent: Column<RecentDonation>[] = [
    { key: 'when', header: t('revenue.whenChina'), className: 'nowrap', render: (d) => chinaFull(d.created_at) },
    { key: 'article', header: t('revenue.article'), render: (d) => d.article_title || t('revenue.untitled') },
    { key: 'donor', header: t('revenue.reader'), render: (d) => d.donor ?? '—' },
    { key: 'message', header: t('revenue.message'), render: (d) => d.message || <span className="muted">—</span> },
    { key: 'amount', header: t('revenue.amount'), className: 'num', render: (d) => yuan(d.amount_fen) },
  ];
  const adDays: Column<AdDay>[] = [
    { key: 'day', header: t('revenue.dayChina'), className: 'nowrap', render: (d) => d.day },
    { key: 'impr', header: t('revenue.impressions'), className: 'num', render: (d) => d.impressions.toLocaleString() },
    { key: 'clicks', header: t('revenue.clicks'), className: 'num', render: (d) => d.clicks.toLocaleString() },
    { key: 'ctr', header: t('revenue.clickRate'), className: 'num', render: (d) => (d.impressions ? `${((d.clicks / d.impressions) * 100).toFixed(1)}%` : '—') },
    { key: 'rev', header: t('revenue.revenue'), className: 'num', render: (d) => yuan(d.revenue_fen) },
  ];

  return (
    <div className="stack revenue">
      <div className="section-bar">
        <p className="field-hint">{t('revenue.readerDonationsOnOriginal')}</p>
        <div className="segmented" role="group" aria-label={t('revenue.period')}>
          {RANGES.map((n) => (
            <button key={n} type="button" className={n === days ? 'active' : ''} aria-pressed={n === days} onClick={() => setDays(n)}>
              {t('revenue.days', { n })}
            </button>
          ))}
        </div>
      </div>
      {loaded.error && <Alert tone="error" title={t('revenue.couldNotLoadRevenue')}>{loaded.error.message}</Alert>}
      {!r && !loaded.error && <Loading />}
      {r && (
        <>
          <div className="stats">
            <Stat label={t('revenue.donations')} value={yuan(r.donations.total_fen)} hint={t('revenue.donations2', { count: r.donations.count })} />
            <Stat label={t('revenue.adRevenue')} value={yuan(r.ads.revenue_fen)} hint={t('revenue.impressionsClicks2', { value: r.ads.impressions.toLocaleString(), value2: r.ads.clicks.toLocaleString() })} />
            <Stat label={t('revenue.total')} value={yuan(r.donations.total_fen + r.ads.revenue_fen)} hint={t('revenue.lastDays', { days: r.days })} />
          </div>
          <Card title={t('revenue.adRevenueByDay')} description={t('revenue.barsShowEveryDay')} className="card-flush">
            {r.ads.by_day.length > 0 && <div className="pad"><AdBars days={r.ads.by_day} /></div>}
            <Table label={t('revenue.adRevenueByDay')} columns={adDays} rows={r.ads.by_day.filter((d) => d.impressions > 0 || d.clicks > 0 || d.revenue_fen > 0).reverse()} rowKey={(d) => d.day} empty={<EmptyState title={t('revenue.noAdActivity')}>{t('revenue.turnOnAdsIn')}</EmptyState>} />
          </Card>
          <Card title={t('revenue.donationsByArticle')} className="card-flush">
            <Table label={t('revenue.donationsByArticle')} columns={byArticle} rows={r.donations.by_article} rowKey={(a) => a.article_id} empty={<EmptyState title={t('revenue.noDonationsYet')}>{t('revenue.readersCanDonateTo')}</EmptyState>} />
          </Card>
          <Card title={t('revenue.recentDonations')} className="card-flush">
            <Table label={t('revenue.recentDonations')} columns={recent} rows={r.donations.recent} rowKey={(d) => d.id} empty={<EmptyState title={t('revenue.noDonationsYet')} />} />
          </Card>
        </>
      )}
    </div>
  );
}
