import { useMemo, useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Alert, Badge, Button, Loading, useToast } from '../../ui/index.js';
import { NotFound } from '../NotFound.js';
import { useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { ConversationPane } from './ConversationPane.js';
import { QueueList, type QueueTab } from './QueueList.js';
import { ResponseBoardView } from './ResponseBoardView.js';
import { RepresentativesView } from './RepresentativesView.js';
import { SidePanel } from './SidePanel.js';
import { serverClock } from './time.js';
import { useConversation } from './useConversation.js';
import type { InboxTab, InboxView, RepresentativesView as Reps } from './types.js';
import './inbox.css';
import { t } from '../../i18n/index.js';

/** How often the inbox refreshes (there is no console push channel yet). */
export const INBOX_POLL_MS = 3000;

/**
 * The customer-service inbox of one account: the queue and sessions, the conversation with a
 * composer, the follower and session actions; the 48-hour response-time board; and the team of
 * representatives. Everything refreshes every few seconds.
 */
export function InboxPage({ account }: AccountPageProps) {
  const tab = VIEWS[useParams().view ?? ''];
  return tab ? <Inbox account={account} tab={tab} /> : <NotFound />;
}

/** The inbox's views by the path's last segment. */
const VIEWS: Record<string, InboxTab | undefined> = { '': 'conversations', board: 'board', team: 'team' };

function Inbox({ account, tab }: AccountPageProps & { tab: InboxTab }) {
  const toast = useToast();
  const navigate = useNavigate();
  const { search } = useLocation();
  const selected = new URLSearchParams(search).get('c');
  const base = `/console/accounts/${account.appid}/inbox`;
  const apiBase = `/accounts/${account.appid}`;
  const reps = useAccountData<Reps>(account.appid, '/kf', { refetchInterval: INBOX_POLL_MS * 2 });
  const available = reps.data?.available ?? true;
  const inbox = useAccountData<InboxView>(account.appid, '/inbox', { enabled: available, refetchInterval: INBOX_POLL_MS });
  const [queueTab, setQueueTab] = useState<QueueTab>('waiting');
  const [busy, setBusy] = useState(false);
  const conversation = useConversation(apiBase, tab === 'conversations' ? selected : null, INBOX_POLL_MS);

  const view = inbox.data;
  // Re-derived whenever a fresh answer arrives (each poll replaces `view`).
  const now = useMemo(() => serverClock(view?.now, Date.now()), [view]);
  const setInbox = inbox.setData;

  const select = (openid: string | null) => navigate(openid ? `${base}?c=${encodeURIComponent(openid)}` : base);

  const setPresence = async (online: boolean) => {
    const me = reps.data?.me;
    if (!me) return;
    setBusy(true);
    try {
      const next = await consoleApi.post<Reps>(`${apiBase}/kf/${encodeURIComponent(me.kf_account)}/presence`, { online });
      reps.setData(next);
      await inbox.refresh();
      toast.show(online ? t('inbox.youAreOnlineYou') : t('inbox.youAreOffline'));
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  if (reps.error) return <Alert tone="error" title={t('inbox.couldNotLoadCustomer')}>{reps.error.message}</Alert>;
  if (!reps.data) return <Loading />;
  if (!reps.data.available) {
    return (
      <Alert tone="info" title={t('inbox.customerServiceIsNot')}>
        {reps.data.unavailable_reason}
      </Alert>
    );
  }

  const me = reps.data.me;
  const overdue = view?.board.overdue.length ?? 0;
  const atRisk = view?.board.at_risk.length ?? 0;
  const viewLink = (t: InboxTab, to: string, label: ReactNode) => (
    <Link to={to} role="tab" aria-selected={tab === t} className={`inbox-view ${tab === t ? 'active' : ''}`}>
      {label}
    </Link>
  );

  return (
    <div className="inbox">
      <div className="inbox-bar">
        <div className="inbox-views" role="tablist" aria-label={t('inbox.customerServiceViews')}>
          {viewLink('conversations', base, (
            <>
              {t('inbox.conversations')} {view && view.waiting_count > 0 && <Badge tone="blue">{t('inbox.waiting2', { waiting_count: view.waiting_count })}</Badge>}
            </>
          ))}
          {viewLink('board', `${base}/board`, (
            <>
              {t('inbox.responseTimeBoard')} {overdue > 0 ? <Badge tone="red">{t('inbox.overdue', { overdue })}</Badge> : atRisk > 0 ? <Badge tone="amber">{t('inbox.atRisk', { atRisk })}</Badge> : null}
            </>
          ))}
          {viewLink('team', `${base}/team`, t('inbox.representatives'))}
        </div>
        <div className="inbox-presence" aria-live="polite">
          {me ? (
            <>
              <span className={`presence-dot ${me.online ? 'on' : ''}`} aria-hidden="true" />
              <span>
                {t('inbox.youWorkAs')} <strong>{me.nickname}</strong> <span className="mono muted">{me.kf_account}</span> · {me.online ? t('inbox.online') : t('inbox.offline')}
              </span>
              <Button size="sm" variant={me.online ? 'secondary' : 'primary'} loading={busy} onClick={() => void setPresence(!me.online)}>
                {me.online ? t('inbox.goOffline') : t('inbox.goOnline')}
              </Button>
            </>
          ) : (
            <>
              <span className="muted">{t('inbox.youAreNotA')}</span>
              <Link to={`${base}/team`} className="btn btn-sm btn-primary">
                {t('inbox.addYourself')}
              </Link>
            </>
          )}
          <span className="live" title={t('inbox.refreshesEverySeconds', { value: INBOX_POLL_MS / 1000 })}>
            <span className="live-dot" aria-hidden="true" /> {t('inbox.live')}
          </span>
        </div>
      </div>

      {inbox.error && <Alert tone="error" title={t('inbox.couldNotLoadThe2')}>{inbox.error.message}</Alert>}

      {tab === 'team' ? (
        <RepresentativesView account={account} view={reps.data} onChanged={(next) => {
          reps.setData(next);
          void inbox.refresh();
        }} />
      ) : !view ? (
        <Loading />
      ) : tab === 'board' ? (
        <ResponseBoardView board={view.board} nowMs={now()} onOpen={(openid) => select(openid)} />
      ) : (
        <div className="inbox-grid">
          <QueueList view={view} tab={queueTab} onTab={setQueueTab} selected={selected} onSelect={select} nowMs={now()} />
          <ConversationPane
            key={selected ?? ''}
            apiBase={apiBase}
            openid={selected}
            conversation={conversation}
            inbox={view}
            now={now}
            onInbox={setInbox}
            onClaimed={() => setQueueTab('mine')}
            onSent={() => void inbox.refresh()}
          />
          <SidePanel
            key={`side-${selected ?? ''}`}
            apiBase={apiBase}
            openid={selected}
            conversation={conversation}
            inbox={view}
            reps={reps.data}
            nowMs={now()}
            onInbox={(next, moved) => {
              setInbox(next);
              if (moved) setQueueTab(moved);
            }}
          />
        </div>
      )}
    </div>
  );
}
