import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { phoneApi, getToken } from '../api.js';
import { t } from '../../i18n/index.js';

interface MiniProgramFacts {
  appid: string;
  name: string;
  icon_url: string;
  pages: string[];
}

/** Where the mini program was opened from: WeChat's scene values (场景值). */
const SCENE_WORDS: Record<string, () => string> = {
  '1020': () => t('phoneMiniprogram.sceneProfile'),
  '1035': () => t('phoneMiniprogram.sceneMenu'),
  '1043': () => t('phoneMiniprogram.sceneTemplate'),
  '1058': () => t('phoneMiniprogram.sceneArticle'),
  '1074': () => t('phoneMiniprogram.sceneCard'),
  '1107': () => t('phoneMiniprogram.sceneSubscribe'),
  '1167': () => t('phoneMiniprogram.sceneOpenTag'),
};

/**
 * The mini program renderer (/phone/miniprogram?appid=&path=&scene=): Herald does not run mini
 * programs, so it shows which one opens (its name and icon when it is registered), the page, the
 * query and the scene value, with a back button.
 */
export function MiniProgramPage() {
  const { search } = useLocation();
  const q = new URLSearchParams(search);
  const appid = q.get('appid') ?? '';
  const rawPath = q.get('path') ?? '';
  const scene = q.get('scene') ?? '';
  const cut = rawPath.indexOf('?');
  const path = (cut < 0 ? rawPath : rawPath.slice(0, cut)).replace(/^\/+/, '');
  const query = cut < 0 ? '' : rawPath.slice(cut + 1);
  const [mp, setMp] = useState<MiniProgramFacts | null>(null);
  useEffect(() => {
    let live = true;
    setMp(null);
    if (!appid || !getToken()) return;
    phoneApi
      .get<{ miniprogram: MiniProgramFacts }>(`/miniprograms/${encodeURIComponent(appid)}`)
      .then((r) => live && setMp(r.miniprogram))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [appid]);
  const name = mp?.name ?? t('phoneMiniprogram.miniProgram');
  return (
    <section className="ph-screen ph-mp" aria-label={name}>
      <header className="ph-mp-bar">
        <button type="button" className="ph-mp-back" aria-label={t('phoneMiniprogram.back')} onClick={() => window.history.back()} data-testid="mp-back">
          ‹
        </button>
        <span className="ph-mp-title" data-testid="mp-name">{name}</span>
        <span className="ph-mp-capsule">
          <span aria-hidden="true">•••</span>
          <span className="ph-mp-sep" />
          <button type="button" aria-label={t('phoneMiniprogram.closeMiniProgram')} onClick={() => window.history.back()}>
            ◉
          </button>
        </span>
      </header>
      <div className="ph-body ph-white ph-mp-body">
        {mp?.icon_url ? <img className="ph-mp-logo" src={mp.icon_url} alt="" /> : <span className="ph-mini-logo ph-mp-logo" aria-hidden="true" />}
        <h2>{mp ? mp.name : t('phoneMiniprogram.miniProgramStandIn')}</h2>
        <p className="ph-muted">{t('phoneMiniprogram.heraldDoesNotRun')}</p>
        <dl className="ph-mp-facts">
          <dt>AppID</dt>
          <dd data-testid="mp-appid">{mp?.appid ?? (appid || '—')}</dd>
          <dt>{t('phoneMiniprogram.pagePath')}</dt>
          <dd data-testid="mp-path">{path || t('phoneMiniprogram.homePage')}</dd>
          <dt>{t('phoneMiniprogram.query')}</dt>
          <dd data-testid="mp-query">{query || '—'}</dd>
          <dt>{t('phoneMiniprogram.scene')}</dt>
          <dd data-testid="mp-scene">{scene ? `${scene} ${(SCENE_WORDS[scene] ?? (() => ''))()}`.trim() : '—'}</dd>
        </dl>
        {mp && path && !mp.pages.includes(path) && <p className="ph-muted" role="status">{t('phoneMiniprogram.pageNotReleased')}</p>}
      </div>
    </section>
  );
}
