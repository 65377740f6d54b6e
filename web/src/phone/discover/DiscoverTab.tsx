import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Cell, NavBar, Screen, TabBar } from '../kit/chrome.js';
import { chatsUnread } from '../chats/ChatsTab.js';
import { MomentsIcon, ScanIcon, SearchIcon } from '../kit/icons.js';
import { usePhone } from '../PhoneContext.js';
import { ScanSheet } from '../sheets/ScanSheet.js';
import { useScan } from '../sheets/useScan.js';
import { t } from '../../i18n/index.js';

/** 发现: Moments (朋友圈), Scan (扫一扫) and Search (搜一搜). `?scan=1` opens the scanner at once. */
export function DiscoverTab() {
  const navigate = useNavigate();
  const { chats } = usePhone();
  const { search } = useLocation();
  const [scanning, setScanning] = useState(false);
  const scan = useScan();

  useEffect(() => {
    if (new URLSearchParams(search).get('scan') === '1') {
      setScanning(true);
      void navigate('/phone/discover', { replace: true });
    }
  }, [search]);

  return (
    <Screen nav={<NavBar title={t('phoneDiscover.discover')} />} footer={<TabBar active="discover" unread={chats ? chatsUnread(chats.chats) : 0} dot={Boolean(chats?.subscriptions?.unread)} />}>
      <div className="ph-group">
        <Cell icon={<MomentsIcon />} label={t('phoneDiscover.moments')} onClick={() => navigate('/phone/moments')} />
      </div>
      <div className="ph-group">
        <Cell icon={<ScanIcon />} label={t('phoneDiscover.scan')} onClick={() => setScanning(true)} />
      </div>
      <div className="ph-group">
        <Cell icon={<SearchIcon />} label={t('phoneDiscover.search')} onClick={() => navigate('/phone/search')} />
      </div>
      <ScanSheet
        open={scanning}
        onClose={() => setScanning(false)}
        onResult={async (text) => {
          await scan(text);
          setScanning(false);
        }}
      />
    </Screen>
  );
}
