import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { AccountAvatar } from './AccountAvatar.js';
import { Link, matchPath, Outlet, useLocation, useOutletContext, useParams } from 'react-router';
import { statusOf } from '../../api/queryClient.js';
import { Alert, Badge, CopyButton, Loading } from '../../ui/index.js';
import { accountTypeLabel } from '../format.js';
import { NotFound } from '../NotFound.js';
import { ACCOUNT_ROUTES, ACCOUNT_TABS } from '../pages.js';
import { accountQuery } from '../queries.js';
import { accountHref, type AccountRoute } from '../route.js';
import type { AccountDetail } from '../types.js';
import { t } from '../../i18n/index.js';

/** The account page the path shows (matched against the declared routes), if any. */
export function useAccountRoute(): AccountRoute | undefined {
  const { pathname } = useLocation();
  return ACCOUNT_ROUTES.find((r) => matchPath(`/console/accounts/:appid${r.path ? `/${r.path}` : ''}`, pathname));
}

/** Renders a declared account page with the account the frame loaded. */
export function AccountRouteView({ route }: { route: AccountRoute }) {
  const account = useOutletContext<AccountDetail>();
  const Page = route.component;
  return <Page account={account} />;
}

/** Whether the account has what a tab's page needs (the capability table decides). */
const lacks = (account: AccountDetail, route: AccountRoute) =>
  route.capability !== undefined && account.capabilities.some((c) => c.capability === route.capability && !c.allowed);

/** One account: a header with its identity, the tabs of its pages, and the page. */
export function AccountPage() {
  const { appid = '' } = useParams();
  const loaded = useQuery(accountQuery(appid));
  const current = useAccountRoute();
  const account = loaded.data?.account;
  const tabs = useRef<HTMLDivElement>(null);
  const shown = account !== undefined;
  // On a narrow screen the tabs scroll sideways: keep the current one in view (without moving the page).
  useEffect(() => {
    const list = tabs.current;
    const active = list?.querySelector<HTMLElement>('.tab.active');
    if (!list || !active || list.scrollWidth <= list.clientWidth) return;
    list.scrollLeft = active.offsetLeft - (list.clientWidth - active.offsetWidth) / 2;
  }, [current?.tab, shown]);
  // Where the tabs wrap, a group's rule would start a line: mark the tabs that start one.
  useEffect(() => {
    const list = tabs.current;
    if (!list) return;
    const mark = () => {
      const all = [...list.querySelectorAll<HTMLElement>('.tab')];
      const tops = all.map((tab) => tab.getBoundingClientRect().top);
      all.forEach((tab, i) => tab.classList.toggle('tab-line-start', i > 0 && tops[i] > tops[i - 1] + 2));
    };
    mark();
    const observer = new ResizeObserver(mark);
    observer.observe(list);
    return () => observer.disconnect();
  }, [shown, current?.tab]);

  if (statusOf(loaded.error) === 404) return <NotFound what={t('accounts.accountWord')} />;
  if (loaded.error) return <Alert tone="error" title={t('accounts.couldNotLoadThe')}>{loaded.error.message}</Alert>;
  if (!account) return <Loading />;

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label={t('accounts.breadcrumb')}>
        <Link to="/console/accounts">{t('accounts.officialAccounts')}</Link>
        <span aria-hidden="true">/</span>
        <span>{account.name}</span>
      </nav>
      <div className="account-header">
        <AccountAvatar account={account} size="lg" />
        <div className="account-header-main">
          <h1>{account.name}</h1>
          <div className="account-meta">
            <Badge tone="blue">{accountTypeLabel(account.type)}</Badge>
            {account.verified ? <Badge tone="green">{t('accounts.verified')}</Badge> : <Badge>{t('accounts.unverified')}</Badge>}
            {account.server.enabled ? <Badge tone="green">{t('accounts.serverEnabled')}</Badge> : <Badge>{t('accounts.serverNotConfigured')}</Badge>}
            <span className="account-appid">
              AppID <code className="mono">{account.appid}</code>
              <CopyButton text={account.appid} what="AppID" />
            </span>
          </div>
        </div>
      </div>
      <div className="tabs" role="tablist" ref={tabs}>
        {ACCOUNT_TABS.map((r, i) => {
          const selected = current?.tab === r.tab;
          // A tab that opens a navigation group (内容管理, 互动管理 …) is set apart from the one before.
          const groupStart = i > 0 && ACCOUNT_TABS[i - 1].group !== r.group;
          const unavailable = lacks(account, r);
          return (
            <Link
              key={r.tab}
              to={accountHref(account.appid, r.path)}
              role="tab"
              aria-selected={selected}
              className={`tab ${selected ? 'active' : ''} ${unavailable ? 'tab-unavailable' : ''} ${groupStart ? 'tab-group-start' : ''}`}
              title={unavailable ? t('accounts.notAvailableToThis') : undefined}
            >
              {r.label}
            </Link>
          );
        })}
      </div>
      <Outlet context={account} />
    </div>
  );
}
