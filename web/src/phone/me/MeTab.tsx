import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Avatar } from '../kit/Avatar.js';
import { Cell, NavBar, Screen, TabBar } from '../kit/chrome.js';
import { chatsUnread } from '../chats/ChatsTab.js';
import { usePhone } from '../PhoneContext.js';
import { t } from '../../i18n/index.js';
import { LanguageSwitch } from '../../i18n/LanguageSwitch.js';

function permission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** 我: who this tab is, notifications, switching follower. */
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
