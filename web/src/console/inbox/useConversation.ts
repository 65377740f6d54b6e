import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { consoleApi } from '../api.js';
import type { ConversationMessage, ConversationPage } from './types.js';
import { t } from '../../i18n/index.js';

/** One open conversation: its header (follower, session, window), its messages, and how to load more. */
export interface Conversation {
  page: Omit<ConversationPage, 'messages' | 'has_more'> | undefined;
  messages: ConversationMessage[];
  hasMore: boolean;
  error: ApiError | undefined;
  loadingEarlier: boolean;
  /** Fetches the newest messages and the header now (after a reply or an action). */
  reload(): Promise<void>;
  loadEarlier(): Promise<void>;
}

const PAGE = 50;

/** Messages kept in id order without duplicates. */
function merge(a: readonly ConversationMessage[], b: readonly ConversationMessage[]): ConversationMessage[] {
  const byId = new Map<number, ConversationMessage>();
  for (const m of [...a, ...b]) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

/** Loads a conversation and refreshes its newest page every `pollMs` while the tab is visible. */
export function useConversation(apiBase: string, openid: string | null, pollMs: number): Conversation {
  const [page, setPage] = useState<Conversation['page']>(undefined);
  const [messages, setMessages] = useState<ConversationMessage[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const current = useRef(openid);
  current.current = openid;
  // The first load decides whether older messages remain; later polls only add new ones.
  const firstLoaded = useRef(false);
  const path = openid ? `${apiBase}/inbox/${encodeURIComponent(openid)}/messages` : null;

  const reload = useCallback(async () => {
    if (!path) return;
    const asked = current.current;
    try {
      const got = await consoleApi.get<ConversationPage>(`${path}?limit=${PAGE}`);
      if (current.current !== asked) return;
      const { messages: newest, has_more, ...header } = got;
      setPage(header);
      if (!firstLoaded.current) {
        firstLoaded.current = true;
        setHasMore(has_more);
      }
      setMessages((old) => merge(old, newest));
      setError(undefined);
    } catch (err) {
      if (current.current === asked) setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', t('inbox.somethingWentWrong')));
    }
  }, [path]);

  useEffect(() => {
    setPage(undefined);
    setMessages([]);
    setHasMore(false);
    setError(undefined);
    firstLoaded.current = false;
    void reload();
    if (!path) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [path, reload, pollMs]);

  const loadEarlier = useCallback(async () => {
    if (!path || messages.length === 0) return;
    setLoadingEarlier(true);
    try {
      const got = await consoleApi.get<ConversationPage>(`${path}?limit=${PAGE}&before=${messages[0].id}`);
      setMessages((old) => merge(got.messages, old));
      setHasMore(got.has_more);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', t('inbox.somethingWentWrong')));
    } finally {
      setLoadingEarlier(false);
    }
  }, [path, messages]);

  return { page, messages, hasMore, error, loadingEarlier, reload, loadEarlier };
}
