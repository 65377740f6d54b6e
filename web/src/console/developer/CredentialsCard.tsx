import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Button, Card, CopyButton, Dialog } from '../../ui/index.js';
import { dateTime } from '../format.js';
import { SecretReveal } from '../accounts/SecretReveal.js';
import type { AccountDetail } from '../types.js';

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
    <Card title="Developer ID" description="What your server uses to get an access_token.">
      <div className="kv-grid">
        <div className="kv">
          <div className="kv-label">AppID</div>
          <div className="kv-value">
            <code className="mono-box" data-testid="appid">{account.appid}</code>
            <CopyButton text={account.appid} what="AppID" />
          </div>
        </div>
        <div className="kv">
          <div className="kv-label">Original ID</div>
          <div className="kv-value">
            <code className="mono-box">{account.original_id}</code>
            <CopyButton text={account.original_id} what="Original ID" />
          </div>
        </div>
        <div className="kv">
          <div className="kv-label">AppSecret</div>
          <div className="kv-value">
            <code className="mono-box muted" data-testid="secret-hint">{'•'.repeat(12)}{account.secret_hint}</code>
            <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
              Reset
            </Button>
          </div>
          <div className="kv-hint">
            {account.secret_reset_at ? `Last reset ${dateTime(account.secret_reset_at)}.` : 'Issued when the account was created.'} Only the last four characters are kept visible.
          </div>
        </div>
      </div>

      <Dialog
        open={confirming}
        title="Reset the AppSecret?"
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button onClick={() => setConfirming(false)} data-autofocus>Cancel</Button>
            <Button variant="primary" className="btn-danger-solid" loading={busy} onClick={() => void reset()}>
              Reset AppSecret
            </Button>
          </>
        }
      >
        <p>The current AppSecret stops working immediately, and so do the access tokens issued with it. Servers using it cannot call the API until you update them.</p>
        {error && <Alert tone="error">{error}</Alert>}
      </Dialog>

      <Dialog
        open={secret !== null}
        title="New AppSecret"
        onClose={() => setSecret(null)}
        dismissable={false}
        footer={<Button variant="primary" onClick={() => setSecret(null)}>I have stored the secret</Button>}
      >
        {secret && <SecretReveal secret={secret} />}
      </Dialog>
    </Card>
  );
}
