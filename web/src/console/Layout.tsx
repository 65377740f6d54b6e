import { useEffect, useState, type ReactNode } from 'react';
import { AccountAvatar } from './accounts/AccountAvatar.js';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useMatch } from 'react-router';
import { Button } from '../ui/index.js';
import { useAccountRoute } from './accounts/AccountPage.js';
import { ACCOUNT_TAB_GROUPS, ADMIN_ROUTES } from './pages.js';
import { accountsQuery } from './queries.js';
import { accountHref } from './route.js';
import { useSession } from './session/session.js';
import { t } from '../i18n/index.js';
import { LanguageSwitch } from '../i18n/LanguageSwitch.js';
import { HeraldClock } from './clock/HeraldClock.js';

function Logo() {
  return (
    <Link to="/console/accounts" className="brand">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#07c160" />
        <path d="M10 8v16M22 8v16M10 16h12" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" />
      </svg>
      <span className="brand-name">Herald</span>
      <span className="brand-tag">{t('frame.console')}</span>
    </Link>
  );
}

/** The console frame: left navigation (accounts and their pages), top bar with the operator. */
export function Layout() {
  const { me, signOut } = useSession();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const accounts = useQuery(accountsQuery);
  const activeAppid = useMatch('/console/accounts/:appid/*')?.params.appid;
  const currentTab = useAccountRoute()?.tab;

  useEffect(() => setMenuOpen(false), [pathname]);

  const navItem = (to: string, label: ReactNode, current: boolean, className = '') => (
    <Link key={to} to={to} className={`nav-item ${current ? 'active' : ''} ${className}`} aria-current={current ? 'page' : undefined}>
      {label}
    </Link>
  );

  return (
    <div className={`shell ${menuOpen ? 'menu-open' : ''}`}>
      <aside className="sidebar" aria-label={t('frame.consoleNavigation')}>
        <Logo />
        <nav className="nav">
          <div className="nav-section">{t('frame.workspace')}</div>
          {navItem('/console/accounts', (
            <>
              <span className="nav-icon" aria-hidden="true">▦</span> {t('frame.officialAccounts')}
            </>
          ), pathname === '/console/accounts')}
          {navItem('/console/registration', (
            <>
              <span className="nav-icon" aria-hidden="true">✚</span> {t('registration.registerAnAccount')}
            </>
          ), pathname.startsWith('/console/registration'))}
          {(accounts.data?.accounts.length ?? 0) > 0 && <div className="nav-section">{t('frame.accounts')}</div>}
          {accounts.data?.accounts.map((a) => {
            const open = a.appid === activeAppid;
            const base = `/console/accounts/${a.appid}`;
            return (
              <div key={a.appid} className={`nav-account ${open ? 'open' : ''}`}>
                {navItem(base, (
                  <>
                    <AccountAvatar account={a} size="sm" />
                    <span className="nav-account-name">{a.name}</span>
                  </>
                ), false, 'nav-account-link')}
                {open && (
                  <div className="nav-sub">
                    {/* The MP backend's groups: 首页 alone, then 内容管理, 互动管理 … each with its pages. */}
                    {ACCOUNT_TAB_GROUPS.map((g) => {
                      const items = g.tabs.map((r) => navItem(accountHref(a.appid, r.path), r.label, r.tab === currentTab));
                      // 首页 stands alone, and so does a group whose one page has the group's name (用户管理).
                      if (!g.label || (g.tabs.length === 1 && g.tabs[0].label === g.label)) return items;
                      const id = `nav-${a.appid}-${g.id}`;
                      return (
                        <div key={g.id} className="nav-group" role="group" aria-labelledby={id}>
                          <div className="nav-group-label" id={id}>
                            {g.label}
                          </div>
                          {items}
                        </div>
                      );
                    })}
                  </div>
                )}
              </div>
            );
          })}
          {me.operator.platform_admin && (
            <>
              <div className="nav-section">{t('frame.platform')}</div>
              {ADMIN_ROUTES.map((r) =>
                navItem(`/console/admin/${r.path}`, (
                  <>
                    <span className="nav-icon" aria-hidden="true">{r.icon}</span> {r.label}
                  </>
                ), pathname === `/console/admin/${r.path}`),
              )}
            </>
          )}
        </nav>
        <div className="sidebar-footer">
          <div className="org-name" title={t('frame.organization')}>{me.org.name}</div>
          <div className="operator-email">{me.operator.email}</div>
        </div>
      </aside>
      <div className="main">
        <header className="topbar">
          <button type="button" className="menu-toggle" aria-label={t('frame.openNavigation')} onClick={() => setMenuOpen((o) => !o)}>
            ☰
          </button>
          <div className="topbar-org">{me.org.name}</div>
          <div className="topbar-right">
            <HeraldClock />
            <LanguageSwitch />
            {me.operator.platform_admin && <span className="badge badge-blue">{t('frame.platformAdmin')}</span>}
            <span className="avatar" aria-hidden="true">{me.operator.name.slice(0, 1).toUpperCase()}</span>
            <span className="topbar-user">{me.operator.name}</span>
            <Button size="sm" variant="secondary" onClick={() => void signOut()}>
              {t('frame.signOut')}
            </Button>
          </div>
        </header>
        <main className="content">
          <Outlet />
        </main>
      </div>
      {menuOpen && <div className="scrim" onClick={() => setMenuOpen(false)} />}
    </div>
  );
}
