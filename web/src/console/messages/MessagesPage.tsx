import { useEffect, useId, useState } from 'react';
import { keepPreviousData, useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Button, EmptyState, Input, Spinner } from '../../ui/index.js';
import { accountKey } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { t } from '../../i18n/index.js';
import { MessageRow } from './MessageRow.js';
import type { FollowerMessageEntry, FollowerMessagesView, MessageRange } from './types.js';
import './messages.css';

/** How often the list refreshes (follower messages arrive at any time). */
const MESSAGES_POLL_MS = 5000;
const PAGE = 50;

/** The time filters, in the order the MP backend offers them. */
const RANGES = ['today', 'yesterday', 'day_before', 'last5', 'all'] as const satisfies readonly MessageRange[];
const RANGE_LABELS: Record<MessageRange, string> = {
  today: 'messages.today',
  yesterday: 'messages.yesterday',
  day_before: 'messages.dayBefore',
  last5: 'messages.last5Days',
  all: 'messages.allTime',
};

/** A follower to show alone (clicked on a row). */
interface FollowerFilter {
  openid: string;
  nickname: string;
}

function queryOf(range: MessageRange, starred: boolean, follower: FollowerFilter | null, q: string, before: number | null): string {
  const p = new URLSearchParams({ range, limit: String(PAGE) });
  if (starred) p.set('starred', 'true');
  if (follower) p.set('openid', follower.openid);
  if (q) p.set('q', q);
  if (before !== null) p.set('before', String(before));
  return p.toString();
}

/**
 * 消息管理: every message followers sent the account, newest first, whether or not a developer
 * server answered it. Filter by day, by follower, starred (星标消息) and by words; star a message;
 * answer a follower inside the 48-hour window (a customer-service message, as the inbox sends).
 */
export function MessagesPage({ account }: AccountPageProps) {
  const appid = account.appid;
  const queryClient = useQueryClient();
  const [range, setRange] = useState<MessageRange>('last5');
  const [starred, setStarred] = useState(false);
  const [follower, setFollower] = useState<FollowerFilter | null>(null);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const rangeId = useId();

  // Typing settles for a moment before searching.
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(search.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [search]);

  const listKey = accountKey(appid, 'messages', range, starred, follower?.openid ?? null, q);
  const list = useInfiniteQuery({
    queryKey: listKey,
    queryFn: ({ pageParam, signal }) =>
      consoleApi.get<FollowerMessagesView>(accountApi(appid, `/messages?${queryOf(range, starred, follower, q, pageParam)}`), { signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before,
    placeholderData: keepPreviousData,
    refetchInterval: MESSAGES_POLL_MS,
  });
  const rows = list.data?.pages.flatMap((p) => p.messages) ?? [];
  const filtered = starred || follower !== null || q !== '' || range !== 'last5';

  /** A row as changed in place (starred), without fetching the pages again. */
  const patchRow = (id: number, patch: Partial<FollowerMessageEntry>) =>
    queryClient.setQueryData<InfiniteData<FollowerMessagesView>>(listKey, (d) =>
      d && { ...d, pages: d.pages.map((p) => ({ ...p, messages: p.messages.map((m) => (m.id === id ? { ...m, ...patch } : m)) })) },
    );
  // An answer changes every row of that follower (answered, window) and the inbox.
  const refreshAll = () => queryClient.invalidateQueries({ queryKey: accountKey(appid) });

  return (
    <div className="stack messages-page">
      <div className="card">
        <div className="messages-toolbar">
          <div className="messages-views" role="group" aria-label={t('messages.whichMessages')}>
            <button type="button" className={`messages-view ${starred ? '' : 'active'}`} aria-pressed={!starred} onClick={() => setStarred(false)}>
              {t('messages.allMessages')}
            </button>
            <button type="button" className={`messages-view ${starred ? 'active' : ''}`} aria-pressed={starred} onClick={() => setStarred(true)}>
              {t('messages.starredMessages')}
            </button>
          </div>
          <div className="messages-filters">
            <label className="messages-range-label" htmlFor={rangeId}>{t('messages.time')}</label>
            <select id={rangeId} className="input messages-range" value={range} onChange={(e) => setRange(e.target.value as MessageRange)}>
              {RANGES.map((r) => (
                <option key={r} value={r}>{t(RANGE_LABELS[r])}</option>
              ))}
            </select>
            <Input
              type="search"
              className="messages-search"
              value={search}
              aria-label={t('messages.searchMessages')}
              placeholder={t('messages.searchMessageText')}
              onChange={(e) => setSearch(e.target.value)}
              maxLength={64}
            />
          </div>
        </div>
        <div className="messages-status" aria-live="polite">
          {follower && (
            <span className="messages-chip">
              {t('messages.onlyFrom', { nickname: follower.nickname })}
              <button type="button" className="messages-chip-clear" aria-label={t('messages.showEveryFollower')} onClick={() => setFollower(null)}>
                ×
              </button>
            </span>
          )}
          {list.data && <span className="muted small">{t('messages.shownCount', { count: rows.length })}</span>}
          {list.isFetching && <Spinner size={14} />}
        </div>
        {list.error ? (
          <div className="messages-error">
            <Alert tone="error" title={t('messages.couldNotLoad')}>{errorMessage(list.error)}</Alert>
          </div>
        ) : (
          <ul className="messages-list" aria-label={t('messages.followerMessages')}>
            {rows.map((m) => (
              <MessageRow
                key={m.id}
                appid={appid}
                message={m}
                onStarred={(value) => patchRow(m.id, { starred: value })}
                onAnswered={refreshAll}
                onFollower={() => setFollower({ openid: m.follower.openid, nickname: m.follower.remark || m.follower.nickname })}
              />
            ))}
          </ul>
        )}
        {!list.error && list.data && rows.length === 0 && (
          <EmptyState title={filtered ? t('messages.noMessagesMatch') : t('messages.noMessagesYet')}>
            {filtered ? t('messages.tryAnotherFilter') : t('messages.followersMessagesAppear')}
          </EmptyState>
        )}
        {list.hasNextPage && (
          <div className="messages-more">
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('messages.loadMore')}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
