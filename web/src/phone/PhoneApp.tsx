import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { errorMessage } from '../api/client.js';
import { t } from '../i18n/index.js';
import { Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { Alert, Button, Loading } from '../ui/index.js';
import { Avatar } from './kit/Avatar.js';
import { NavBar, Screen } from './kit/chrome.js';
import { ArticleOverlay } from './article/ArticleView.js';
import { ChatScreen } from './chat/ChatScreen.js';
import { ChatsTab } from './chats/ChatsTab.js';
import { ContactsTab } from './contacts/ContactsTab.js';
import { DiscoverTab } from './discover/DiscoverTab.js';
import { Frame } from './Frame.js';
import { MeTab } from './me/MeTab.js';
import { MiniProgramPage } from './miniprogram/MiniProgramPage.js';
import { LinkInvitations } from './miniprogram/LinkInvitations.js';
import { Banner, ImageViewer } from './overlays.js';
import { BrowserScreen } from './browser/BrowserScreen.js';
import { MomentsScreen } from './browser/MomentsScreen.js';
import { PHONE_SIGNED_OUT, getToken, phoneApi, setToken } from './api.js';
import { PhoneProvider } from './PhoneContext.js';
import { ProfileScreen } from './profile/ProfileScreen.js';
import { PayOverlay } from './pay/PayOverlay.js';
import { WalletScreen } from './pay/WalletScreen.js';
import { ReceiptsScreen } from './pay/ReceiptsScreen.js';
import { SearchScreen } from './search/SearchScreen.js';
import { SignIn } from './signin/SignIn.js';
import { SubscriptionsFolder } from './chats/SubscriptionsFolder.js';
import { ServiceNotifications } from './chats/ServiceNotifications.js';
import { MassConfirmations } from './chats/MassConfirmations.js';
import { useScan, type ScanOutcome } from './sheets/useScan.js';
import { WhoAmI } from './signin/WhoAmI.js';
import type { PhoneUser, Profile } from './types.js';
import './phone.css';
import './chat/chat.css';
import './article/article.css';

type Mode = 'emulator' | 'platform';

/**
 * Acts on `?scan=<code>` (the page a QR code's URL opens links here), once, then drops it. A
 * link is not a scan in the phone's own scanner: an account the user does not follow yet is
 * shown first, with a Follow button, and followed only when they tap it (as WeChat asks).
 */
function ScanFromLink() {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const scan = useScan();
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ text: string; account: Profile } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const q = new URLSearchParams(search);
    const text = q.get('scan');
    if (!text || pathname !== '/phone') return;
    q.delete('scan');
    void navigate(`/phone${q.size ? `?${q}` : ''}`, { replace: true });
    phoneApi
      .post<ScanOutcome | { kind: 'preview'; account: Profile }>('/scan', { text, preview: true })
      .then((out) => (out.kind === 'preview' && !out.account.followed ? setConfirm({ text, account: out.account }) : scan(text)))
      .catch((err) => setError(errorMessage(err)));
  }, [pathname, search, scan]);
  if (confirm) {
    const { account } = confirm;
    const follow = async () => {
      setBusy(true);
      try {
        await scan(confirm.text);
        setConfirm(null);
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setBusy(false);
      }
    };
    return (
      <div className="ph-overlay ph-white" role="dialog" aria-label={t('phoneProfile.followThisAccount')} data-testid="scan-confirm">
        <Screen nav={<NavBar title="" back={() => setConfirm(null)} tone="white" />} className="ph-white">
          <div className="ph-profile">
            <Avatar name={account.name} seed={account.appid} size={72} />
            <h2 className="ph-profile-name">{account.name}</h2>
            {account.description && <p className="ph-profile-desc">{account.description}</p>}
            {error && <Alert tone="error">{error}</Alert>}
            <div className="ph-profile-actions">
              <Button variant="primary" className="ph-wide" loading={busy} onClick={() => void follow()} disabled={account.status !== 'active'}>
                {t('phoneProfile.follow')}
              </Button>
              <Button variant="secondary" className="ph-wide" onClick={() => setConfirm(null)}>
                {t('phoneSearch.cancel')}
              </Button>
            </div>
          </div>
        </Screen>
      </div>
    );
  }
  return error ? <Alert tone="error">{error}</Alert> : null;
}

/** A profile or a chat, new for each account (its state does not carry over). */
function ProfileRoute() {
  const appid = useParams().appid ?? '';
  return <ProfileScreen key={appid} appid={appid} />;
}
function ChatRoute() {
  const appid = useParams().appid ?? '';
  return <ChatScreen key={appid} appid={appid} />;
}

/** The phone's screens by path below /phone; an unknown path shows the chat list. */
const SCREENS: Array<{ path: string; element: ReactElement }> = [
  { path: '', element: <ChatsTab /> },
  { path: 'contacts', element: <ContactsTab /> },
  { path: 'discover', element: <DiscoverTab /> },
  { path: 'me', element: <MeTab /> },
  { path: 'wallet', element: <WalletScreen /> },
  { path: 'pay/receipts', element: <ReceiptsScreen /> },
  { path: 'subscriptions', element: <SubscriptionsFolder /> },
  { path: 'service-notifications', element: <ServiceNotifications /> },
  { path: 'mass-confirmations', element: <MassConfirmations /> },
  { path: 'search', element: <SearchScreen /> },
  { path: 'moments', element: <MomentsScreen /> },
  { path: 'miniprogram', element: <MiniProgramPage /> },
  { path: 'link-invitations', element: <LinkInvitations /> },
  { path: 'accounts/:appid', element: <ProfileRoute /> },
  { path: 'chat/:appid', element: <ChatRoute /> },
  { path: '*', element: <ChatsTab /> },
];

function Screens() {
  const screen = (
    <Routes>
      {SCREENS.map((s) => (s.path === '' ? <Route key="index" index element={s.element} /> : <Route key={s.path} path={s.path} element={s.element} />))}
    </Routes>
  );
  return (
    <>
      <ScanFromLink />
      {screen}
      <ArticleOverlay />
      <BrowserScreen />
      <PayOverlay />
      <ImageViewer />
      <Banner />
    </>
  );
}

/**
 * The phone simulator at /phone: one WeChat user per browser tab. Emulator mode picks or creates
 * a simulated user (`/phone?user=<id>` opens as that user); platform mode signs in by email.
 */
export function PhoneApp() {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode | null>(null);
  const [token, setTok] = useState<string | null>(() => getToken());
  const [me, setMe] = useState<PhoneUser | null>(null);
  const [error, setError] = useState<string | null>(null);

  const signIn = useCallback((s: { token: string; user: PhoneUser }) => {
    setToken(s.token);
    setTok(s.token);
    setMe(s.user);
  }, []);
  const signOut = useCallback(() => {
    setToken(null);
    setTok(null);
    setMe(null);
  }, []);

  useEffect(() => {
    phoneApi
      .get<{ mode: Mode }>('/config')
      .then((r) => setMode(r.mode))
      .catch((err) => setError(errorMessage(err)));
    window.addEventListener(PHONE_SIGNED_OUT, signOut);
    return () => window.removeEventListener(PHONE_SIGNED_OUT, signOut);
  }, [signOut]);

  // /phone?user=<id>: become that simulated user in this tab.
  const wanted = new URLSearchParams(search).get('user');
  useEffect(() => {
    if (!wanted || mode !== 'emulator') return;
    const q = new URLSearchParams(window.location.search);
    q.delete('user');
    phoneApi
      .post<{ token: string; user: PhoneUser }>('/session', { user_id: wanted })
      .then(signIn)
      .catch((err) => setError(errorMessage(err)))
      .finally(() => navigate(`${window.location.pathname}${q.size ? `?${q}` : ''}`, { replace: true }));
  }, [wanted, mode, signIn]);

  useEffect(() => {
    if (!token || me) return;
    phoneApi
      .get<{ user: PhoneUser }>('/me')
      .then((r) => setMe(r.user))
      .catch(() => signOut());
  }, [token, me, signOut]);

  let content;
  if (error && !mode) content = <Alert tone="error">{error}</Alert>;
  else if (pathname.replace(/\/+$/, '') === '/phone/miniprogram' && !token) content = <MiniProgramPage />;
  else if (!mode || (wanted && mode === 'emulator')) content = <Loading />;
  else if (!token) {
    content = (
      <>
        {error && <Alert tone="error">{error}</Alert>}
        {mode === 'emulator' ? <WhoAmI onSession={signIn} /> : <SignIn onSession={signIn} />}
      </>
    );
  } else if (!me) content = <Loading />;
  else {
    content = (
      <PhoneProvider key={me.id} me={me} mode={mode} token={token} onSignOut={signOut} onMe={setMe}>
        <Screens />
      </PhoneProvider>
    );
  }
  return (
    <Frame me={me} mode={mode}>
      {content}
    </Frame>
  );
}
