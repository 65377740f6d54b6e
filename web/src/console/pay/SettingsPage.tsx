import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client.js';
import { Alert, Button, Card, useToast } from '../../ui/index.js';
import { accountApi, consoleApi } from '../api.js';
import { invalidatePaths } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { MerchantView } from '../../../../src/modules/pay/presenters.js';
import { MAX_PAY_DIRECTORIES } from '../../../../src/modules/pay/rules/directories.js';
import { t } from '../../i18n/index.js';
import { WithMerchant } from './merchant.js';

/** Why a directory was refused (the server's `details.reason`), in the reader's words. */
const DIRECTORY_WORDS: Record<string, string> = {
  empty: 'pay.dirEmpty',
  too_long: 'pay.dirTooLong',
  malformed: 'pay.dirMalformed',
  scheme: 'pay.dirScheme',
  credentials: 'pay.dirCredentials',
  query: 'pay.dirQuery',
  trailing_slash: 'pay.dirTrailingSlash',
  ip: 'pay.dirIp',
  port: 'pay.dirPort',
  host: 'pay.dirHost',
  duplicate: 'pay.dirDuplicate',
  limit: 'pay.dirLimit',
};

/** Why a notify URL was refused. */
const NOTIFY_WORDS: Record<string, string> = {
  malformed: 'pay.notifyMalformed',
  too_long: 'pay.notifyTooLong',
  scheme: 'pay.notifyScheme',
  credentials: 'pay.notifyCredentials',
  query: 'pay.notifyQuery',
  outbound_not_allowed: 'pay.notifyNotAllowed',
  outbound_unresolvable: 'pay.notifyUnresolvable',
};

function refusalText(err: unknown, words: Record<string, string>): string {
  const reason = err instanceof ApiError ? err.details?.reason : undefined;
  return typeof reason === 'string' && words[reason] ? t(words[reason], { max: MAX_PAY_DIRECTORIES }) : errorMessage(err);
}

/** 支付授权目录: up to 5 URL prefixes a JSAPI page must be under. */
function Directories({ appid, m, changed }: { appid: string; m: MerchantView; changed(): Promise<void> }) {
  const toast = useToast();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = accountApi(appid, `/pay/merchants/${encodeURIComponent(m.mchid)}/directories`);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await consoleApi.post(base, { directory: draft });
      setDraft('');
      toast.show(t('pay.dirAdded'), 'success');
      await changed();
    } catch (err) {
      setError(refusalText(err, DIRECTORY_WORDS));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (d: string) => {
    try {
      await consoleApi.delete(`${base}?directory=${encodeURIComponent(d)}`);
      toast.show(t('pay.dirRemoved'), 'success');
      await changed();
    } catch (err) {
      toast.show(refusalText(err, DIRECTORY_WORDS), 'error');
    }
  };
  const full = m.pay_directories.length >= MAX_PAY_DIRECTORIES;
  return (
    <Card title={t('pay.directories')} description={t('pay.directoriesHint', { max: MAX_PAY_DIRECTORIES })}>
      <div className="stack">
        {m.pay_directories.length === 0 ? (
          <p className="muted">{t('pay.noDirectories')}</p>
        ) : (
          <ul className="pay-directories" aria-label={t('pay.directories')}>
            {m.pay_directories.map((d) => (
              <li key={d}>
                <span className="mono">{d}</span>
                <Button size="sm" variant="danger" aria-label={t('pay.removeDirectory', { directory: d })} onClick={() => void remove(d)}>
                  {t('pay.remove')}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form className="pay-filters" onSubmit={add}>
          <label htmlFor="pay-directory">
            <span>{t('pay.newDirectory')}</span>
            <input id="pay-directory" className="input mono" value={draft} maxLength={256} placeholder={t('pay.directoryExample')} disabled={full} aria-invalid={error ? true : undefined} aria-describedby={error ? 'pay-directory-error' : undefined} onChange={(e) => setDraft(e.target.value)} />
          </label>
          <Button type="submit" variant="primary" loading={busy} disabled={full || draft.trim() === ''}>{t('pay.addDirectory')}</Button>
        </form>
        {error && <div id="pay-directory-error"><Alert tone="error">{error}</Alert></div>}
      </div>
    </Card>
  );
}

/** The default notify URL: where refunds that name none are reported. */
function NotifyUrl({ appid, m, changed }: { appid: string; m: MerchantView; changed(): Promise<void> }) {
  const toast = useToast();
  const [draft, setDraft] = useState(m.default_notify_url ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await consoleApi.put(accountApi(appid, `/pay/merchants/${encodeURIComponent(m.mchid)}/notify-url`), { notify_url: draft.trim() === '' ? null : draft.trim() });
      toast.show(t('pay.notifySaved'), 'success');
      await changed();
    } catch (err) {
      setError(refusalText(err, NOTIFY_WORDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('pay.notifyUrl')} description={t('pay.notifyUrlHint')}>
      <form className="pay-filters" onSubmit={save}>
        <label htmlFor="pay-notify-url">
          <span>{t('pay.notifyUrlLabel')}</span>
          <input id="pay-notify-url" className="input mono" type="url" value={draft} maxLength={256} placeholder={t('pay.notifyUrlExample')} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <Button type="submit" variant="primary" loading={busy}>{t('pay.save')}</Button>
      </form>
      {error && <Alert tone="error">{error}</Alert>}
    </Card>
  );
}

/** API security: the certificate serial and public key id shown, the APIv2 key reset (the new key shown once). */
function ApiSecurity({ appid, m }: { appid: string; m: MerchantView }) {
  const toast = useToast();
  const [key, setKey] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const reset = async () => {
    setBusy(true);
    try {
      const out = await consoleApi.post<{ api_v2_key: string }>(accountApi(appid, `/pay/merchants/${encodeURIComponent(m.mchid)}/api-v2-key`), {});
      setKey(out.api_v2_key);
      setConfirming(false);
      toast.show(t('pay.apiV2KeyReset'), 'success');
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('pay.apiSecurity')}>
      <dl className="stack">
        <div>
          <dt>{t('pay.mchid')}</dt>
          <dd className="mono">{m.mchid}</dd>
        </div>
        <div>
          <dt>{t('pay.merchantSerial')}</dt>
          <dd className="mono" data-testid="pay-merchant-serial">{m.merchant_serial}</dd>
        </div>
        <div>
          <dt>{t('pay.publicKeyId')}</dt>
          <dd className="mono" data-testid="pay-public-key-id">{m.platform_public_key_id}</dd>
        </div>
        <div>
          <dt>{t('pay.platformCertSerial')}</dt>
          <dd className="mono">{m.platform_certificate_serial}</dd>
        </div>
        <div>
          <dt>{t('pay.apiV3Key')}</dt>
          <dd>{m.api_v3_key_set ? t('pay.apiV3KeySet') : t('pay.apiV3KeyNotSet')}</dd>
        </div>
      </dl>
      <div className="stack">
        <p className="field-hint">{t('pay.apiV2KeyResetHint')}</p>
        {key && (
          <Alert tone="warning" title={t('pay.shownOnce')}>
            <p>{t('pay.apiV2Key')}</p>
            <code className="mono" data-testid="pay-new-v2-key">{key}</code>
          </Alert>
        )}
        {confirming ? (
          <div className="form-actions">
            <Button variant="danger" loading={busy} onClick={() => void reset()}>{t('pay.confirmReset')}</Button>
            <Button onClick={() => setConfirming(false)}>{t('pay.cancel')}</Button>
          </div>
        ) : (
          <div>
            <Button onClick={() => setConfirming(true)}>{t('pay.resetApiV2Key')}</Button>
          </div>
        )}
      </div>
    </Card>
  );
}

/** 开发配置 and API安全 of the merchant platform. */
export function PaySettingsPage({ account }: AccountPageProps) {
  const queryClient = useQueryClient();
  const changed = () => invalidatePaths(queryClient, account.appid, '/pay');
  return (
    <WithMerchant appid={account.appid}>
      {(m) => (
        <>
          <Directories appid={account.appid} m={m} changed={changed} />
          <NotifyUrl key={m.mchid} appid={account.appid} m={m} changed={changed} />
          <ApiSecurity appid={account.appid} m={m} />
        </>
      )}
    </WithMerchant>
  );
}
