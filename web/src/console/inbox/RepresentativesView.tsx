import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Badge, Button, Card, Dialog, EmptyState, Field, Input, Table, useToast, type Column } from '../../ui/index.js';
import { useSession } from '../session/session.js';
import type { AccountDetail } from '../types.js';
import type { Representative, RepresentativesView as Reps } from './types.js';
import { t } from '../../i18n/index.js';

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
      title={t('inbox.addARepresentative')}
      footer={
        <>
          <Button onClick={onClose}>{t('inbox.cancel')}</Button>
          <Button variant="primary" type="submit" form="add-rep" loading={saving} disabled={!view.wechat_id}>
            {t('inbox.addRepresentative')}
          </Button>
        </>
      }
    >
      <form id="add-rep" onSubmit={(e) => void submit(e)}>
        {!view.wechat_id && (
          <div className="dialog-lead">
            <Alert tone="warning" title={t('inbox.thisAccountHasNo')}>
              {t('inbox.customerServiceAccountsAre')}
            </Alert>
          </div>
        )}
        {error && !['kf_account_invalid', 'kf_exists', 'kf_nickname_invalid'].includes(error.code) && (
          <div className="dialog-lead">
            <Alert tone="error">{error.message}</Alert>
          </div>
        )}
        <Field label={t('inbox.customerServiceAccount')} hint={t('inbox.upTo10Letters')} error={fieldError('kf_account_invalid') ?? fieldError('kf_exists')}>
          {(props) => (
            <div className="kf-name-input">
              <Input {...props} value={prefix} onChange={(e) => setPrefix(e.target.value)} placeholder={t('inbox.anna')} autoComplete="off" maxLength={64} />
              <span className="kf-suffix mono">@{view.wechat_id ?? t('inbox.wechatId')}</span>
            </div>
          )}
        </Field>
        <Field label={t('inbox.nickname')} hint={t('inbox.whatFollowersSeeUp')} error={fieldError('kf_nickname_invalid')}>
          {(props) => <Input {...props} value={nickname} onChange={(e) => setNickname(e.target.value)} maxLength={64} />}
        </Field>
        <Field label={t('inbox.worksAsIt')} hint={view.can_supervise ? t('inbox.theOperatorWhoAnswers') : t('inbox.onlyOwnersAndAdmins')}>
          {(props) => (
            <select {...props} className="input" value={operatorId} onChange={(e) => setOperatorId(e.target.value)}>
              {choices.map((o) => (
                <option key={o.id} value={o.id} disabled={!!o.kf_account}>
                  {o.name} ({o.email}){o.id === me.operator.id ? t('inbox.you2') : ''}{o.kf_account ? t('inbox.already', { kf_account: o.kf_account }) : ''}
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
      header: t('inbox.representative2'),
      render: (r) => (
        <span className="rep-cell">
          <span className={`presence-dot ${r.online ? 'on' : ''}`} aria-hidden="true" />
          <span>
            <span className="rep-name">{r.nickname}</span> {r.is_me && <Badge tone="green">{t('inbox.you3')}</Badge>}
            <span className="mono muted rep-kf">{r.kf_account}</span>
          </span>
        </span>
      ),
    },
    { key: 'operator', header: t('inbox.operator'), render: (r) => (r.operator ? `${r.operator.name} · ${r.operator.email}` : <span className="muted">{t('inbox.notBound')}</span>) },
    { key: 'status', header: t('inbox.status'), render: (r) => (r.online ? <Badge tone="green">{t('inbox.online')}</Badge> : <Badge>{t('inbox.offline')}</Badge>) },
    { key: 'cases', header: t('inbox.sessions'), className: 'num', render: (r) => r.accepted_case },
    {
      key: 'actions',
      header: '',
      className: 'num',
      render: (r) =>
        r.is_me || view.can_supervise ? (
          <Button size="sm" loading={busy === r.kf_account} onClick={() => void presence(r, !r.online)}>
            {r.online ? t('inbox.setOffline') : t('inbox.setOnline')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Card
      title={t('inbox.representatives')}
      description={t('inbox.operatorsWorkAsThe')}
      actions={
        <Button variant="primary" onClick={() => setAdding(true)}>
          {t('inbox.addRepresentative2')}
        </Button>
      }
      className="card-flush"
    >
      <Table
        label={t('inbox.representatives')}
        columns={columns}
        rows={view.kf_accounts}
        rowKey={(r) => r.kf_account}
        empty={
          <EmptyState title={t('inbox.noRepresentativesYet')} action={<Button variant="primary" onClick={() => setAdding(true)}>{t('inbox.addYourself')}</Button>}>
            {t('inbox.addYourselfOrA')}
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
          toast.show(t('inbox.representativeAddedGoOnline'));
        }}
      />
    </Card>
  );
}
