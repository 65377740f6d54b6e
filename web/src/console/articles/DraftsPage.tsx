import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Dialog, EmptyState, Loading, useToast } from '../../ui/index.js';
import { useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { DraftSummary } from './types.js';
import './articles.css';
import { t } from '../../i18n/index.js';
import { formatTime } from '../../i18n/time.js';

/** The draft box's first page (the composer's draft picker shares it). */
export const DRAFTS_PATH = '/drafts?offset=0&count=50';

/** The draft box: saved push posts, newest first, with their lead article's title and cover. */
export function DraftsPage({ account }: AccountPageProps) {
  const navigate = useNavigate();
  const drafts = useAccountData<{ total: number; drafts: DraftSummary[] }>(account.appid, DRAFTS_PATH);
  const [deleting, setDeleting] = useState<DraftSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const newPost = () => navigate(`/console/accounts/${account.appid}/drafts/new`);

  const remove = async () => {
    if (!deleting) return;
    setBusy(true);
    try {
      await consoleApi.delete(accountApi(account.appid, `/drafts/${encodeURIComponent(deleting.media_id)}`));
      setDeleting(null);
      toast.show(t('articles.draftDeleted'));
      await drafts.refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const list = drafts.data?.drafts ?? [];
  return (
    <div className="drafts">
      <div className="section-bar">
        <p className="field-hint">{t('articles.writePushPostsOf')}</p>
        <Button variant="primary" onClick={newPost}>{t('articles.newDraft')}</Button>
      </div>
      {drafts.error && <Alert tone="error" title={t('articles.couldNotLoadDrafts')}>{drafts.error.message}</Alert>}
      {!drafts.data && !drafts.error && <Loading />}
      {drafts.data && list.length === 0 && (
        <EmptyState title={t('articles.noDraftsYet')} action={<Button variant="primary" onClick={newPost}>{t('articles.writeYourFirstArticle')}</Button>}>
          {t('articles.draftsYouSaveAppear')}
        </EmptyState>
      )}
      {list.length > 0 && (
        <ul className="draft-grid">
          {list.map((d) => (
            <li key={d.media_id} className="draft-card">
              <Link to={`/console/accounts/${account.appid}/drafts/${d.media_id}`} className="draft-cover">
                {d.cover_url ? <img src={d.cover_url} alt="" /> : <span className="article-item-noimg" aria-hidden="true">▤</span>}
                <span className="draft-title">{d.title || t('articles.untitled')}</span>
              </Link>
              {d.titles.length > 1 && (
                <ul className="draft-more">
                  {d.titles.slice(1).map((title, i) => <li key={i}>{title || t('articles.untitled')}</li>)}
                </ul>
              )}
              <div className="draft-foot">
                <span className="field-hint">{t('articles.articleUpdated', { count: d.article_count, time: formatTime(d.updated_at * 1000) })}</span>
                <span className="draft-actions">
                  <Link to={`/console/accounts/${account.appid}/drafts/${d.media_id}`}>{t('articles.edit')}</Link>
                  <button type="button" className="link-danger" onClick={() => { setDeleting(d); setError(null); }}>{t('articles.delete')}</button>
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={deleting !== null}
        title={t('articles.deleteThisDraft')}
        onClose={() => setDeleting(null)}
        footer={<><Button onClick={() => setDeleting(null)}>{t('articles.cancel')}</Button><Button variant="danger" loading={busy} onClick={() => void remove()}>{t('articles.deleteDraft')}</Button></>}
      >
        <p>{t('articles.deleteDraftBody', { title: deleting?.title || t('articles.untitled'), count: deleting?.article_count ?? 0 })}</p>
        {error && <Alert tone="error">{error}</Alert>}
      </Dialog>
    </div>
  );
}
