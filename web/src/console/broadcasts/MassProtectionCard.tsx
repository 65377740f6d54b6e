import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Field, Input, useToast } from '../../ui/index.js';
import { errorMessage } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { useAccountData } from '../queries.js';
import { t } from '../../i18n/index.js';

/** The account's API mass-send protection as the console API answers it. */
interface MassProtection {
  enabled: boolean;
  admin: { openid: string | null; nickname: string } | null;
  confirm_minutes: number;
}

/** The form, seeded from the saved setting (remounted when it changes). */
function ProtectionForm({ appid, saved, onSaved }: { appid: string; saved: MassProtection; onSaved(): void }) {
  const toast = useToast();
  const [enabled, setEnabled] = useState(saved.enabled);
  const [openid, setOpenid] = useState(saved.admin?.openid ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await consoleApi.put(accountApi(appid, '/mass-protection'), { enabled, admin_openid: openid.trim() || null });
      toast.show(enabled ? t('broadcasts.protectionOnToast') : t('broadcasts.protectionOffToast'), 'success');
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Checkbox label={t('broadcasts.protectionEnable')} checked={enabled} onChange={setEnabled} hint={t('broadcasts.protectionHint', { minutes: saved.confirm_minutes })} />
      <Field label={t('broadcasts.protectionAdmin')} hint={saved.admin ? t('broadcasts.protectionAdminNow', { name: saved.admin.nickname }) : t('broadcasts.protectionAdminHint')}>
        {(p) => <Input {...p} name="admin_openid" value={openid} maxLength={64} onChange={(e) => setOpenid(e.target.value)} autoComplete="off" />}
      </Field>
      {error && <Alert tone="error" title={t('broadcasts.protectionCouldNotSave')}>{error}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={busy}>{t('broadcasts.protectionSave')}</Button>
      </div>
    </form>
  );
}

/**
 * API群发保护: when on, each push post sent through the API (message/mass/sendall, send) waits up
 * to 30 minutes for the administrator's confirmation in their phone; refused or not confirmed, it
 * is not sent and the developer's server hears MASSSENDJOBFINISH err(40001) or err(40002).
 */
export function MassProtectionCard({ appid }: { appid: string }) {
  const q = useAccountData<MassProtection>(appid, '/mass-protection');
  return (
    <Card title={t('broadcasts.protectionTitle')} description={t('broadcasts.protectionDescription')}>
      {q.error && <Alert tone="error">{q.error.message}</Alert>}
      {q.data && <ProtectionForm key={`${q.data.enabled}|${q.data.admin?.openid ?? ''}`} appid={appid} saved={q.data} onSaved={() => void q.refresh()} />}
    </Card>
  );
}
