import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { badgeText } from './format.js';
import { BackIcon, ChatsIcon, ContactsIcon, DiscoverIcon, MeIcon } from './icons.js';
import { t } from '../../i18n/index.js';

/** The top bar: a centred title, an optional back button, actions on the right. */
export function NavBar({ title, sub, back, right, tone = 'gray' }: {
  title: ReactNode;
  sub?: ReactNode;
  /** Where the back button leads (omit for tab roots). */
  back?: string | (() => void);
  right?: ReactNode;
  tone?: 'gray' | 'white';
}) {
  const navigate = useNavigate();
  const onBack = typeof back === 'function' ? back : back ? () => navigate(back) : undefined;
  return (
    <header className={`ph-nav ph-nav-${tone}`}>
      <div className="ph-nav-side">
        {onBack && (
          <button type="button" className="ph-icon-btn" aria-label={t('phoneKit.back')} onClick={onBack}>
            <BackIcon />
          </button>
        )}
      </div>
      <div className="ph-nav-title">
        <h1>{title}</h1>
        {sub && <div className="ph-nav-sub">{sub}</div>}
      </div>
      <div className="ph-nav-side ph-nav-right">{right}</div>
    </header>
  );
}

const TABS = [
  { key: 'chats', path: '/phone', label: t('phoneKit.chats'), Icon: ChatsIcon },
  { key: 'contacts', path: '/phone/contacts', label: t('phoneKit.contacts'), Icon: ContactsIcon },
  { key: 'discover', path: '/phone/discover', label: t('phoneKit.discover'), Icon: DiscoverIcon },
  { key: 'me', path: '/phone/me', label: t('phoneKit.me'), Icon: MeIcon },
] as const;

/** The four bottom tabs. */
export type TabKey = (typeof TABS)[number]['key'];

/** WeChat's four bottom tabs; Chats carries the unread badge (service accounts) or a dot (Subscriptions). */
export function TabBar({ active, unread, dot }: { active: TabKey; unread: number; dot: boolean }) {
  const navigate = useNavigate();
  return (
    <nav className="ph-tabs" aria-label={t('phoneKit.tabs')}>
      {TABS.map(({ key, path, label, Icon }) => (
        <button
          key={key}
          type="button"
          className={`ph-tab ${active === key ? 'active' : ''}`}
          aria-current={active === key ? 'page' : undefined}
          onClick={() => navigate(path)}
        >
          <span className="ph-tab-icon">
            <Icon active={active === key} />
            {key === 'chats' && unread > 0 && (
              <span className="ph-badge ph-tab-badge" aria-label={t('phoneKit.unread', { unread })}>
                {badgeText(unread)}
              </span>
            )}
            {key === 'chats' && unread === 0 && dot && <span className="ph-dot ph-tab-dot" aria-label={t('phoneKit.newInSubscriptions')} />}
          </span>
          <span className="ph-tab-label">{label}</span>
        </button>
      ))}
    </nav>
  );
}

/** A full-height screen: bar on top, scrolling body, optional footer. */
export function Screen({ nav, children, footer, className }: { nav: ReactNode; children: ReactNode; footer?: ReactNode; className?: string }) {
  return (
    <section className={`ph-screen ${className ?? ''}`}>
      {nav}
      <div className="ph-body">{children}</div>
      {footer}
    </section>
  );
}

/** A list cell (Discover, Me, settings): optional icon, label, value and a chevron. */
export function Cell({ icon, label, value, onClick, danger }: { icon?: ReactNode; label: ReactNode; value?: ReactNode; onClick?(): void; danger?: boolean }) {
  return (
    <button type="button" className={`ph-cell ${danger ? 'ph-cell-danger' : ''}`} onClick={onClick}>
      {icon && <span className="ph-cell-icon">{icon}</span>}
      <span className="ph-cell-label">{label}</span>
      {value !== undefined && <span className="ph-cell-value">{value}</span>}
      <span className="ph-cell-chevron" aria-hidden="true">
        ›
      </span>
    </button>
  );
}
