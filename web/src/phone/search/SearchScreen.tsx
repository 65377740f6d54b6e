import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useLocation, useNavigate } from 'react-router';
import { Alert, Spinner } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { SearchIcon, VerifiedMark } from '../kit/icons.js';
import { phoneApi } from '../api.js';
import type { AccountCard } from '../types.js';
import { t } from '../../i18n/index.js';

/** 搜一搜: find official accounts by name or WeChat ID. The query lives in the URL (?q=). */
export function SearchScreen() {
  const navigate = useNavigate();
  const { search } = useLocation();
  const initial = new URLSearchParams(search).get('q') ?? '';
  const [q, setQ] = useState(initial);
  const [results, setResults] = useState<AccountCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const term = q.trim();
    if (!term) {
      setResults(null);
      return;
    }
    const mine = ++seq.current;
    const timer = window.setTimeout(async () => {
      setBusy(true);
      try {
        const r = await phoneApi.get<{ accounts: AccountCard[] }>(`/search?q=${encodeURIComponent(term)}`);
        if (seq.current === mine) {
          setResults(r.accounts);
          setError(null);
          void navigate(`/phone/search?q=${encodeURIComponent(term)}`, { replace: true });
        }
      } catch (err) {
        if (seq.current === mine) setError(errorMessage(err));
      } finally {
        if (seq.current === mine) setBusy(false);
      }
    }, 250);
    return () => window.clearTimeout(timer);
  }, [q]);

  return (
    <section className="ph-screen">
      <header className="ph-searchbar">
        <label className="ph-searchbox">
          <SearchIcon size={18} />
          <input
            autoFocus
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('phoneSearch.searchOfficialAccounts')}
            aria-label={t('phoneSearch.searchOfficialAccounts')}
            maxLength={64}
          />
        </label>
        <button type="button" className="ph-linkish ph-cancel" onClick={() => navigate('/phone')}>
          {t('phoneSearch.cancel')}
        </button>
      </header>
      <div className="ph-body ph-white">
        {error && <Alert tone="error">{error}</Alert>}
        {busy && (
          <div className="ph-center">
            <Spinner />
          </div>
        )}
        {!q.trim() && <p className="ph-muted ph-pad ph-hint">{t('phoneSearch.searchByAnAccount')}</p>}
        {results?.length === 0 && !busy && <p className="ph-muted ph-pad">{t('phoneSearch.noOfficialAccountMatches', { value: q.trim() })}</p>}
        {results && results.length > 0 && <h2 className="ph-list-caption">{t('phoneSearch.officialAccounts')}</h2>}
        <ul className="ph-list" aria-label={t('phoneSearch.searchResults')}>
          {results?.map((a) => (
            <li key={a.appid}>
              <button type="button" className="ph-row ph-result" onClick={() => navigate(`/phone/accounts/${encodeURIComponent(a.appid)}`)}>
                <Avatar name={a.name} seed={a.appid} size={44} src={a.avatar_url} />
                <span className="ph-row-main">
                  <span className="ph-row-title">
                    {a.name} {a.verified && <VerifiedMark type={a.type} />}
                  </span>
                  <span className="ph-row-sub">{a.description || (a.type === 'service' ? t('phoneSearch.serviceAccount') : t('phoneSearch.subscriptionAccount'))}</span>
                  {a.wechat_id && <span className="ph-row-sub">{t('phoneSearch.wechatId', { wechat_id: a.wechat_id })}</span>}
                </span>
                {a.followed && <span className="ph-tag">{t('phoneSearch.following')}</span>}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
