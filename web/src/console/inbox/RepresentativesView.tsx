import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Badge, Button, Card, Dialog, EmptyState, Field, Input, Table, useToast, type Column } from '../../ui/index.js';
import { useSession } from '../session/session.js';
import type { AccountDetail } from '../types.js';
import type { Representative, RepresentativesView as Reps } from './types.js';

/** Adds a kf account bound to an operator: me by default, anyone of the organization for owners and admins. */
function AddDialog({ open, onClose, account, view, onAdded }: {
  open: boolean;
  onClose(): void;
  account: AccountDetail;
  view: Reps;
  onAdded(next: Reps): void;
}) {
  const { me } = useSession();
  const [prefix, setPrefix] = useState('');
  const [nickname, setNickname] = useState('');
  const [operatorId, setOperatorId] = useState(me.operator.id);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const choices = view.can_supervise ? view.operators : view.operators.filter((o) => o.id === me.operator.id);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const next = await consoleApi.post<Reps & { kf_account: Representative }>(`/accounts/${account.appid}/kf`, {
        kf_account: prefix.trim(),
        nickname: nickname.trim(),
        operator_id: operatorId,
      });
      onAdded(next);
      setPrefix('');
      setNickname('');
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', errorMessage(err)));
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (code: string) => (error?.code === code ? error.message : null);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add a representative"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="add-rep" loading={saving} disabled={!view.wechat_id}>
            Add representative
          </Button>
        </>
      }
    >
      <form id="add-rep" onSubmit={(e) => void submit(e)}>
        {!view.wechat_id && (
          <div className="dialog-lead">
            <Alert tone="warning" title="This account has no WeChat ID">
              Customer-service accounts are named prefix@&lt;WeChat ID&gt;, as on WeChat, so the account needs a WeChat ID before it can have any.
            </Alert>
          </div>
        )}
        {error && !['kf_account_invalid', 'kf_exists', 'kf_nickname_invalid'].includes(error.code) && (
          <div className="dialog-lead">
            <Alert tone="error">{error.message}</Alert>
          </div>
        )}
        <Field label="Customer-service account" hint="Up to 10 letters, digits or _." error={fieldError('kf_account_invalid') ?? fieldError('kf_exists')}>
          {(props) => (
            <div className="kf-name-input">
              <Input {...props} value={prefix} onChange={(e) => setPrefix(e.target.value)} placeholder="anna" autoComplete="off" maxLength={64} />
              <span className="kf-suffix mono">@{view.wechat_id ?? 'wechat-id'}</span>
            </div>
          )}
        </Field>
        <Field label="Nickname" hint="What followers see, up to 16 characters." error={fieldError('kf_nickname_invalid')}>
          {(props) => <Input {...props} value={nickname} onChange={(e) => setNickname(e.target.value)} maxLength={64} />}
        </Field>
        <Field label="Works as it" hint={view.can_supervise ? 'The operator who answers followers as this account.' : 'Only owners and admins can add other operators.'}>
          {(props) => (
            <select {...props} className="input" value={operatorId} onChange={(e) => setOperatorId(e.target.value)}>
              {choices.map((o) => (
                <option key={o.id} value={o.id} disabled={!!o.kf_account}>
                  {o.name} ({o.email}){o.id === me.operator.id ? ' · you' : ''}{o.kf_account ? ` · already ${o.kf_account}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
    </Dialog>
  );
}

/** The team: kf accounts, who works as each, who is online and how many sessions each has. */
export function RepresentativesView({ account, view, onChanged }: { account: AccountDetail; view: Reps; onChanged(next: Reps): void }) {
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const presence = async (r: Representative, online: boolean) => {
    setBusy(r.kf_account);
    try {
      onChanged(await consoleApi.post<Reps>(`/accounts/${account.appid}/kf/${encodeURIComponent(r.kf_account)}/presence`, { online }));
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(null);
    }
  };

  const columns: Column<Representative>[] = [
    {
      key: 'name',
      header: 'Representative',
      render: (r) => (
        <span className="rep-cell">
          <span className={`presence-dot ${r.online ? 'on' : ''}`} aria-hidden="true" />
          <span>
            <span className="rep-name">{r.nickname}</span> {r.is_me && <Badge tone="green">You</Badge>}
            <span className="mono muted rep-kf">{r.kf_account}</span>
          </span>
        </span>
      ),
    },
    { key: 'operator', header: 'Operator', render: (r) => (r.operator ? `${r.operator.name} · ${r.operator.email}` : <span className="muted">Not bound</span>) },
    { key: 'status', header: 'Status', render: (r) => (r.online ? <Badge tone="green">Online</Badge> : <Badge>Offline</Badge>) },
    { key: 'cases', header: 'Sessions', className: 'num', render: (r) => r.accepted_case },
    {
      key: 'actions',
      header: '',
      className: 'num',
      render: (r) =>
        r.is_me || view.can_supervise ? (
          <Button size="sm" loading={busy === r.kf_account} onClick={() => void presence(r, !r.online)}>
            {r.online ? 'Set offline' : 'Set online'}
          </Button>
        ) : null,
    },
  ];

  return (
    <Card
      title="Representatives"
      description="Operators work as the account's customer-service accounts: online ones take conversations from the queue."
      actions={
        <Button variant="primary" onClick={() => setAdding(true)}>
          + Add representative
        </Button>
      }
      className="card-flush"
    >
      <Table
        label="Representatives"
        columns={columns}
        rows={view.kf_accounts}
        rowKey={(r) => r.kf_account}
        empty={
          <EmptyState title="No representatives yet" action={<Button variant="primary" onClick={() => setAdding(true)}>Add yourself</Button>}>
            Add yourself (or a colleague) to answer followers from the inbox.
          </EmptyState>
        }
      />
      <AddDialog
        open={adding}
        onClose={() => setAdding(false)}
        account={account}
        view={view}
        onAdded={(next) => {
          onChanged(next);
          toast.show('Representative added. Go online to take conversations.');
        }}
      />
    </Card>
  );
}
