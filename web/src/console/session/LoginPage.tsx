import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { consoleApi, setCsrfToken } from '../api.js';
import { Alert, Button, Field, Input } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import { LanguageSwitch } from '../../i18n/LanguageSwitch.js';
import { PublicFrame } from '../registration/PublicFrame.js';

/** Sign-in: email and password. Errors come from the server and are shown as they are. */
export function LoginPage({ onSignedIn }: { onSignedIn(): Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The outbox answers without a session in emulator mode only: its link is shown there.
  const [outbox, setOutbox] = useState(false);
  useEffect(() => {
    consoleApi.get('/mail/outbox?limit=1').then(() => setOutbox(true), () => setOutbox(false));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t('session.enterYourEmailAnd'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await consoleApi.post<{ csrf_token: string }>('/login', { email: email.trim(), password });
      setCsrfToken(res.csrf_token);
      await onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'invalid_request' ? t('session.enterYourEmailAnd') : errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <PublicFrame>
        <form className="card login-card" onSubmit={submit} noValidate>
          <h1 className="login-heading">{t('session.signInToThe')}</h1>
          {error && (
            <div className="login-error">
              <Alert tone="error" title={t('session.couldNotSignIn')}>
                {error}
              </Alert>
            </div>
          )}
          <Field label={t('session.email')}>
            {(p) => <Input {...p} type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus maxLength={254} />}
          </Field>
          <Field label={t('session.password')}>
            {(p) => <Input {...p} type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={1024} />}
          </Field>
          <Button type="submit" variant="primary" loading={busy} className="login-submit">
            {t('session.signIn')}
          </Button>
        </form>
        <p className="login-foot">
          <Link to="/console/signup">{t('session.signUpLink')}</Link>
          {outbox && (
            <>
              {' · '}
              <Link to="/console/outbox">{t('session.outboxLink')}</Link>
            </>
          )}
        </p>
        <p className="login-foot">{t('session.manageYourOfficialAccounts')}</p>
        <div className="login-lang">
          <LanguageSwitch />
        </div>
    </PublicFrame>
  );
}
