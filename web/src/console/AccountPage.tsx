import { Link } from '../router.js';
import { Alert, Badge, CopyButton, Loading } from '../ui/index.js';
import { DeveloperSettings } from './developer/DeveloperSettings.js';
import { CallbackInspector } from './inspector/CallbackInspector.js';
import { MenuPage } from './menu/MenuPage.js';
import { AutoRepliesPage } from './autoreply/AutoRepliesPage.js';
import { FollowersPage } from './followers/FollowersPage.js';
import { InboxPage } from './inbox/InboxPage.js';
import { accountTypeLabel } from './format.js';
import { useApiGet } from './hooks.js';
import { NotFound } from './NotFound.js';
import type { AccountDetail } from './types.js';

/** One account: a header with its identity, and tabs for developer settings and the inspector. */
export function AccountPage({ appid, tab, deliveryId }: { appid: string; tab: 'developer' | 'callbacks' | 'menu' | 'auto-replies' | 'followers' | 'inbox' | 'inbox-board' | 'inbox-team'; deliveryId?: string }) {
  const loaded = useApiGet<{ account: AccountDetail }>(`/console/api/accounts/${encodeURIComponent(appid)}`);
  const account = loaded.data?.account;

  if (loaded.error?.status === 404) return <NotFound what="account" />;
  if (loaded.error) return <Alert tone="error" title="Could not load the account">{loaded.error.message}</Alert>;
  if (!account) return <Loading />;

  const base = `/console/accounts/${account.appid}`;
  return (
    <div className="page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/console/accounts">Official accounts</Link>
        <span aria-hidden="true">/</span>
        <span>{account.name}</span>
      </nav>
      <div className="account-header">
        <span className={`avatar avatar-lg ${account.type}`} aria-hidden="true">{account.name.slice(0, 1).toUpperCase()}</span>
        <div className="account-header-main">
          <h1>{account.name}</h1>
          <div className="account-meta">
            <Badge tone="blue">{accountTypeLabel(account.type)}</Badge>
            {account.verified ? <Badge tone="green">Verified</Badge> : <Badge>Unverified</Badge>}
            {account.server.enabled ? <Badge tone="green">● Server enabled</Badge> : <Badge>Server not configured</Badge>}
            <span className="account-appid">
              AppID <code className="mono">{account.appid}</code>
              <CopyButton text={account.appid} what="AppID" />
            </span>
          </div>
        </div>
      </div>
      <div className="tabs" role="tablist">
        <Link to={base} role="tab" aria-selected={tab === 'developer'} className={`tab ${tab === 'developer' ? 'active' : ''}`}>
          Developer settings
        </Link>
        <Link to={`${base}/callbacks`} role="tab" aria-selected={tab === 'callbacks'} className={`tab ${tab === 'callbacks' ? 'active' : ''}`}>
          Callback inspector
        </Link>
        <Link to={`${base}/menu`} role="tab" aria-selected={tab === 'menu'} className={`tab ${tab === 'menu' ? 'active' : ''}`}>
          Custom menu
        </Link>
        <Link to={`${base}/auto-replies`} role="tab" aria-selected={tab === 'auto-replies'} className={`tab ${tab === 'auto-replies' ? 'active' : ''}`}>
          Auto-replies
        </Link>
        <Link to={`${base}/followers`} role="tab" aria-selected={tab === 'followers'} className={`tab ${tab === 'followers' ? 'active' : ''}`}>
          Followers
        </Link>
        <Link to={`${base}/inbox`} role="tab" aria-selected={tab.startsWith('inbox')} className={`tab ${tab.startsWith('inbox') ? 'active' : ''}`}>
          Customer service
        </Link>
      </div>
      {tab === 'developer' ? (
        <DeveloperSettings account={account} onChanged={(next) => loaded.setData(() => ({ account: next }))} />
      ) : tab === 'menu' ? (
        <MenuPage account={account} />
      ) : tab === 'auto-replies' ? (
        <AutoRepliesPage account={account} />
      ) : tab === 'followers' ? (
        <FollowersPage account={account} />
      ) : tab === 'inbox' || tab === 'inbox-board' || tab === 'inbox-team' ? (
        <InboxPage account={account} tab={tab === 'inbox' ? 'conversations' : tab === 'inbox-board' ? 'board' : 'team'} />
      ) : (
        <CallbackInspector account={account} selectedId={deliveryId} />
      )}
    </div>
  );
}
