import { useState } from 'react';
import { Avatar } from '../kit/Avatar.js';
import { Cell, NavBar, Screen, TabBar } from '../kit/chrome.js';
import { chatsUnread } from '../chats/ChatsTab.js';
import { usePhone } from '../PhoneContext.js';

function permission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** 我: who this tab is, notifications, switching follower. */
export function MeTab() {
  const { me, mode, chats, signOut, connected } = usePhone();
  const [perm, setPerm] = useState(permission());

  const enable = async () => {
    if (typeof Notification === 'undefined') return;
    setPerm(await Notification.requestPermission());
  };

  return (
    <Screen nav={<NavBar title="Me" />} footer={<TabBar active="me" unread={chats ? chatsUnread(chats.chats) : 0} dot={Boolean(chats?.subscriptions?.unread)} />}>
      <div className="ph-me-card">
        <Avatar name={me.nickname} seed={me.id} size={60} />
        <div>
          <div className="ph-me-name">{me.nickname}</div>
          <div className="ph-me-id">User ID: {me.id.slice(0, 8)}</div>
          {me.email && <div className="ph-me-id">{me.email}</div>}
        </div>
      </div>
      <div className="ph-group">
        <Cell
          label="Notifications · 新消息通知"
          value={perm === 'granted' ? 'On' : perm === 'denied' ? 'Blocked' : perm === 'unsupported' ? 'Unavailable' : 'Off'}
          onClick={perm === 'default' ? enable : undefined}
        />
        <Cell label="Connection" value={connected ? 'Live' : 'Reconnecting…'} />
      </div>
      <div className="ph-group">
        <a className="ph-cell ph-cell-link" href="/phone" target="_blank" rel="noopener">
          <span className="ph-cell-label">{mode === 'emulator' ? 'Open another follower in a new tab' : 'Open a new tab'}</span>
          <span className="ph-cell-chevron" aria-hidden="true">
            ↗
          </span>
        </a>
        <Cell label={mode === 'emulator' ? 'Switch follower · 切换账号' : 'Log out · 退出登录'} onClick={signOut} danger />
      </div>
    </Screen>
  );
}
