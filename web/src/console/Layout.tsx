import { useEffect, useState, type ReactNode } from 'react';
import { Link, matchPath, useLocation } from '../router.js';
import { Button } from '../ui/index.js';
import { useApiGet } from './hooks.js';
import { useSession } from './session/session.js';
import type { AccountSummary } from './types.js';

function Logo() {
  return (
    <Link to="/console/accounts" className="brand" aria-label="Herald console home">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#07c160" />
        <path d="M10 8v16M22 8v16M10 16h12" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" />
      </svg>
      <span className="brand-name">Herald</span>
      <span className="brand-tag">Console</span>
    </Link>
  );
}

/** The console frame: left navigation (accounts and their pages), top bar with the operator. */
export function Layout({ children }: { children: ReactNode }) {
  const { me, signOut, accountsVersion } = useSession();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const accounts = useApiGet<{ accounts: AccountSummary[] }>('/accounts');
  const reloadAccounts = accounts.reload;
  useEffect(() => {
    if (accountsVersion > 0) void reloadAccounts();
  }, [accountsVersion, reloadAccounts]);
  const active = matchPath('/console/accounts/:appid', pathname) ?? matchPath('/console/accounts/:appid/callbacks', pathname) ?? matchPath('/console/accounts/:appid/callbacks/:id', pathname) ?? matchPath('/console/accounts/:appid/:section', pathname) ?? matchPath('/console/accounts/:appid/inbox/:view', pathname) ?? matchPath('/console/accounts/:appid/drafts/:id', pathname) ?? matchPath('/console/accounts/:appid/broadcasts/:msgId', pathname);
  const activeAppid = active?.appid;

  useEffect(() => setMenuOpen(false), [pathname]);

  const navItem = (to: string, label: ReactNode, current: boolean, className = '') => (
    <Link to={to} className={`nav-item ${current ? 'active' : ''} ${className}`} aria-current={current ? 'page' : undefined}>
      {label}
    </Link>
  );

  return (
    <div className={`shell ${menuOpen ? 'menu-open' : ''}`}>
      <aside className="sidebar" aria-label="Console navigation">
        <Logo />
        <nav className="nav">
          <div className="nav-section">Workspace</div>
          {navItem('/console/accounts', (
            <>
              <span className="nav-icon" aria-hidden="true">▦</span> Official accounts
            </>
          ), pathname === '/console/accounts')}
          {(accounts.data?.accounts.length ?? 0) > 0 && <div className="nav-section">Accounts</div>}
          {accounts.data?.accounts.map((a) => {
            const open = a.appid === activeAppid;
            const base = `/console/accounts/${a.appid}`;
            return (
              <div key={a.appid} className={`nav-account ${open ? 'open' : ''}`}>
                {navItem(base, (
                  <>
                    <span className={`avatar avatar-sm ${a.type}`} aria-hidden="true">{a.name.slice(0, 1).toUpperCase()}</span>
                    <span className="nav-account-name">{a.name}</span>
                  </>
                ), false, 'nav-account-link')}
                {open && (
                  <div className="nav-sub">
                    {navItem(base, 'Developer settings', pathname === base)}
                    {navItem(`${base}/callbacks`, 'Callback inspector', pathname.startsWith(`${base}/callbacks`))}
                    {navItem(`${base}/menu`, 'Custom menu', pathname === `${base}/menu`)}
                    {navItem(`${base}/auto-replies`, 'Auto-replies', pathname === `${base}/auto-replies`)}
                    {navItem(`${base}/followers`, 'Followers', pathname === `${base}/followers`)}
                    {navItem(`${base}/inbox`, 'Customer service', pathname.startsWith(`${base}/inbox`))}
                    {navItem(`${base}/drafts`, 'Drafts', pathname.startsWith(`${base}/drafts`))}
                    {navItem(`${base}/published`, 'Published', pathname === `${base}/published`)}
                    {navItem(`${base}/materials`, 'Materials', pathname === `${base}/materials`)}
                    {navItem(`${base}/broadcasts`, 'Push posts', pathname.startsWith(`${base}/broadcasts`))}
                    {navItem(`${base}/revenue`, 'Revenue', pathname === `${base}/revenue`)}
                  </div>
                )}
              </div>
            );
          })}
          {me.operator.platform_admin && (
            <>
              <div className="nav-section">Platform</div>
              {navItem('/console/admin/moderation', (
                <>
                  <span className="nav-icon" aria-hidden="true">⚑</span> Content moderation
                </>
              ), pathname === '/console/admin/moderation')}
              {navItem('/console/admin/icp-domains', (
                <>
                  <span className="nav-icon" aria-hidden="true">◎</span> ICP-filed domains
                </>
              ), pathname === '/console/admin/icp-domains')}
            </>
          )}
        </nav>
        <div className="sidebar-footer">
          <div className="org-name" title="Organization">{me.org.name}</div>
          <div className="operator-email">{me.operator.email}</div>
        </div>
      </aside>
      <div className="main">
        <header className="topbar">
          <button type="button" className="menu-toggle" aria-label="Open navigation" onClick={() => setMenuOpen((o) => !o)}>
            ☰
          </button>
          <div className="topbar-org">{me.org.name}</div>
          <div className="topbar-right">
            {me.operator.platform_admin && <span className="badge badge-blue">Platform admin</span>}
            <span className="avatar" aria-hidden="true">{me.operator.name.slice(0, 1).toUpperCase()}</span>
            <span className="topbar-user">{me.operator.name}</span>
            <Button size="sm" variant="secondary" onClick={() => void signOut()}>
              Sign out
            </Button>
          </div>
        </header>
        <main className="content">{children}</main>
      </div>
      {menuOpen && <div className="scrim" onClick={() => setMenuOpen(false)} />}
    </div>
  );
}
