import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, Button, Field, Input } from '../../ui/index.js';
import { phoneApi } from '../api.js';
import { NavBar, Screen } from '../kit/chrome.js';
import type { PhoneUser } from '../types.js';
import { t } from '../../i18n/index.js';

interface Session {
  token: string;
  user: PhoneUser;
}

/** Platform mode, a tab without a follower: log in, or sign up as a new WeChat user. */
export function SignIn({ onSession }: { onSession(s: Session): void }) {
  const [mode, setMode] = useState<'login' | 'signup'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [nickname, setNickname] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s =
        mode === 'login'
          ? await phoneApi.post<Session>('/login', { email, password })
          : await phoneApi.post<Session>('/signup', { email, password, nickname });
      onSession(s);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Screen nav={<NavBar title={mode === 'login' ? t('phoneSignin.logIn') : t('phoneSignin.signUp')} tone="white" />} className="ph-white">
      <form className="ph-form ph-pad" onSubmit={submit} aria-label={mode === 'login' ? t('phoneSignin.logIn2') : t('phoneSignin.signUp2')}>
        <div className="ph-brand" aria-hidden="true">
          <span className="ph-brand-mark">{t('phoneSignin.h')}</span>
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        {mode === 'signup' && (
          <Field label={t('phoneSignin.nickname')}>{(p) => <Input {...p} value={nickname} maxLength={64} onChange={(e) => setNickname(e.target.value)} autoComplete="nickname" />}</Field>
        )}
        <Field label={t('phoneSignin.email')}>{(p) => <Input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" />}</Field>
        <Field label={t('phoneSignin.password')} hint={mode === 'signup' ? t('phoneSignin.atLeast8Characters') : undefined}>
          {(p) => (
            <Input {...p} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete={mode === 'login' ? 'current-password' : 'new-password'} />
          )}
        </Field>
        <Button type="submit" variant="primary" loading={busy} className="ph-wide">
          {mode === 'login' ? t('phoneSignin.logIn2') : t('phoneSignin.signUp2')}
        </Button>
        <p className="ph-switch">
          {mode === 'login' ? t('phoneSignin.newToHerald') : t('phoneSignin.alreadySignedUp')}
          <button type="button" className="ph-linkish" onClick={() => setMode(mode === 'login' ? 'signup' : 'login')}>
            {mode === 'login' ? t('phoneSignin.signUp2') : t('phoneSignin.logIn2')}
          </button>
        </p>
      </form>
    </Screen>
  );
}
