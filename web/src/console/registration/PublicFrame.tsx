import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import './registration.css';

/** The frame of the console's pages for people not signed in: the brand above the content. */
export function PublicFrame({ children, wide }: { children: ReactNode; wide?: boolean }) {
  return (
    <main className="login">
      <div className={`login-panel ${wide ? 'public-wide' : ''}`}>
        <div className="login-brand">
          <svg width="40" height="40" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" fill="#07c160" />
            <path d="M10 8v16M22 8v16M10 16h12" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" />
          </svg>
          <div>
            <div className="login-title">Herald</div>
            <div className="login-subtitle">{t('session.officialAccountsPlatform')}</div>
          </div>
        </div>
        {children}
      </div>
    </main>
  );
}
