import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Button, Card, CopyButton, Dialog } from '../../ui/index.js';
import { dateTime } from '../format.js';
import { SecretReveal } from '../accounts/SecretReveal.js';
import type { AccountDetail } from '../types.js';
import { t } from '../../i18n/index.js';

/** AppID, original id and the AppSecret (reset with confirmation; the new one shown once). */
export function CredentialsCard({ account, onReset }: { account: AccountDetail; onReset(hint: string): void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await consoleApi.post<{ secret: string; secret_hint: string }>(`/accounts/${account.appid}/secret/reset`);
      setConfirming(false);
      setSecret(res.secret);
      onReset(res.secret_hint);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('developer.developerId')} description={t('developer.whatYourServerUses')}>
      <div className="kv-grid">
        <div className="kv">
          <div className="kv-label">AppID</div>
          <div className="kv-value">
            <code className="mono-box" data-testid="appid">{account.appid}</code>
            <CopyButton text={account.appid} what="AppID" />
          </div>
        </div>
        <div className="kv">
          <div className="kv-label">{t('developer.originalId')}</div>
          <div className="kv-value">
            <code className="mono-box">{account.original_id}</code>
            <CopyButton text={account.original_id} what={t('developer.originalId')} />
          </div>
        </div>
        <div className="kv">
          <div className="kv-label">AppSecret</div>
          <div className="kv-value">
            <code className="mono-box muted" data-testid="secret-hint">{'•'.repeat(12)}{account.secret_hint}</code>
            <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
              {t('developer.reset')}
            </Button>
          </div>
          <div className="kv-hint">
            {t('developer.onlyTheLastFour', { value: account.secret_reset_at ? t('developer.lastReset', { dateTime: dateTime(account.secret_reset_at) }) : t('developer.issuedWhenTheAccount') })}
          </div>
        </div>
      </div>

      <Dialog
        open={confirming}
        title={t('developer.resetTheAppsecret')}
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button onClick={() => setConfirming(false)} data-autofocus>{t('developer.cancel')}</Button>
            <Button variant="primary" className="btn-danger-solid" loading={busy} onClick={() => void reset()}>
              {t('developer.resetAppsecret')}
            </Button>
          </>
        }
      >
        <p>{t('developer.theCurrentAppsecretStops')}</p>
        {error && <Alert tone="error">{error}</Alert>}
      </Dialog>

      <Dialog
        open={secret !== null}
        title={t('developer.newAppsecret')}
        onClose={() => setSecret(null)}
        dismissable={false}
        footer={<Button variant="primary" onClick={() => setSecret(null)}>{t('developer.iHaveStoredThe')}</Button>}
      >
        {secret && <SecretReveal secret={secret} />}
      </Dialog>
    </Card>
  );
}
