import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, Button, Field, Input } from '../../ui/index.js';
import { phoneApi } from '../api.js';
import { NavBar, Screen } from '../kit/chrome.js';
import type { PhoneUser } from '../types.js';

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
    <Screen nav={<NavBar title={mode === 'login' ? 'Log in · 登录' : 'Sign up · 注册'} tone="white" />} className="ph-white">
      <form className="ph-form ph-pad" onSubmit={submit} aria-label={mode === 'login' ? 'Log in' : 'Sign up'}>
        <div className="ph-brand" aria-hidden="true">
          <span className="ph-brand-mark">H</span>
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        {mode === 'signup' && (
          <Field label="Nickname">{(p) => <Input {...p} value={nickname} maxLength={64} onChange={(e) => setNickname(e.target.value)} autoComplete="nickname" />}</Field>
        )}
        <Field label="Email">{(p) => <Input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" />}</Field>
        <Field label="Password" hint={mode === 'signup' ? 'At least 8 characters.' : undefined}>
          {(p) => (
            <Input {...p} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete={mode === 'login' ? 'current-password' : 'new-password'} />
          )}
        </Field>
        <Button type="submit" variant="primary" loading={busy} className="ph-wide">
          {mode === 'login' ? 'Log in' : 'Sign up'}
        </Button>
        <p className="ph-switch">
          {mode === 'login' ? 'New to Herald? ' : 'Already signed up? '}
          <button type="button" className="ph-linkish" onClick={() => setMode(mode === 'login' ? 'signup' : 'login')}>
            {mode === 'login' ? 'Sign up' : 'Log in'}
          </button>
        </p>
      </form>
    </Screen>
  );
}
