import { Alert, CopyButton } from '../../ui/index.js';
import { t } from '../../i18n/index.js';

/** An AppSecret shown once, with a copy button and the warning that it will not be shown again. */
export function SecretReveal({ secret, appid }: { secret: string; appid?: string }) {
  return (
    <div className="secret-reveal">
      {appid && (
        <div className="kv">
          <div className="kv-label">AppID</div>
          <div className="kv-value">
            <code className="mono-box" data-testid="new-appid">{appid}</code>
            <CopyButton text={appid} what="AppID" />
          </div>
        </div>
      )}
      <div className="kv">
        <div className="kv-label">AppSecret</div>
        <div className="kv-value">
          <code className="mono-box secret" data-testid="new-secret">{secret}</code>
          <CopyButton text={secret} what="AppSecret" />
        </div>
      </div>
      <Alert tone="warning" title={t('accounts.storeItNow')}>
        {t('accounts.heraldKeepsOnlyA')}
      </Alert>
    </div>
  );
}
