import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Alert, Button, Checkbox, Dialog, Field, Input, RadioGroup, TextArea } from '../../ui/index.js';
import { SecretReveal } from './SecretReveal.js';
import { accountsQuery } from '../queries.js';
import { useSession } from '../session/session.js';
import type { AccountDetail, AccountType } from '../types.js';
import { t } from '../../i18n/index.js';

interface Created {
  account: AccountDetail;
  secret: string;
}

/** Registers an account; then shows its AppID and AppSecret (once) before leaving. */
export function CreateAccountDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [type, setType] = useState<AccountType>('service');
  const [name, setName] = useState('');
  const [wechatId, setWechatId] = useState('');
  const [description, setDescription] = useState('');
  const [verified, setVerified] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  const reset = () => {
    setName('');
    setWechatId('');
    setDescription('');
    setVerified(false);
    setError(null);
    setCreated(null);
  };

  const close = () => {
    if (created) {
      void navigate(`/console/accounts/${created.account.appid}`);
    }
    reset();
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError({ field: 'name', message: t('accounts.enterAName') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await consoleApi.post<Created>('/accounts', {
        type,
        name: name.trim(),
        wechat_id: wechatId.trim() || null,
        description: description.trim(),
        ...(me.operator.platform_admin ? { verified } : {}),
      });
      setCreated(res);
      void queryClient.invalidateQueries({ queryKey: accountsQuery.queryKey });
    } catch (err) {
      const field = err instanceof ApiError ? (err.code === 'invalid_wechat_id' ? 'wechat_id' : err.code === 'invalid_name' ? 'name' : undefined) : undefined;
      setError({ field, message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <Dialog
        open={open}
        title={t('accounts.isReady', { name: created.account.name })}
        onClose={close}
        dismissable={false}
        footer={
          <Button variant="primary" onClick={close} data-autofocus>
            {t('accounts.iHaveStoredThe')}
          </Button>
        }
      >
        <p className="dialog-lead">{t('accounts.useTheseCredentialsTo')}</p>
        <SecretReveal secret={created.secret} appid={created.account.appid} />
      </Dialog>
    );
  }

  return (
    <Dialog open={open} title={t('accounts.newOfficialAccount')} onClose={close} width={560}>
      <form id="create-account" onSubmit={submit} noValidate>
        <RadioGroup<AccountType>
          name="type"
          label={t('accounts.accountType')}
          value={type}
          onChange={setType}
          options={[
            { value: 'service', label: t('accounts.serviceAccount'), description: t('accounts.menusCustomerServiceTemplates') },
            { value: 'subscription', label: t('accounts.subscriptionAccount'), description: t('accounts.dailyBroadcastsFewerApis') },
          ]}
        />
        <Field label={t('accounts.name')} error={error?.field === 'name' ? error.message : null}>
          {(p) => <Input {...p} name="name" value={name} onChange={(e) => {
            setName(e.target.value);
            if (error?.field === 'name') setError(null);
          }} maxLength={64} placeholder={t('accounts.heraldCoffee')} />}
        </Field>
        <Field label={t('accounts.wechatId')} hint={t('accounts.optional620Letters')} error={error?.field === 'wechat_id' ? error.message : null}>
          {(p) => <Input {...p} name="wechat_id" value={wechatId} onChange={(e) => {
            setWechatId(e.target.value);
            if (error?.field === 'wechat_id') setError(null);
          }} maxLength={20} placeholder={t('accounts.heraldCoffee2')} />}
        </Field>
        <Field label={t('accounts.description')} hint={t('accounts.optionalShownOnThe')}>
          {(p) => <TextArea {...p} name="description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} rows={3} className="prose" />}
        </Field>
        {me.operator.platform_admin && (
          <Checkbox label={t('accounts.verified')} hint={t('accounts.wechatVerificationUnlocksMore')} checked={verified} onChange={setVerified} />
        )}
        {error && !error.field && <Alert tone="error" title={t('accounts.couldNotCreateThe')}>{error.message}</Alert>}
      </form>
      <div className="dialog-footer flush">
        <Button onClick={close}>{t('accounts.cancel')}</Button>
        <Button type="submit" form="create-account" variant="primary" loading={busy}>
          {t('accounts.createAccount')}
        </Button>
      </div>
    </Dialog>
  );
}
