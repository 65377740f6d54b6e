import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { phoneApi } from './api.js';
import { useRealtime } from './realtime.js';
import type { ArticleTarget, ChatsView, PhoneUser, RealtimeEvent } from './types.js';
import { t } from '../i18n/index.js';
import { previewLine } from '../ui/previewLine.js';
import { notifyOf } from '../../../src/modules/messaging/rules/conversation.js';

/** A heads-up notification sliding in from the top of the phone (service accounts). */
export interface BannerNote {
  id: number;
  appid: string;
  name: string;
  preview: string;
}

/**
 * Where the in-app browser was opened from, as WeChat's client knows it: an account's chat or
 * menu (silent snsapi_userinfo for its followers), Moments (snapshot-page mode for non-followers).
 */
export type BrowserFrom = { from: 'chat' | 'menu'; appid: string } | { from: 'moments' };

interface PhoneState {
  me: PhoneUser;
  mode: 'emulator' | 'platform';
  token: string;
  chats: ChatsView | null;
  reloadChats(): Promise<void>;
  connected: boolean;
  /** Accounts currently "typing…" (custom/typing). */
  typing: Record<string, boolean>;
  /** Listens to realtime events of one account (the open conversation). */
  listen(appid: string, fn: (e: RealtimeEvent) => void): () => void;
  /** The conversation on screen (no banner for it). */
  setActiveChat(appid: string | null): void;
  banner: BannerNote | null;
  dismissBanner(): void;
  /** Opens a web page in the in-phone browser. */
  openBrowser(url: string, title?: string, from?: BrowserFrom): void;
  browser: { url: string; title?: string; from?: BrowserFrom } | null;
  closeBrowser(): void;
  /** Shows a picture full screen. */
  viewImage(url: string): void;
  image: string | null;
  closeImage(): void;
  /** Opens an article in the in-phone article view (/s/<id> with the reader's bar). */
  openArticle(a: ArticleTarget): void;
  article: ArticleTarget | null;
  closeArticle(): void;
  /** Counts reconnects of the realtime stream: screens reload what may have been missed. */
  reconnects: number;
  /** Counts mass-send confirmations asked of this user (API mass-send protection): the lists reload. */
  confirmations: number;
  signOut(): void;
  /** Takes the user as the server now has it (after a change in 我). */
  updateMe(user: PhoneUser): void;
}

const Ctx = createContext<PhoneState | null>(null);

/** The signed-in phone's shared state; throws outside the provider. */
export function usePhone(): PhoneState {
  const v = useContext(Ctx);
  if (!v) throw new Error('usePhone outside PhoneProvider');
  return v;
}

/** How long "typing…" lasts without a new event (WeChat's indicator lasts about 15 s). */
const TYPING_MS = 15_000;

/** Shows a system notification when the page is hidden and the person allowed it. */
function systemNotify(title: string, body: string): void {
  try {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    new Notification(title, { body, tag: `herald-${title}` });
  } catch {
    /* some browsers only allow notifications from a service worker */
  }
}

/** Holds a signed-in tab's state: the chat list, the realtime stream, typing, banners and overlays. */
export function PhoneProvider({ me, mode, token, onSignOut, onMe, children }: {
  me: PhoneUser;
  mode: 'emulator' | 'platform';
  token: string;
  onSignOut(): void;
  onMe(user: PhoneUser): void;
  children: ReactNode;
}) {
  const [chats, setChats] = useState<ChatsView | null>(null);
  const [typing, setTyping] = useState<Record<string, boolean>>({});
  const [banner, setBanner] = useState<BannerNote | null>(null);
  const [browser, setBrowser] = useState<{ url: string; title?: string; from?: BrowserFrom } | null>(null);
  const [image, setImage] = useState<string | null>(null);
  const [article, setArticle] = useState<ArticleTarget | null>(null);
  const [reconnects, setReconnects] = useState(0);
  const [confirmations, setConfirmations] = useState(0);
  const listeners = useRef(new Map<string, Set<(e: RealtimeEvent) => void>>());
  const active = useRef<string | null>(null);
  const typingTimers = useRef(new Map<string, number>());
  const bannerSeq = useRef(0);

  const reloadChats = useCallback(async () => {
    try {
      setChats(await phoneApi.get<ChatsView>('/chats'));
    } catch {
      /* the list keeps what it had; the next event retries */
    }
  }, []);

  useEffect(() => {
    void reloadChats();
  }, [reloadChats]);

  const setTypingFor = useCallback((appid: string, on: boolean) => {
    window.clearTimeout(typingTimers.current.get(appid));
    setTyping((t) => ({ ...t, [appid]: on }));
    if (on) typingTimers.current.set(appid, window.setTimeout(() => setTyping((t) => ({ ...t, [appid]: false })), TYPING_MS));
  }, []);

  const notifyBanner = useCallback((appid: string, name: string, view: ChatsView | null) => {
    if (active.current === appid) return;
    const entry = view?.chats.find((c) => c.appid === appid);
    const preview = (entry && previewLine(entry.preview)) || t('phone.newMessage');
    const id = ++bannerSeq.current;
    setBanner({ id, appid, name, preview });
    window.setTimeout(() => setBanner((b) => (b?.id === id ? null : b)), 5000);
    if (document.visibilityState !== 'visible') systemNotify(name, preview);
  }, []);

  const onEvent = useCallback(
    (e: RealtimeEvent) => {
      const appid = e.type === 'message' ? e.message.appid : e.appid;
      listeners.current.get(appid)?.forEach((fn) => fn(e));
      if (e.type === 'typing') setTypingFor(appid, e.typing);
      if (e.type === 'mass_confirmation') {
        setConfirmations((n) => n + 1);
        return;
      }
      if (e.type === 'broadcast') {
        // Service accounts' posts arrive in Chats with a notification; subscription accounts'
        // posts go to the folder silently (its dot comes from the reloaded list).
        void (async () => {
          const view = await phoneApi.get<ChatsView>('/chats').catch(() => null);
          if (view) setChats(view);
          const entry = view?.chats.find((c) => c.appid === appid);
          if (entry && notifyOf(entry.type, 'out')) notifyBanner(appid, entry.name, view);
        })();
        return;
      }
      if (e.type !== 'message') return;
      const m = e.message;
      if (m.direction === 'out') setTypingFor(appid, false);
      void (async () => {
        const view = await phoneApi.get<ChatsView>('/chats').catch(() => null);
        if (view) setChats(view);
        if (m.direction !== 'out' || !m.notify) return;
        notifyBanner(appid, m.account_name, view);
      })();
    },
    [setTypingFor, notifyBanner],
  );

  const { connected } = useRealtime(token, chats ? chats.cursor : null, onEvent);

  // Push posts are not replayed after a dropped connection: reload the lists instead.
  const wasConnected = useRef(false);
  useEffect(() => {
    if (!connected) return;
    if (wasConnected.current) {
      void reloadChats();
      setReconnects((n) => n + 1);
    }
    wasConnected.current = true;
  }, [connected, reloadChats]);

  const listen = useCallback((appid: string, fn: (e: RealtimeEvent) => void) => {
    const set = listeners.current.get(appid) ?? new Set();
    set.add(fn);
    listeners.current.set(appid, set);
    return () => {
      set.delete(fn);
    };
  }, []);

  // Callbacks keep their identity across renders: screens use them in effect dependencies.
  const setActiveChat = useCallback((appid: string | null) => {
    active.current = appid;
    if (appid) setBanner((b) => (b?.appid === appid ? null : b));
  }, []);
  const dismissBanner = useCallback(() => setBanner(null), []);
  const openBrowser = useCallback((url: string, title?: string, from?: BrowserFrom) => setBrowser({ url, title, from }), []);
  const closeBrowser = useCallback(() => setBrowser(null), []);
  const viewImage = useCallback((url: string) => setImage(url), []);
  const closeImage = useCallback(() => setImage(null), []);
  const openArticle = useCallback((a: ArticleTarget) => setArticle(a), []);
  const closeArticle = useCallback(() => setArticle(null), []);
  const navigate = useNavigate();
  const signOut = useCallback(() => {
    onSignOut();
    void navigate('/phone', { replace: true });
  }, [onSignOut]);

  const value = useMemo<PhoneState>(
    () => ({
      me,
      mode,
      token,
      chats,
      reloadChats,
      connected,
      typing,
      listen,
      setActiveChat,
      banner,
      dismissBanner,
      openBrowser,
      browser,
      closeBrowser,
      viewImage,
      image,
      closeImage,
      openArticle,
      article,
      closeArticle,
      reconnects,
      confirmations,
      signOut,
      updateMe: onMe,
    }),
    [me, mode, token, chats, reloadChats, connected, typing, listen, setActiveChat, banner, dismissBanner, openBrowser, browser, closeBrowser, viewImage, image, closeImage, openArticle, article, closeArticle, reconnects, confirmations, signOut, onMe],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
