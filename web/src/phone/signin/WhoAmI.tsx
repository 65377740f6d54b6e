import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, Button, Field, Input, Spinner } from '../../ui/index.js';
import { phoneApi } from '../api.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen } from '../kit/chrome.js';
import type { PhoneUser } from '../types.js';

interface Session {
  token: string;
  user: PhoneUser;
}

const LANGUAGES = [
  ['zh_CN', '简体中文'],
  ['zh_TW', '繁體中文 (TW)'],
  ['zh_HK', '繁體中文 (HK)'],
  ['en', 'English'],
] as const;

/** Emulator mode, a tab without a follower: pick an existing simulated user or create one. */
export function WhoAmI({ onSession }: { onSession(s: Session): void }) {
  const [users, setUsers] = useState<PhoneUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [nickname, setNickname] = useState('');
  const [city, setCity] = useState('');
  const [province, setProvince] = useState('');
  const [country, setCountry] = useState('');
  const [language, setLanguage] = useState('zh_CN');

  useEffect(() => {
    phoneApi
      .get<{ users: PhoneUser[] }>('/users')
      .then((r) => setUsers(r.users))
      .catch((err) => setError(errorMessage(err)));
  }, []);

  const become = async (userId: string) => {
    setBusy(userId);
    setError(null);
    try {
      onSession(await phoneApi.post<Session>('/session', { user_id: userId }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(null);
    }
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!nickname.trim()) return setError('Enter a nickname.');
    setBusy('new');
    setError(null);
    try {
      const body = { nickname: nickname.trim(), language, ...(city ? { city } : {}), ...(province ? { province } : {}), ...(country ? { country } : {}) };
      const { user } = await phoneApi.post<{ user: PhoneUser }>('/users', body);
      await become(user.id);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(null);
    }
  };

  return (
    <Screen nav={<NavBar title="Who are you?" sub="选择身份 · one follower per tab" tone="white" />} className="ph-white">
      <div className="ph-pad">
        {error && <Alert tone="error">{error}</Alert>}
        <form className="ph-form" onSubmit={create} aria-label="New follower">
          <h2 className="ph-section-title">New follower · 新用户</h2>
          <Field label="Nickname">{(p) => <Input {...p} value={nickname} maxLength={64} onChange={(e) => setNickname(e.target.value)} placeholder="e.g. Li Lei" />}</Field>
          <div className="ph-form-row">
            <Field label="City">{(p) => <Input {...p} value={city} maxLength={64} onChange={(e) => setCity(e.target.value)} placeholder="Shenzhen" />}</Field>
            <Field label="Province">{(p) => <Input {...p} value={province} maxLength={64} onChange={(e) => setProvince(e.target.value)} placeholder="Guangdong" />}</Field>
          </div>
          <div className="ph-form-row">
            <Field label="Country">{(p) => <Input {...p} value={country} maxLength={64} onChange={(e) => setCountry(e.target.value)} placeholder="China" />}</Field>
            <Field label="Language">
              {(p) => (
                <select {...p} className="input" value={language} onChange={(e) => setLanguage(e.target.value)}>
                  {LANGUAGES.map(([v, label]) => (
                    <option key={v} value={v}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Button type="submit" variant="primary" loading={busy === 'new'} className="ph-wide">
            Create and continue
          </Button>
        </form>
      </div>
      <h2 className="ph-list-caption">Existing followers · 已有用户</h2>
      {users === null && !error && (
        <div className="ph-center">
          <Spinner />
        </div>
      )}
      {users?.length === 0 && <p className="ph-muted ph-pad">No simulated users yet. Create the first one above.</p>}
      <ul className="ph-list" aria-label="Existing followers">
        {users?.map((u) => (
          <li key={u.id}>
            <button type="button" className="ph-row" onClick={() => become(u.id)} disabled={busy !== null}>
              <Avatar name={u.nickname} seed={u.id} size={40} />
              <span className="ph-row-main">
                <span className="ph-row-title">{u.nickname}</span>
                <span className="ph-row-sub">{[u.city, u.province, u.country].filter(Boolean).join(', ') || u.language}</span>
              </span>
              {busy === u.id && <Spinner size={16} />}
            </button>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
