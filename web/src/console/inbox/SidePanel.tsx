import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Badge, Button, CopyButton, useToast } from '../../ui/index.js';
import { dateTime } from '../format.js';
import type { QueueTab } from './QueueList.js';
import { since } from './time.js';
import type { Conversation } from './useConversation.js';
import type { InboxView, Representative, RepresentativesView } from './types.js';
import { t } from '../../i18n/index.js';

type Action = 'claim' | 'assign' | 'transfer' | 'close';

/** A representative picker: offline representatives are listed but cannot be chosen (kf_offline). */
function RepSelect({ label, reps, value, onChange }: { label: string; reps: Representative[]; value: string; onChange(v: string): void }) {
  return (
    <select className="input side-select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('inbox.representative')}</option>
      {reps.map((r) => (
        <option key={r.kf_account} value={r.kf_account} disabled={!r.online}>
          {r.nickname} ({r.kf_account}){r.online ? '' : t('inbox.offline2')}
        </option>
      ))}
    </select>
  );
}

/**
 * The right column: who the follower is, where their session stands, and what can be done
 * with it (claim, assign, transfer, close). The server decides; this only offers what makes sense.
 */
export function SidePanel({ apiBase, openid, conversation, inbox, reps, nowMs, onInbox }: {
  apiBase: string;
  openid: string | null;
  conversation: Conversation;
  inbox: InboxView;
  reps: RepresentativesView;
  nowMs: number;
  onInbox(view: InboxView, moved?: QueueTab): void;
}) {
  const toast = useToast();
  const [busy, setBusy] = useState<Action | null>(null);
  const [assignTo, setAssignTo] = useState('');
  const [transferTo, setTransferTo] = useState('');
  const page = conversation.page;
  if (!openid || !page) return <aside className="inbox-col side" aria-label={t('inbox.follower')} />;

  const f = page.follower;
  const session = page.session;
  const me = inbox.me;
  const mine = !!me && session?.status === 'active' && session.kf_account?.toLowerCase() === me.kf_account.toLowerCase();
  const others = reps.kf_accounts.filter((r) => r.kf_account !== session?.kf_account);

  const run = async (action: Action, body?: unknown, moved?: QueueTab, done?: string) => {
    setBusy(action);
    try {
      const next = await consoleApi.post<InboxView>(`${apiBase}/inbox/${encodeURIComponent(openid)}/${action}`, body);
      onInbox(next, moved);
      await conversation.reload();
      if (done) toast.show(done);
      setAssignTo('');
      setTransferTo('');
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(null);
    }
  };
  const nameOf = (kf: string) => reps.kf_accounts.find((r) => r.kf_account === kf)?.nickname ?? kf;

  return (
    <aside className="inbox-col side" aria-label={t('inbox.follower')}>
      <section className="side-section">
        <div className="side-person">
          <span className="queue-avatar lg" aria-hidden="true">{[...(f.remark || f.nickname)][0]?.toUpperCase() ?? '?'}</span>
          <div>
            <div className="side-name">{f.remark || f.nickname}</div>
            {f.remark && <div className="muted small">{f.nickname}</div>}
            {!f.subscribed && <Badge tone="amber">{t('inbox.unfollowed')}</Badge>}
          </div>
        </div>
        <dl className="side-facts">
          {f.region && (
            <>
              <dt>{t('inbox.region')}</dt>
              <dd>{f.region}</dd>
            </>
          )}
          {f.language && (
            <>
              <dt>{t('inbox.language')}</dt>
              <dd>{f.language}</dd>
            </>
          )}
          <dt>{t('inbox.followingSince')}</dt>
          <dd>{dateTime(f.subscribe_time)}</dd>
          <dt>openid</dt>
          <dd className="side-openid">
            <code className="mono truncate" title={f.openid}>{f.openid}</code>
            <CopyButton text={f.openid} what="openid" />
          </dd>
        </dl>
      </section>

      <section className="side-section" aria-label={t('inbox.session')}>
        <h3 className="side-heading">{t('inbox.session')}</h3>
        {!session ? (
          <p className="muted small">{t('inbox.noOpenSessionA')}</p>
        ) : (
          <dl className="side-facts">
            <dt>{t('inbox.status')}</dt>
            <dd>{session.status === 'waiting' ? <Badge tone="blue">{t('inbox.waiting')}</Badge> : <Badge tone="green">{t('inbox.active')}</Badge>}</dd>
            {session.kf_account && (
              <>
                <dt>{session.status === 'waiting' ? t('inbox.waitingFor') : t('inbox.representative2')}</dt>
                <dd>
                  {session.kf_nickname ?? session.kf_account} {mine && <span className="muted">{t('inbox.you4')}</span>}
                </dd>
              </>
            )}
            <dt>{t('inbox.since')}</dt>
            <dd title={dateTime(session.accepted_at ?? session.created_at)}>{since(session.accepted_at ?? session.created_at, nowMs)}</dd>
          </dl>
        )}

        {session?.status === 'waiting' && (
          <div className="side-actions">
            {me && (
              <Button variant="primary" loading={busy === 'claim'} onClick={() => void run('claim', undefined, 'mine', t('inbox.theConversationIsYours'))}>
                {t('inbox.claim')}
              </Button>
            )}
            <div className="side-row">
              <RepSelect label={t('inbox.assignTo')} reps={reps.kf_accounts} value={assignTo} onChange={setAssignTo} />
              <Button disabled={!assignTo} loading={busy === 'assign'} onClick={() => void run('assign', { kf_account: assignTo }, undefined, t('inbox.assignedTo', { nameOf: nameOf(assignTo) }))}>
                {t('inbox.assign')}
              </Button>
            </div>
          </div>
        )}

        {session?.status === 'active' && (mine || inbox.can_supervise) && (
          <div className="side-actions">
            <div className="side-row">
              <RepSelect label={t('inbox.transferTo')} reps={others} value={transferTo} onChange={setTransferTo} />
              <Button
                disabled={!transferTo}
                loading={busy === 'transfer'}
                onClick={() => void run('transfer', { kf_account: transferTo }, undefined, t('inbox.transferredTo', { nameOf: nameOf(transferTo) }))}
              >
                {t('inbox.transfer')}
              </Button>
            </div>
            <Button variant="danger" loading={busy === 'close'} onClick={() => void run('close', undefined, undefined, t('inbox.sessionClosed'))}>
              {t('inbox.closeSession')}
            </Button>
          </div>
        )}
        {session?.status === 'waiting' && inbox.can_supervise && (
          <div className="side-actions">
            <Button variant="ghost" size="sm" loading={busy === 'close'} onClick={() => void run('close', undefined, undefined, t('inbox.takenOutOfThe'))}>
              {t('inbox.takeOutOfThe')}
            </Button>
          </div>
        )}
      </section>
    </aside>
  );
}
