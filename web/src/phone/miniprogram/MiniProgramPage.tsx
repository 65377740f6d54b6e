import { useLocation } from 'react-router';
import { t } from '../../i18n/index.js';

/**
 * A stand-in for a mini-program page (/phone/miniprogram?appid=&path=): Herald does not run
 * mini-programs, so it shows which one would open, and where.
 */
export function MiniProgramPage() {
  const { search } = useLocation();
  const q = new URLSearchParams(search);
  const appid = q.get('appid') ?? '';
  const path = q.get('path') ?? '';
  return (
    <section className="ph-screen ph-mp">
      <header className="ph-mp-bar">
        <span className="ph-mp-title">{t('phoneMiniprogram.miniProgram')}</span>
        <span className="ph-mp-capsule">
          <span aria-hidden="true">•••</span>
          <span className="ph-mp-sep" />
          <button type="button" aria-label={t('phoneMiniprogram.closeMiniProgram')} onClick={() => window.history.back()}>
            ◉
          </button>
        </span>
      </header>
      <div className="ph-body ph-white ph-mp-body">
        <span className="ph-mini-logo ph-mp-logo" aria-hidden="true" />
        <h2>{t('phoneMiniprogram.miniProgramStandIn')}</h2>
        <p className="ph-muted">{t('phoneMiniprogram.heraldDoesNotRun')}</p>
        <dl className="ph-mp-facts">
          <dt>AppID</dt>
          <dd data-testid="mp-appid">{appid || '—'}</dd>
          <dt>{t('phoneMiniprogram.pagePath')}</dt>
          <dd data-testid="mp-path">{path || t('phoneMiniprogram.homePage')}</dd>
        </dl>
      </div>
    </section>
  );
}
