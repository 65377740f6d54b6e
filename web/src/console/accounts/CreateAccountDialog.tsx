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
      navigate(`/console/accounts/${created.account.appid}`);
    }
    reset();
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError({ field: 'name', message: 'Enter a name.' });
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
        title={`${created.account.name} is ready`}
        onClose={close}
        dismissable={false}
        footer={
          <Button variant="primary" onClick={close} data-autofocus>
            I have stored the secret
          </Button>
        }
      >
        <p className="dialog-lead">Use these credentials to call the API. Point your SDK’s API base URL at this Herald.</p>
        <SecretReveal secret={created.secret} appid={created.account.appid} />
      </Dialog>
    );
  }

  return (
    <Dialog open={open} title="New official account" onClose={close} width={560}>
      <form id="create-account" onSubmit={submit} noValidate>
        <RadioGroup<AccountType>
          name="type"
          label="Account type"
          value={type}
          onChange={setType}
          options={[
            { value: 'service', label: 'Service account', description: 'Menus, customer service, templates, OAuth.' },
            { value: 'subscription', label: 'Subscription account', description: 'Daily broadcasts; fewer APIs.' },
          ]}
        />
        <Field label="Name" error={error?.field === 'name' ? error.message : null}>
          {(p) => <Input {...p} name="name" value={name} onChange={(e) => {
            setName(e.target.value);
            if (error?.field === 'name') setError(null);
          }} maxLength={64} placeholder="Herald Coffee" />}
        </Field>
        <Field label="WeChat ID" hint="Optional. 6–20 letters, digits, _ or -, starting with a letter." error={error?.field === 'wechat_id' ? error.message : null}>
          {(p) => <Input {...p} name="wechat_id" value={wechatId} onChange={(e) => {
            setWechatId(e.target.value);
            if (error?.field === 'wechat_id') setError(null);
          }} maxLength={20} placeholder="herald_coffee" />}
        </Field>
        <Field label="Description" hint="Optional. Shown on the account’s profile.">
          {(p) => <TextArea {...p} name="description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} rows={3} className="prose" />}
        </Field>
        {me.operator.platform_admin && (
          <Checkbox label="Verified" hint="WeChat verification unlocks more APIs. Only platform administrators can set it." checked={verified} onChange={setVerified} />
        )}
        {error && !error.field && <Alert tone="error" title="Could not create the account">{error.message}</Alert>}
      </form>
      <div className="dialog-footer flush">
        <Button onClick={close}>Cancel</Button>
        <Button type="submit" form="create-account" variant="primary" loading={busy}>
          Create account
        </Button>
      </div>
    </Dialog>
  );
}
