import { Link } from 'react-router';
import { Alert, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { formatTime, zoneName } from '../../i18n/time.js';
import { useAccountData } from '../queries.js';
import { accountHref, type AccountPageProps } from '../route.js';
import type { AccountHome, HomeNotice } from './types.js';
import { ReadLog } from './ReadLog.js';
import { t } from '../../i18n/index.js';
import './home.css';

type Figures = AccountHome['figures']['today'];
type Post = AccountHome['recent_posts'][number];

const FIGURES: { key: keyof Figures; label: () => string }[] = [
  { key: 'new_followers', label: () => t('home.newFollowers') },
  { key: 'unfollows', label: () => t('home.unfollows') },
  { key: 'net_followers', label: () => t('home.netFollowers') },
  { key: 'total_followers', label: () => t('home.totalFollowers') },
  { key: 'messages', label: () => t('home.messages') },
];

/** One figure of today with yesterday's beside it. */
function Figure({ label, today, yesterday, testId }: { label: string; today: number; yesterday: number; testId: string }) {
  return (
    <div className="home-figure" data-testid={testId}>
      <div className="home-figure-label">{label}</div>
      <div className="home-figure-value">{today.toLocaleString()}</div>
      <div className="home-figure-yesterday">{t('home.yesterdayValue', { value: yesterday.toLocaleString() })}</div>
    </div>
  );
}

/** A notice's sentence and the page where the account acts on it. */
function noticeView(n: HomeNotice): { text: string; path: string; action: string; tone: 'error' | 'warning' | 'info' } {
  switch (n.kind) {
    case 'account_status':
      return { text: n.status === 'banned' ? t('home.accountBanned') : t('home.accountSuspended'), path: 'settings', action: t('home.openSettings'), tone: 'error' };
    case 'violations':
      return { text: t('home.violations', { count: n.count, time: formatTime(n.latest_at) }), path: 'broadcasts', action: t('home.openPushPosts'), tone: 'error' };
    case 'waiting_followers':
      return { text: t('home.waitingFollowers', { count: n.count }), path: 'inbox', action: t('home.openCustomerService'), tone: 'warning' };
    case 'scheduled_posts':
      return { text: t('home.scheduledPosts', { count: n.count, time: formatTime(n.next_at) }), path: 'broadcasts', action: t('home.openPushPosts'), tone: 'info' };
    case 'unverified':
      return { text: t('home.unverified'), path: 'settings', action: t('home.openSettings'), tone: 'info' };
    case 'verification_expiring':
      return { text: t('home.verificationExpiring', { date: formatTime(n.until, 'date'), days: n.days_left }), path: 'settings', action: t('home.openSettings'), tone: 'warning' };
    case 'verification_expired':
      return { text: t('home.verificationExpired', { date: formatTime(n.until, 'date') }), path: 'settings', action: t('home.openSettings'), tone: 'error' };
    case 'server_not_configured':
      return { text: t('home.serverNotConfigured'), path: 'developer', action: t('home.openDeveloper'), tone: 'info' };
  }
}

const postColumns: Column<Post>[] = [
  { key: 'title', header: t('home.postTitle'), render: (p) => <a href={p.url} target="_blank" rel="noreferrer">{p.title}</a> },
  { key: 'published', header: t('home.publishedAt'), render: (p) => formatTime(p.published_at), className: 'nowrap' },
  { key: 'reads', header: t('home.reads'), render: (p) => p.reads.toLocaleString(), className: 'nowrap num' },
  { key: 'likes', header: t('home.likes'), render: (p) => p.likes.toLocaleString(), className: 'nowrap num' },
];

/** The account's home (首页): today's figures, the push quota, notices and recent posts. */
export function HomePage({ account }: AccountPageProps) {
  const home = useAccountData<{ home: AccountHome }>(account.appid, '/home', { refetchInterval: 30_000 });
  if (home.error) return <Alert tone="error" title={t('home.couldNotLoad')}>{home.error.message}</Alert>;
  if (!home.data) return <Loading />;
  const h = home.data.home;
  const q = h.quota;
  const quotaUsed = q.period === 'day' ? t('home.quotaToday', { remaining: q.remaining, limit: q.limit }) : t('home.quotaMonth', { remaining: q.remaining, limit: q.limit });
  return (
    <div className="stack home">
      <Card title={t('home.todaysFigures')} description={t('home.figuresAsOf', { date: formatTime(h.day.today_start, 'date'), time: formatTime(h.day.now, 'time'), zone: zoneName() })}>
        <div className="home-figures">
          {FIGURES.map((f) => (
            <Figure key={f.key} label={f.label()} today={h.figures.today[f.key]} yesterday={h.figures.yesterday[f.key]} testId={`figure-${f.key}`} />
          ))}
          <div className="home-figure" data-testid="figure-reads">
            <div className="home-figure-label">{t('home.totalReads')}</div>
            <div className="home-figure-value">{h.figures.total_reads.toLocaleString()}</div>
            <div className="home-figure-yesterday">{t('home.allPublished')}</div>
          </div>
        </div>
      </Card>
      <ReadLog appid={account.appid} />
      <div className="home-columns">
        <Card title={t('home.pushQuota')}>
          <div className="home-quota" data-testid="home-quota">
            <div className="home-quota-left">{quotaUsed}</div>
            <div className="field-hint">
              {q.remaining > 0 ? t('home.nextPushNow') : t('home.nextPushAt', { time: formatTime(q.next_allowed_at) })}
            </div>
            <div className="field-hint">{q.period === 'day' ? t('home.ruleSubscription') : t('home.ruleService')}</div>
            <Link to={accountHref(account.appid, 'broadcasts')}>{t('home.openPushPosts')}</Link>
          </div>
        </Card>
        <Card title={t('home.notices')}>
          {h.notices.length === 0 ? (
            <p className="muted">{t('home.noNotices')}</p>
          ) : (
            <ul className="home-notices" data-testid="home-notices">
              {h.notices.map((n) => {
                const v = noticeView(n);
                return (
                  <li key={n.kind} className={`home-notice home-notice-${v.tone}`}>
                    <span>{v.text}</span>
                    <Link to={accountHref(account.appid, v.path)}>{v.action}</Link>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
      </div>
      <Card title={t('home.recentPosts')} className="card-flush">
        {h.recent_posts.length === 0 ? (
          <EmptyState title={t('home.noPosts')}>{t('home.noPostsHint')}</EmptyState>
        ) : (
          <Table label={t('home.recentPosts')} columns={postColumns} rows={h.recent_posts} rowKey={(p) => p.id} />
        )}
      </Card>
    </div>
  );
}
