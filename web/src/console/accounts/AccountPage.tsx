import { lazy, Suspense } from 'react';
import { Link } from '../../router.js';
import { Alert, Badge, CopyButton, Loading } from '../../ui/index.js';
import { DeveloperSettings } from '../developer/DeveloperSettings.js';
import { CallbackInspector } from '../inspector/CallbackInspector.js';
import { MenuPage } from '../menu/MenuPage.js';
import { AutoRepliesPage } from '../autoreply/AutoRepliesPage.js';
import { FollowersPage } from '../followers/FollowersPage.js';
import { InboxPage } from '../inbox/InboxPage.js';
import { DraftsPage } from '../articles/DraftsPage.js';
import { PublishedPage } from '../articles/PublishedPage.js';
import { MaterialsPage } from '../materials/MaterialsPage.js';
import { BroadcastsPage } from '../broadcasts/BroadcastsPage.js';
import { PushDetail } from '../broadcasts/PushDetail.js';
import { RevenuePage } from '../revenue/RevenuePage.js';
import { accountTypeLabel } from '../format.js';
import { useApiGet } from '../hooks.js';
import { NotFound } from '../NotFound.js';
import type { AccountDetail } from '../types.js';

// The rich-text editor (Tiptap, ProseMirror) is most of the console's code: load it when opened.
const EditorPage = lazy(() => import('../articles/EditorPage.js').then((m) => ({ default: m.EditorPage })));

/** One account: a header with its identity, and tabs for developer settings and the inspector. */
export function AccountPage({ appid, tab, deliveryId, draftId, msgId }: { appid: string; tab: 'developer' | 'callbacks' | 'menu' | 'auto-replies' | 'followers' | 'inbox' | 'inbox-board' | 'inbox-team' | 'drafts' | 'editor' | 'published' | 'materials' | 'broadcasts' | 'broadcast' | 'revenue'; deliveryId?: string; draftId?: string; msgId?: string }) {
  const loaded = useApiGet<{ account: AccountDetail }>(`/accounts/${encodeURIComponent(appid)}`);
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
        <Link to={`${base}/drafts`} role="tab" aria-selected={tab === 'drafts' || tab === 'editor'} className={`tab ${tab === 'drafts' || tab === 'editor' ? 'active' : ''}`}>
          Drafts
        </Link>
        <Link to={`${base}/published`} role="tab" aria-selected={tab === 'published'} className={`tab ${tab === 'published' ? 'active' : ''}`}>
          Published
        </Link>
        <Link to={`${base}/materials`} role="tab" aria-selected={tab === 'materials'} className={`tab ${tab === 'materials' ? 'active' : ''}`}>
          Materials
        </Link>
        <Link to={`${base}/broadcasts`} role="tab" aria-selected={tab === 'broadcasts' || tab === 'broadcast'} className={`tab ${tab === 'broadcasts' || tab === 'broadcast' ? 'active' : ''}`}>
          Push posts
        </Link>
        <Link to={`${base}/revenue`} role="tab" aria-selected={tab === 'revenue'} className={`tab ${tab === 'revenue' ? 'active' : ''}`}>
          Revenue
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
      ) : tab === 'drafts' ? (
        <DraftsPage account={account} />
      ) : tab === 'editor' ? (
        <Suspense fallback={<Loading />}>
          <EditorPage account={account} mediaId={draftId} />
        </Suspense>
      ) : tab === 'published' ? (
        <PublishedPage account={account} />
      ) : tab === 'materials' ? (
        <MaterialsPage account={account} />
      ) : tab === 'broadcasts' ? (
        <BroadcastsPage account={account} />
      ) : tab === 'broadcast' ? (
        <PushDetail account={account} msgId={msgId ?? ''} />
      ) : tab === 'revenue' ? (
        <RevenuePage account={account} />
      ) : tab === 'inbox' || tab === 'inbox-board' || tab === 'inbox-team' ? (
        <InboxPage account={account} tab={tab === 'inbox' ? 'conversations' : tab === 'inbox-board' ? 'board' : 'team'} />
      ) : (
        <CallbackInspector account={account} selectedId={deliveryId} />
      )}
    </div>
  );
}
