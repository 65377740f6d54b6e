import { EmptyState, Alert, Loading, Button } from '../../ui/index.js';
import { useNavigate } from 'react-router';
import { useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { PublishedGroup } from './types.js';
import './articles.css';
import { t } from '../../i18n/index.js';
import { formatTime } from '../../i18n/time.js';

const n = (v: number) => v.toLocaleString();

/** Published push posts with each article's page and reader counts. */
export function PublishedPage({ account }: AccountPageProps) {
  const navigate = useNavigate();
  const published = useAccountData<{ total: number; items: PublishedGroup[] }>(account.appid, '/published?offset=0&count=50', { refetchInterval: 15_000 });
  const items = published.data?.items ?? [];
  return (
    <div className="published">
      {published.error && <Alert tone="error" title={t('articles.couldNotLoadPublished')}>{published.error.message}</Alert>}
      {!published.data && !published.error && <Loading />}
      {published.data && items.length === 0 && (
        <EmptyState title={t('articles.nothingPublishedYet')} action={<Button variant="primary" onClick={() => navigate(`/console/accounts/${account.appid}/drafts`)}>{t('articles.goToDrafts')}</Button>}>
          {t('articles.publishADraftAnd')}
        </EmptyState>
      )}
      {items.map((g) => (
        <section key={g.article_id} className="published-group" aria-label={t('articles.published', { time: formatTime(g.published_at * 1000) })}>
          <div className="published-when">{t('articles.published', { time: formatTime(g.published_at * 1000) })}</div>
          <ul>
            {g.articles.map((a) => (
              <li key={a.id} className="published-article">
                {a.cover_url ? <img src={a.cover_url} alt="" /> : <span className="article-item-noimg" aria-hidden="true">▤</span>}
                <div className="published-main">
                  <a href={a.url} target="_blank" rel="noreferrer" className="published-title">{a.title}</a>
                  {a.deleted && <span className="badge badge-red">{t('articles.deleted')}</span>}
                  <div className="published-stats">
                    <span><b>{n(a.read_count)}</b> {t('articles.reads')}</span>
                    <span><b>{n(a.like_count)}</b> {t('articles.likes')}</span>
                    <span><b>{n(a.wow_count)}</b> {t('articles.wows')}</span>
                    <span><b>{n(a.share_count)}</b> {t('articles.shares')}</span>
                    <span><b>{n(a.comment_count)}</b> {t('articles.comments2')}</span>
                    <a href={a.url} target="_blank" rel="noreferrer">{t('articles.openPage')}</a>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
