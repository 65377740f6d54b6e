import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { accountPath, phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';

/** One article of the account's history (GET /phone/api/accounts/:appid/history). */
interface HistoryArticle {
  id: string;
  title: string;
  digest: string;
  url: string;
  coverUrl: string | null;
  publishedAt: string | null;
}

/**
 * 历史消息: the account's published and pushed articles, newest first, under its profile; a tap
 * opens the in-phone article view.
 */
export function ProfileHistory({ appid, accountName }: { appid: string; accountName: string }) {
  const { openArticle } = usePhone();
  const [articles, setArticles] = useState<HistoryArticle[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    phoneApi.get<{ articles: HistoryArticle[] }>(accountPath(appid, '/history')).then(
      (r) => setArticles(r.articles),
      (err) => setError(errorMessage(err)),
    );
  }, [appid]);

  return (
    <section className="ph-history" aria-labelledby="ph-history-title">
      <h3 id="ph-history-title" className="ph-history-title">{t('phoneProfile.history')}</h3>
      {error && <p className="ph-history-empty">{error}</p>}
      {articles && articles.length === 0 && <p className="ph-history-empty">{t('phoneProfile.noHistory')}</p>}
      {articles && articles.length > 0 && (
        <ul>
          {articles.map((a) => (
            <li key={a.id}>
              <button type="button" className="ph-history-item" data-article-id={a.id} onClick={() => openArticle({ id: a.id, url: a.url, title: a.title, appid, accountName })}>
                <span className="ph-history-text">
                  <span className="ph-history-item-title">{a.title}</span>
                  <span className="ph-history-when">{formatTime(a.publishedAt, 'date')}</span>
                </span>
                {a.coverUrl && <img src={a.coverUrl} alt="" />}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
