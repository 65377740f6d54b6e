import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Avatar } from '../kit/Avatar.js';
import { Cell, NavBar, Screen, TabBar } from '../kit/chrome.js';
import { chatsUnread } from '../chats/ChatsTab.js';
import { usePhone } from '../PhoneContext.js';
import { currentLanguage, t } from '../../i18n/index.js';
import { COUNTRIES } from '../../../../src/modules/registration/rules/countries.js';
import { errorMessage } from '../../api/client.js';
import { useToast } from '../../ui/index.js';
import { phoneApi } from '../api.js';
import type { PhoneUser } from '../types.js';
import { LanguageSwitch } from '../../i18n/LanguageSwitch.js';

function permission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Where the phone is used: mainland China by default. It decides which accounts the user may
 * find, follow and read (an overseas entity's account can be hidden from mainland China).
 */
function RegionSelect() {
  const { me, updateMe } = usePhone();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const zh = currentLanguage() === 'zh-CN';
  const options = useMemo(
    () => COUNTRIES.map(([code, en, cn]) => ({ code, name: zh ? cn : en })).sort((a, b) => a.name.localeCompare(b.name, zh ? 'zh-CN' : 'en')),
    [zh],
  );
  const change = async (region: string) => {
    setBusy(true);
    try {
      updateMe((await phoneApi.post<{ user: PhoneUser }>('/me/region', { region })).user);
      toast.show(t('phoneMe.regionSaved'), 'success');
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <label className="ph-cell">
      <span className="ph-cell-label">{t('phoneMe.region')}</span>
      <select className="ph-lang-switch" value={me.region} disabled={busy} onChange={(e) => void change(e.target.value)}>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** 我: who this tab is, where the phone is used, notifications, switching follower. */
export function MeTab() {
  const { me, mode, chats, signOut, connected } = usePhone();
  const [perm, setPerm] = useState(permission());
  const navigate = useNavigate();

  const enable = async () => {
    if (typeof Notification === 'undefined') return;
    setPerm(await Notification.requestPermission());
  };

  return (
    <Screen nav={<NavBar title={t('phoneMe.me')} />} footer={<TabBar active="me" unread={chats ? chatsUnread(chats.chats) : 0} dot={Boolean(chats?.subscriptions?.unread)} />}>
      <div className="ph-me-card">
        <Avatar name={me.nickname} seed={me.id} size={60} />
        <div>
          <div className="ph-me-name">{me.nickname}</div>
          <div className="ph-me-id">{t('phoneMe.userId', { value: me.id.slice(0, 8) })}</div>
          {me.email && <div className="ph-me-id">{me.email}</div>}
        </div>
      </div>
      <div className="ph-group" role="group" aria-label={t('phonePay.services')}>
        <Cell label={t('phonePay.wallet')} onClick={() => void navigate('/phone/wallet')} />
      </div>
      <div className="ph-group">
        <Cell
          label={t('phoneMe.notifications')}
          value={perm === 'granted' ? t('phoneMe.on') : perm === 'denied' ? t('phoneMe.blocked') : perm === 'unsupported' ? t('phoneMe.unavailable') : t('phoneMe.off')}
          onClick={perm === 'default' ? enable : undefined}
        />
        <Cell label={t('phoneMe.connection')} value={connected ? t('phoneMe.live') : t('phoneMe.reconnecting')} />
      </div>
      <div className="ph-group">
        <label className="ph-cell">
          <span className="ph-cell-label">{t('phoneMe.language')}</span>
          <LanguageSwitch className="ph-lang-switch" />
        </label>
        <RegionSelect />
      </div>
      <div className="ph-group">
        <a className="ph-cell ph-cell-link" href="/phone" target="_blank" rel="noopener">
          <span className="ph-cell-label">{mode === 'emulator' ? t('phoneMe.openAnotherFollowerIn') : t('phoneMe.openANewTab')}</span>
          <span className="ph-cell-chevron" aria-hidden="true">
            ↗
          </span>
        </a>
        <Cell label={mode === 'emulator' ? t('phoneMe.switchFollower') : t('phoneMe.logOut')} onClick={signOut} danger />
      </div>
    </Screen>
  );
}
