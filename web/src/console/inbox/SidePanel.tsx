import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Badge, Button, CopyButton, useToast } from '../../ui/index.js';
import { dateTime } from '../format.js';
import type { QueueTab } from './QueueList.js';
import { since } from './time.js';
import type { Conversation } from './useConversation.js';
import type { InboxView, Representative, RepresentativesView } from './types.js';

type Action = 'claim' | 'assign' | 'transfer' | 'close';

/** A representative picker: offline representatives are listed but cannot be chosen (kf_offline). */
function RepSelect({ label, reps, value, onChange }: { label: string; reps: Representative[]; value: string; onChange(v: string): void }) {
  return (
    <select className="input side-select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Representative…</option>
      {reps.map((r) => (
        <option key={r.kf_account} value={r.kf_account} disabled={!r.online}>
          {r.nickname} ({r.kf_account}){r.online ? '' : ' · offline'}
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
  if (!openid || !page) return <aside className="inbox-col side" aria-label="Follower" />;

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
    <aside className="inbox-col side" aria-label="Follower">
      <section className="side-section">
        <div className="side-person">
          <span className="queue-avatar lg" aria-hidden="true">{[...(f.remark || f.nickname)][0]?.toUpperCase() ?? '?'}</span>
          <div>
            <div className="side-name">{f.remark || f.nickname}</div>
            {f.remark && <div className="muted small">{f.nickname}</div>}
            {!f.subscribed && <Badge tone="amber">Unfollowed</Badge>}
          </div>
        </div>
        <dl className="side-facts">
          {f.region && (
            <>
              <dt>Region</dt>
              <dd>{f.region}</dd>
            </>
          )}
          {f.language && (
            <>
              <dt>Language</dt>
              <dd>{f.language}</dd>
            </>
          )}
          <dt>Following since</dt>
          <dd>{dateTime(f.subscribe_time)}</dd>
          <dt>openid</dt>
          <dd className="side-openid">
            <code className="mono truncate" title={f.openid}>{f.openid}</code>
            <CopyButton text={f.openid} what="openid" />
          </dd>
        </dl>
      </section>

      <section className="side-section" aria-label="Session">
        <h3 className="side-heading">Session</h3>
        {!session ? (
          <p className="muted small">No open session. A follower enters the queue when the developer server hands them to customer service.</p>
        ) : (
          <dl className="side-facts">
            <dt>Status</dt>
            <dd>{session.status === 'waiting' ? <Badge tone="blue">Waiting</Badge> : <Badge tone="green">Active</Badge>}</dd>
            {session.kf_account && (
              <>
                <dt>{session.status === 'waiting' ? 'Waiting for' : 'Representative'}</dt>
                <dd>
                  {session.kf_nickname ?? session.kf_account} {mine && <span className="muted">(you)</span>}
                </dd>
              </>
            )}
            <dt>Since</dt>
            <dd title={dateTime(session.accepted_at ?? session.created_at)}>{since(session.accepted_at ?? session.created_at, nowMs)}</dd>
          </dl>
        )}

        {session?.status === 'waiting' && (
          <div className="side-actions">
            {me && (
              <Button variant="primary" loading={busy === 'claim'} onClick={() => void run('claim', undefined, 'mine', 'The conversation is yours.')}>
                Claim
              </Button>
            )}
            <div className="side-row">
              <RepSelect label="Assign to" reps={reps.kf_accounts} value={assignTo} onChange={setAssignTo} />
              <Button disabled={!assignTo} loading={busy === 'assign'} onClick={() => void run('assign', { kf_account: assignTo }, undefined, `Assigned to ${nameOf(assignTo)}.`)}>
                Assign
              </Button>
            </div>
          </div>
        )}

        {session?.status === 'active' && (mine || inbox.can_supervise) && (
          <div className="side-actions">
            <div className="side-row">
              <RepSelect label="Transfer to" reps={others} value={transferTo} onChange={setTransferTo} />
              <Button
                disabled={!transferTo}
                loading={busy === 'transfer'}
                onClick={() => void run('transfer', { kf_account: transferTo }, undefined, `Transferred to ${nameOf(transferTo)}.`)}
              >
                Transfer
              </Button>
            </div>
            <Button variant="danger" loading={busy === 'close'} onClick={() => void run('close', undefined, undefined, 'Session closed.')}>
              Close session
            </Button>
          </div>
        )}
        {session?.status === 'waiting' && inbox.can_supervise && (
          <div className="side-actions">
            <Button variant="ghost" size="sm" loading={busy === 'close'} onClick={() => void run('close', undefined, undefined, 'Taken out of the queue.')}>
              Take out of the queue
            </Button>
          </div>
        )}
      </section>
    </aside>
  );
}
