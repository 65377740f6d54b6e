import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useNavigate } from 'react-router';
import { Alert, Button, Spinner, useToast } from '../../ui/index.js';
import { NavBar, Screen } from '../kit/chrome.js';
import { Composer } from './Composer.js';
import { MoreIcon } from '../kit/icons.js';
import { LinkSheet } from '../sheets/LinkSheet.js';
import { LocationSheet } from '../sheets/LocationSheet.js';
import { MenuBar } from './MenuBar.js';
import { MessageList, messageKey } from './MessageList.js';
import { accountPath, phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import { ScanSheet } from '../sheets/ScanSheet.js';
import { useMenuActions } from './useMenuActions.js';
import { useSender } from './useSender.js';
import type { Message, Profile } from '../types.js';
import { t } from '../../i18n/index.js';
import { placementOf } from '../../../../src/modules/messaging/rules/conversation.js';

const PAGE = 30;

/** Messages and push posts in time order; messages among themselves by id (their true order). */
function byTime(a: Message, b: Message): number {
  const post = (m: Message) => m.source === 'broadcast';
  if (!post(a) && !post(b)) return a.id - b.id;
  return a.created_at.localeCompare(b.created_at) || (post(a) === post(b) ? a.id - b.id : post(a) ? -1 : 1);
}

/** The cursors of the next older page: the oldest message id and the oldest push post id held. */
function olderQuery(list: Message[]): string {
  const q = new URLSearchParams({ limit: String(PAGE) });
  const oldest = (posts: boolean) => list.find((m) => (m.source === 'broadcast') === posts);
  const msg = oldest(false);
  const post = oldest(true);
  if (msg) q.set('before', String(msg.id));
  if (post) q.set('before_post', String(post.id));
  return q.toString();
}

/** A conversation with an official account: messages, the input bar or the menu, typing, realtime. */
export function ChatScreen({ appid }: { appid: string }) {
  const navigate = useNavigate();
  const { listen, setActiveChat, reloadChats, typing, reconnects } = usePhone();
  const toast = useToast();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [keyboard, setKeyboard] = useState(false);
  const [sheet, setSheet] = useState<'location' | 'link' | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  const add = useCallback((list: Message[]) => {
    setMessages((cur) => {
      const seen = new Set(cur.map(messageKey));
      const fresh = list.filter((m) => !seen.has(messageKey(m)));
      return fresh.length ? [...cur, ...fresh].sort(byTime) : cur;
    });
  }, []);

  const markRead = useCallback(async () => {
    await phoneApi.post(accountPath(appid, '/read')).catch(() => undefined);
    void reloadChats();
  }, [appid, reloadChats]);

  const loadProfile = useCallback(async () => {
    try {
      setProfile((await phoneApi.get<{ account: Profile }>(accountPath(appid))).account);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [appid]);

  useEffect(() => {
    setActiveChat(appid);
    setMessages([]);
    setLoading(true);
    setError(null);
    stick.current = true;
    void loadProfile();
    phoneApi
      .get<{ messages: Message[]; has_more: boolean }>(accountPath(appid, `/messages?limit=${PAGE}`))
      .then((r) => {
        add(r.messages);
        setHasMore(r.has_more);
      })
      .catch((err) => setError(errorMessage(err)))
      .finally(() => setLoading(false));
    void markRead();
    const off = listen(appid, (e) => {
      if (e.type === 'message') {
        add([e.message]);
        if (e.message.direction === 'out') void markRead();
      } else if (e.type === 'menu_changed') void loadProfile();
      else if (e.type === 'broadcast') {
        phoneApi
          .get<{ message: Message }>(`/broadcasts/${e.msgId}`)
          .then((r) => {
            add([r.message]);
            void markRead();
          })
          .catch(() => undefined);
      }
    });
    return () => {
      off();
      setActiveChat(null);
    };
  }, [appid, add, listen, loadProfile, markRead, setActiveChat]);

  // After the realtime stream reconnects, fetch the newest page again (push posts are not replayed).
  useEffect(() => {
    if (reconnects === 0) return;
    phoneApi
      .get<{ messages: Message[] }>(accountPath(appid, `/messages?limit=${PAGE}`))
      .then((r) => add(r.messages))
      .catch(() => undefined);
  }, [reconnects, appid, add]);

  useEffect(() => {
    if (profile) setKeyboard((k) => k || !profile.menu || profile.menu.length === 0);
  }, [profile]);

  // Keep the newest message in view unless the person scrolled up to read.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages, typing[appid]]);

  // Pictures and videos grow once loaded: stay at the bottom while they do.
  useEffect(() => {
    const el = scroller.current;
    const list = el?.querySelector('.ph-msglist');
    if (!el || !list || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    ro.observe(list);
    return () => ro.disconnect();
  }, [loading]);

  const onScroll = () => {
    const el = scroller.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
  };

  const loadEarlier = async () => {
    const first = messages[0];
    if (!first) return;
    const el = scroller.current;
    const before = el ? el.scrollHeight - el.scrollTop : 0;
    stick.current = false;
    try {
      const r = await phoneApi.get<{ messages: Message[]; has_more: boolean }>(accountPath(appid, `/messages?${olderQuery(messages)}`));
      add(r.messages);
      setHasMore(r.has_more);
      requestAnimationFrame(() => {
        if (el) el.scrollTop = el.scrollHeight - before;
      });
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    }
  };

  const sender = useSender(appid, (m) => {
    stick.current = true;
    add(m);
  });
  const menu = useMenuActions(appid, sender, (m) => {
    stick.current = true;
    add(m);
  });

  const follow = async () => {
    try {
      const r = await phoneApi.post<{ account: Profile }>(accountPath(appid, '/follow'));
      setProfile(r.account);
      void reloadChats();
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    }
  };

  const isTyping = Boolean(typing[appid]);
  const name = profile?.name ?? messages[messages.length - 1]?.account_name ?? '';
  // Back to where the account's messages are filed (the server's rule): Chats or the Subscriptions folder.
  const back = profile && placementOf(profile.type) === 'subscriptions' ? '/phone/subscriptions' : '/phone';
  const buttons = profile?.menu ?? [];
  let footer;
  if (profile && !profile.followed) {
    footer = (
      <div className="ph-followbar">
        <Button variant="primary" className="ph-wide" onClick={follow}>
          {t('phoneChat.follow')}
        </Button>
      </div>
    );
  } else if (buttons.length > 0 && !keyboard) {
    footer = <MenuBar buttons={buttons} onPress={menu.press} onKeyboard={() => setKeyboard(true)} disabled={menu.busy} />;
  } else {
    footer = (
      <Composer
        busy={sender.busy}
        onShowMenu={buttons.length > 0 ? () => setKeyboard(false) : undefined}
        actions={{
          sendText: sender.sendText,
          sendImages: sender.sendImages,
          sendVoice: sender.sendVoice,
          sendVideo: sender.sendVideo,
          pickLocation: () => setSheet('location'),
          shareLink: () => setSheet('link'),
        }}
      />
    );
  }

  return (
    <Screen
      className="ph-chat"
      nav={
        <NavBar
          title={isTyping ? t('phoneChat.text') : name}
          sub={isTyping ? 'typing…' : undefined}
          back={back}
          right={
            <button type="button" className="ph-icon-btn" aria-label={t('phoneChat.accountInfo')} onClick={() => navigate(`/phone/accounts/${encodeURIComponent(appid)}`)}>
              <MoreIcon />
            </button>
          }
        />
      }
      footer={footer}
    >
      <div className="ph-messages" ref={scroller} onScroll={onScroll}>
        {error && <Alert tone="error">{error}</Alert>}
        {loading && (
          <div className="ph-center">
            <Spinner />
          </div>
        )}
        {hasMore && (
          <button type="button" className="ph-earlier" onClick={loadEarlier}>
            {t('phoneChat.loadEarlierMessages')}
          </button>
        )}
        <MessageList messages={messages} actions={menu.messageActions} accountName={name} appid={appid} avatarUrl={profile?.avatar_url ?? null} />
        {isTyping && (
          <div className="ph-typing" aria-live="polite">
            <span />
            <span />
            <span />
          </div>
        )}
      </div>
      <LocationSheet
        open={sheet === 'location' || menu.sheet === 'location'}
        title={menu.sheet === 'location' ? t('phoneChat.sendLocation') : undefined}
        onClose={() => (setSheet(null), menu.closeSheet())}
        onPick={async (loc) => {
          if (menu.sheet === 'location') await menu.completeLocation(loc);
          else await sender.sendLocation(loc);
          setSheet(null);
        }}
      />
      <LinkSheet
        open={sheet === 'link'}
        onClose={() => setSheet(null)}
        onSend={async (link) => {
          await sender.send({ msgtype: 'link', ...link });
          setSheet(null);
        }}
      />
      <ScanSheet open={menu.sheet === 'scan'} title={t('phoneChat.scan')} onClose={menu.closeSheet} onResult={menu.completeScan} />
      {menu.filePicker}
    </Screen>
  );
}
