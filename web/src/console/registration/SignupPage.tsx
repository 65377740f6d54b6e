import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { consoleApi } from '../api.js';
import { Alert, Button, Field, Input } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import { LanguageSwitch } from '../../i18n/LanguageSwitch.js';
import { refusalText } from './words.js';
import { PublicFrame } from './PublicFrame.js';

/** Sign-up: an email and a password; the account opens when the mailed link is followed. */
export function SignupPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ email: string; link_hours: number } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t('registration.enterEmailAndPassword'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setSent(await consoleApi.post<{ email: string; link_hours: number }>('/signup', { email: email.trim(), password }));
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicFrame>
      {sent ? (
        <div className="card login-card">
          <h1 className="login-heading">{t('registration.checkYourEmail')}</h1>
          <Alert tone="success" title={t('registration.linkSent', { email: sent.email })}>
            {t('registration.linkSentHint', { hours: sent.link_hours })}
          </Alert>
          <p>
            <Link to="/console/outbox">{t('registration.openOutbox')}</Link>
          </p>
        </div>
      ) : (
        <form className="card login-card" onSubmit={submit} noValidate>
          <h1 className="login-heading">{t('registration.signUpHeading')}</h1>
          {error && (
            <div className="login-error">
              <Alert tone="error" title={t('registration.couldNotSignUp')}>{error}</Alert>
            </div>
          )}
          <Field label={t('registration.email')}>
            {(p) => <Input {...p} type="email" name="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} autoFocus />}
          </Field>
          <Field label={t('registration.password')} hint={t('registration.passwordHint')}>
            {(p) => <Input {...p} type="password" name="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={1024} />}
          </Field>
          <Button type="submit" variant="primary" loading={busy} className="login-submit">
            {t('registration.signUp')}
          </Button>
        </form>
      )}
      <p className="login-foot">
        <Link to="/console/login">{t('registration.haveAnAccount')}</Link>
      </p>
      <div className="login-lang">
        <LanguageSwitch />
      </div>
    </PublicFrame>
  );
}
