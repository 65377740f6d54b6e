import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, Button, Field, Input, Spinner } from '../../ui/index.js';
import { phoneApi } from '../api.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen } from '../kit/chrome.js';
import type { PhoneUser } from '../types.js';
import { currentLanguage, t } from '../../i18n/index.js';
import { sampleProfile } from '../../../../src/modules/followers/rules/sampleProfiles.js';

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
  // The new follower speaks the phone's language unless told otherwise.
  const [language, setLanguage] = useState(() => (currentLanguage() === 'zh-CN' ? 'zh_CN' : 'en'));

  /** Fills the form with a name and a place in the follower's language (Chinese for zh_*). */
  const fillSample = () => {
    const p = sampleProfile(language, Math.random());
    setNickname(p.nickname);
    setCity(p.city);
    setProvince(p.province);
    setCountry(p.country);
  };

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
    if (!nickname.trim()) return setError(t('phoneSignin.enterANickname'));
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
    <Screen nav={<NavBar title={t('phoneSignin.whoAreYou')} sub={t('phoneSignin.oneFollowerPerTab')} tone="white" />} className="ph-white">
      <div className="ph-pad">
        {error && <Alert tone="error">{error}</Alert>}
        <form className="ph-form" onSubmit={create} aria-label={t('phoneSignin.newFollower')}>
          <h2 className="ph-section-title">{t('phoneSignin.newFollower2')}</h2>
          <Field label={t('phoneSignin.nickname')}>{(p) => <Input {...p} value={nickname} maxLength={64} onChange={(e) => setNickname(e.target.value)} placeholder={t('phoneSignin.eGLiLei')} />}</Field>
          <div className="ph-form-row">
            <Field label={t('phoneSignin.city')}>{(p) => <Input {...p} value={city} maxLength={64} onChange={(e) => setCity(e.target.value)} placeholder={t('phoneSignin.shenzhen')} />}</Field>
            <Field label={t('phoneSignin.province')}>{(p) => <Input {...p} value={province} maxLength={64} onChange={(e) => setProvince(e.target.value)} placeholder={t('phoneSignin.guangdong')} />}</Field>
          </div>
          <div className="ph-form-row">
            <Field label={t('phoneSignin.country')}>{(p) => <Input {...p} value={country} maxLength={64} onChange={(e) => setCountry(e.target.value)} placeholder={t('phoneSignin.china')} />}</Field>
            <Field label={t('phoneSignin.language')}>
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
          <Button variant="secondary" className="ph-wide ph-sample" onClick={fillSample}>
            {t('phoneSignin.fillInASample')}
          </Button>
          <Button type="submit" variant="primary" loading={busy === 'new'} className="ph-wide">
            {t('phoneSignin.createAndContinue')}
          </Button>
        </form>
      </div>
      <h2 className="ph-list-caption">{t('phoneSignin.existingFollowers')}</h2>
      {users === null && !error && (
        <div className="ph-center">
          <Spinner />
        </div>
      )}
      {users?.length === 0 && <p className="ph-muted ph-pad">{t('phoneSignin.noSimulatedUsersYet')}</p>}
      <ul className="ph-list" aria-label={t('phoneSignin.existingFollowers2')}>
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
