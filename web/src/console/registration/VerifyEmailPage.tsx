import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { consoleApi } from '../api.js';
import { Alert, Button } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import { refusalText } from './words.js';
import { PublicFrame } from './PublicFrame.js';

/** The page a verification link opens: one button follows it (a link works once). */
export function VerifyEmailPage() {
  const { search } = useLocation();
  const token = new URLSearchParams(search).get('token') ?? '';
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await consoleApi.post<{ email: string }>('/signup/verify', { token });
      setDone(res.email);
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicFrame>
      <div className="card login-card">
        <h1 className="login-heading">{t('registration.verifyHeading')}</h1>
        {done ? (
          <Alert tone="success" title={t('registration.emailVerified')}>
            {t('registration.emailVerifiedHint', { email: done })}
          </Alert>
        ) : (
          <>
            {error && <Alert tone="error" title={t('registration.couldNotVerify')}>{error}</Alert>}
            <p>{t('registration.verifyLead')}</p>
            <Button variant="primary" loading={busy} disabled={!token} onClick={() => void verify()} className="login-submit">
              {t('registration.verifyEmail')}
            </Button>
          </>
        )}
      </div>
      <p className="login-foot">
        <Link to="/console/login">{t('registration.goToSignIn')}</Link>
      </p>
    </PublicFrame>
  );
}
