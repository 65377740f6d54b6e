import { useEffect, useState, type ReactNode } from 'react';
import type { PhoneUser } from './types.js';
import { t } from '../i18n/index.js';

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(t);
  }, []);
  return <span>{`${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`}</span>;
}

/**
 * The phone: on a wide screen a device frame centred on the page with a note beside it; on a
 * narrow screen the app fills the window, as on a real phone.
 */
export function Frame({ me, mode, children }: { me: PhoneUser | null; mode: string | null; children: ReactNode }) {
  return (
    <div className="ph-stage">
      <div className="ph-device">
        <div className="ph-screenwrap">
          <div className="ph-statusbar" aria-hidden="true">
            <Clock />
            <span className="ph-status-icons">
              <span className="ph-signal">
                <i />
                <i />
                <i />
                <i />
              </span>
              <span className="ph-battery">
                <i />
              </span>
            </span>
          </div>
          <div className="ph-app">{children}</div>
        </div>
      </div>
      <aside className="ph-side">
        <div className="ph-side-brand">
          <span className="ph-brand-mark">{t('phone.h')}</span> {t('phone.heraldPhone')}
        </div>
        {me ? (
          <p>
            {t('phone.thisTabIs')} <strong>{me.nickname}</strong>{t('phone.thisTabIsEnd')}
          </p>
        ) : (
          <p>{t('phone.thisTabHasNo')}</p>
        )}
        <p className="ph-muted">
          {t('phone.eachBrowserTabIs', { value: mode === 'emulator' ? t('phone.openAnotherTabTo') : t('phone.signInAsSomeone') })}
        </p>
        <p>
          <a href="/phone" target="_blank" rel="noopener">
            {t('phone.openANewPhone')}
          </a>
        </p>
        <p className="ph-muted">{t('phone.serviceAccountsMessagesArrive')}</p>
      </aside>
    </div>
  );
}
