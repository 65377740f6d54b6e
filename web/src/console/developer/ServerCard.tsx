import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Badge, Button, Card, Field, Input, RadioGroup } from '../../ui/index.js';
import { dateTime, randomAesKey, randomToken } from '../format.js';
import { serverModeOf, type AccountDetail, type ServerConfig, type ServerMode } from '../types.js';
import { t } from '../../i18n/index.js';

type Result = { tone: 'success'; title: string; text: string } | { tone: 'error'; title: string; text: string } | null;

const FIELD_OF: Record<string, string> = { url: 'url', token: 'token', encodingAesKey: 'encoding_aes_key', encoding_aes_key: 'encoding_aes_key', mode: 'mode' };

/**
 * The callback server: URL, Token, EncodingAESKey and message mode. Saving performs WeChat's
 * URL verification against the developer's server, and the result is shown as it came back.
 */
export function ServerCard({ account, onSaved }: { account: AccountDetail; onSaved(server: ServerConfig): void }) {
  const s = account.server;
  const [url, setUrl] = useState(s.url ?? '');
  const [token, setToken] = useState(s.token ?? '');
  const [aesKey, setAesKey] = useState(s.encoding_aes_key ?? '');
  const [mode, setMode] = useState<ServerMode>(serverModeOf(s.mode));
  const [busy, setBusy] = useState<'save' | 'disable' | null>(null);
  const [result, setResult] = useState<Result>(null);
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);

  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.message : null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('save');
    setResult(null);
    setFieldError(null);
    try {
      const res = await consoleApi.put<{ server: ServerConfig }>(`/accounts/${account.appid}/server`, {
        url: url.trim(),
        token: token.trim(),
        encoding_aes_key: aesKey.trim() || null,
        mode,
      });
      onSaved(res.server);
      setResult({ tone: 'success', title: t('developer.verificationSucceeded'), text: t('developer.yourServerAnsweredThe') });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'server_verification_failed') {
        setResult({ tone: 'error', title: t('developer.verificationFailedNothingWas'), text: err.message });
      } else if (err instanceof ApiError && (err.code === 'invalid_server_config' || err.code === 'invalid_request')) {
        const raw = (err.details?.field as string | undefined) ?? err.fields[0]?.path;
        const field = raw ? FIELD_OF[raw] : undefined;
        if (field) setFieldError({ field, message: err.message });
        else setResult({ tone: 'error', title: t('developer.checkTheForm'), text: err.message });
      } else {
        setResult({ tone: 'error', title: t('developer.couldNotSave'), text: errorMessage(err) });
      }
    } finally {
      setBusy(null);
    }
  };

  const disable = async () => {
    setBusy('disable');
    setResult(null);
    try {
      const res = await consoleApi.post<{ server: ServerConfig }>(`/accounts/${account.appid}/server/disable`);
      onSaved(res.server);
      setResult({ tone: 'success', title: t('developer.serverDisabled'), text: t('developer.heraldStopsPushingMessages') });
    } catch (err) {
      setResult({ tone: 'error', title: t('developer.couldNotDisable'), text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={t('developer.serverConfiguration')}
      description={t('developer.whereHeraldPushesMessages')}
      actions={
        s.enabled ? (
          <Badge tone="green">{s.verified_at ? t('developer.enabledVerified', { time: dateTime(s.verified_at) }) : t('developer.enabled')}</Badge>
        ) : (
          <Badge>{s.url ? t('developer.disabled') : t('developer.notConfigured')}</Badge>
        )
      }
    >
      <form onSubmit={save} noValidate className="server-form">
        <Field label="URL" hint={t('developer.yourServerSEndpoint')} error={errorFor('url')}>
          {(p) => <Input {...p} name="url" type="url" value={url} onChange={(e) => {
            setUrl(e.target.value);
            if (fieldError?.field === 'url') setFieldError(null);
          }} placeholder={t('developer.httpsExampleComWechat')} maxLength={1024} spellCheck={false} />}
        </Field>
        <div className="field-row">
          <Field label="Token" hint={t('developer.n332LettersOr')} error={errorFor('token')}>
            {(p) => (
              <div className="input-group">
                <Input {...p} name="token" value={token} onChange={(e) => {
                  setToken(e.target.value);
                  if (fieldError?.field === 'token') setFieldError(null);
                }} maxLength={32} spellCheck={false} autoComplete="off" />
                <Button onClick={() => setToken(randomToken())}>{t('developer.generate')}</Button>
              </div>
            )}
          </Field>
          <Field label="EncodingAESKey" hint={t('developer.n43LettersOrDigits')} error={errorFor('encoding_aes_key')}>
            {(p) => (
              <div className="input-group">
                <Input {...p} name="encoding_aes_key" className="mono" value={aesKey} onChange={(e) => {
                  setAesKey(e.target.value);
                  if (fieldError?.field === 'encoding_aes_key') setFieldError(null);
                }} maxLength={43} spellCheck={false} autoComplete="off" />
                <Button onClick={() => setAesKey(randomAesKey())}>{t('developer.generate')}</Button>
              </div>
            )}
          </Field>
        </div>
        <RadioGroup<ServerMode>
          name="mode"
          label={t('developer.messageEncryption')}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'plaintext', label: t('developer.plaintext'), description: t('developer.xmlAsIsSimplest') },
            { value: 'compatible', label: t('developer.compatible'), description: t('developer.plaintextFieldsPlusThe') },
            { value: 'safe', label: t('developer.safe'), description: t('developer.encryptedOnlyAesRecommended') },
          ]}
        />
        {errorFor('mode') && <div className="field-error">{errorFor('mode')}</div>}
        {result && (
          <div className="server-result" data-testid="server-result">
            <Alert tone={result.tone} title={result.title}>
              {result.text}
            </Alert>
          </div>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={busy === 'save'} disabled={busy !== null}>
            {t('developer.verifyAndSave')}
          </Button>
          {s.enabled && (
            <Button variant="danger" onClick={() => void disable()} loading={busy === 'disable'} disabled={busy !== null}>
              {t('developer.disable')}
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
