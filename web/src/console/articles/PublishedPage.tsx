import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { EmptyState, Alert, Loading, Button, useToast } from '../../ui/index.js';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { accountKey, useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { PublishedGroup } from './types.js';
import { PublishDialog } from './PublishDialog.js';
import './articles.css';
import { t } from '../../i18n/index.js';
import { formatTime } from '../../i18n/time.js';

const n = (v: number) => v.toLocaleString();
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/**
 * 发表记录: everything the account made public, newest first: articles published only (by link
 * and in the account's history) and articles pushed to followers, each with its reads, likes,
 * Wows, shares, comments and revenue, and whether followers were notified. A post published
 * only can be pushed later while push quota is left (the dialog says when it is not).
 */
export function PublishedPage({ account }: AccountPageProps) {
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  const published = useAccountData<{ total: number; items: PublishedGroup[] }>(account.appid, '/published?offset=0&count=50', { refetchInterval: 15_000 });
  const [pushing, setPushing] = useState<PublishedGroup | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const items = published.data?.items ?? [];

  const push = async () => {
    if (!pushing) return;
    setBusy(true);
    try {
      await consoleApi.post(`/accounts/${account.appid}/broadcasts`, { msgtype: 'mpnews', draftId: pushing.media_id, audience: { kind: 'all' } });
      setPushing(null);
      toast.show(t('articles.pushedDone'));
      void queryClient.invalidateQueries({ queryKey: accountKey(account.appid) });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="published">
      <p className="field-hint">{t('articles.publishRecordHint')}</p>
      {published.error && <Alert tone="error" title={t('articles.couldNotLoadPublished')}>{published.error.message}</Alert>}
      {!published.data && !published.error && <Loading />}
      {published.data && items.length === 0 && (
        <EmptyState title={t('articles.nothingPublishedYet')} action={<Button variant="primary" onClick={() => navigate(`/console/accounts/${account.appid}/drafts`)}>{t('articles.goToDrafts')}</Button>}>
          {t('articles.publishADraftAnd')}
        </EmptyState>
      )}
      {items.map((g) => (
        <section key={g.media_id} className="published-group" aria-label={t('articles.published', { time: formatTime(g.published_at * 1000) })} data-testid="published-group">
          <div className="published-head">
            <span className="published-when">{t('articles.published', { time: formatTime(g.published_at * 1000) })}</span>
            <span className={`badge ${g.notified ? 'badge-green' : 'badge-gray'}`} data-testid="published-notified">{g.notified ? t('articles.notified') : t('articles.publishedOnly')}</span>
            {!g.notified && g.articles.some((a) => !a.deleted) && (
              <Button size="sm" onClick={() => { setError(null); setPushing(g); }}>{t('articles.pushLater')}</Button>
            )}
          </div>
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
                    <span><b>{yuan(a.revenue_fen)}</b> {t('articles.revenue')}</span>
                    <a href={a.url} target="_blank" rel="noreferrer">{t('articles.openPage')}</a>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <PublishDialog
        appid={account.appid}
        accountType={account.type}
        open={pushing !== null}
        pushOnly
        title={pushing?.articles[0]?.title ?? ''}
        busy={busy}
        error={error}
        onClose={() => setPushing(null)}
        onConfirm={() => void push()}
      />
    </div>
  );
}
