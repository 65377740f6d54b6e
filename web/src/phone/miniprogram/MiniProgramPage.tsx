import { useLocation } from 'react-router';

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
        <span className="ph-mp-title">Mini Program</span>
        <span className="ph-mp-capsule">
          <span aria-hidden="true">•••</span>
          <span className="ph-mp-sep" />
          <button type="button" aria-label="Close mini program" onClick={() => window.history.back()}>
            ◉
          </button>
        </span>
      </header>
      <div className="ph-body ph-white ph-mp-body">
        <span className="ph-mini-logo ph-mp-logo" aria-hidden="true" />
        <h2>Mini program stand-in</h2>
        <p className="ph-muted">Herald does not run mini programs. In WeChat, this page of the mini program would open here.</p>
        <dl className="ph-mp-facts">
          <dt>AppID</dt>
          <dd data-testid="mp-appid">{appid || '—'}</dd>
          <dt>Page path</dt>
          <dd data-testid="mp-path">{path || '(home page)'}</dd>
        </dl>
      </div>
    </section>
  );
}
