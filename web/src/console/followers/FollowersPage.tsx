import { useEffect, useState } from 'react';
import { keepPreviousData, useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Badge, Button, CopyButton, EmptyState, Input, Spinner, Table, useToast, type Column } from '../../ui/index.js';
import { BLACKLIST_BATCH_MAX, TAGGING_BATCH_MAX } from '../../../../src/modules/followers/rules/audience.js';
import { dateTime } from '../format.js';
import { accountKey, useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { RemarkCell } from './RemarkCell.js';
import { TagsPanel } from './TagsPanel.js';
import { sceneLabel, type Filter, type Follower, type FollowerPage, type TagsView } from './types.js';
import './followers.css';
import { t } from '../../i18n/index.js';

const PAGE = 50;

function queryOf(q: string, filter: Filter, cursor: string | null): string {
  const p = new URLSearchParams({ limit: String(PAGE) });
  if (q) p.set('q', q);
  if (filter.kind === 'tag') p.set('tag', String(filter.id));
  if (filter.kind === 'blacklist') p.set('blacklisted', 'true');
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}

/**
 * Followers: search by nickname, remark or openid; filter by tag or the blacklist; select rows
 * to tag, untag or blacklist them (the API's batch limits apply); edit remarks in place.
 */
export function FollowersPage({ account }: AccountPageProps) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const appid = account.appid;
  const tags = useAccountData<TagsView>(appid, '/tags');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<Filter>({ kind: 'all' });
  /** The search and filter the rows on screen answer (the inputs may be ahead of them). */
  const [shown, setShown] = useState<{ q: string; filter: Filter } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkTag, setBulkTag] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [bulkError, setBulkError] = useState<string | null>(null);
  // Pages of followers for the search and filter; the rows stay on screen while the next answer loads.
  const followersKey = accountKey(appid, 'followers', q, filter);
  const followers = useInfiniteQuery({
    queryKey: followersKey,
    queryFn: ({ pageParam, signal }) => consoleApi.get<FollowerPage>(accountApi(appid, `/followers?${queryOf(q, filter, pageParam)}`), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
  });
  const rows = followers.data?.pages.flatMap((p) => p.followers) ?? [];
  const total = followers.data ? followers.data.pages[followers.data.pages.length - 1].total : null;
  const loading = followers.isFetching;
  const loadError = followers.error ? errorMessage(followers.error) : null;
  const answered = followers.data !== undefined && !followers.isPlaceholderData;
  useEffect(() => {
    if (answered) setShown({ q, filter });
  }, [answered, q, filter]);
  // A new search or filter starts with nothing selected.
  useEffect(() => setSelected(new Set()), [appid, q, filter]);
  /** A follower's row as edited in place (the remark), without fetching the pages again. */
  const setRow = (openid: string, patch: Partial<Follower>) =>
    queryClient.setQueryData<InfiniteData<FollowerPage>>(followersKey, (d) =>
      d && { ...d, pages: d.pages.map((p) => ({ ...p, followers: p.followers.map((r) => (r.openid === openid ? { ...r, ...patch } : r)) })) },
    );

  // Typing settles for a moment before searching.
  useEffect(() => {
    const t = window.setTimeout(() => setQ(search.trim()), 250);
    return () => window.clearTimeout(t);
  }, [search]);

  // Tags and the blacklist change what every list of followers holds, and the tag counts.
  const refresh = () => {
    setSelected(new Set());
    void queryClient.invalidateQueries({ queryKey: accountKey(appid, 'followers') });
    void tags.refresh();
  };

  const bulk = async (what: 'tag' | 'untag' | 'blacklist' | 'unblacklist') => {
    const openids = [...selected];
    setBusy(what);
    setBulkError(null);
    try {
      if (what === 'tag' || what === 'untag') {
        await consoleApi.post(`/accounts/${appid}/followers/tagging`, { openids, tag_id: Number(bulkTag), action: what === 'tag' ? 'add' : 'remove' });
        const name = tags.data?.tags.find((tag) => String(tag.id) === bulkTag)?.name ?? t('followers.theTag');
        toast.show(what === 'tag' ? t('followers.taggedWith', { count: openids.length, name }) : t('followers.untaggedFrom', { count: openids.length, name }));
      } else {
        await consoleApi.post(`/accounts/${appid}/followers/blacklist`, { openids, action: what === 'blacklist' ? 'add' : 'remove' });
        toast.show(what === 'blacklist' ? t('followers.blacklistedCount', { count: openids.length }) : t('followers.releasedCount', { count: openids.length }));
      }
      refresh();
    } catch (err) {
      setBulkError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const toggle = (openid: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(openid)) next.delete(openid);
      else next.add(openid);
      return next;
    });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.openid));

  const columns: Column<Follower>[] = [
    {
      key: 'select',
      width: '36px',
      header: (
        <input
          type="checkbox"
          aria-label={t('followers.selectAllShownFollowers')}
          checked={allSelected}
          onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.openid)))}
        />
      ),
      render: (f) => <input type="checkbox" aria-label={t('followers.select', { nickname: f.nickname })} checked={selected.has(f.openid)} onChange={() => toggle(f.openid)} />,
    },
    {
      key: 'follower',
      header: t('followers.follower'),
      render: (f) => (
        <div className="follower-cell">
          <span className="avatar follower-avatar" aria-hidden="true">{f.nickname.slice(0, 1).toUpperCase()}</span>
          <div className="follower-main">
            <div className="follower-name">{f.nickname}</div>
            <RemarkCell
              appid={appid}
              openid={f.openid}
              nickname={f.nickname}
              remark={f.remark}
              onSaved={(remark) => setRow(f.openid, { remark })}
            />
          </div>
        </div>
      ),
    },
    {
      key: 'region',
      header: t('followers.regionLanguage'),
      render: (f) => (
        <div className="follower-region">
          <div>{f.region || <span className="muted">—</span>}</div>
          <div className="muted small mono">{f.language}</div>
        </div>
      ),
    },
    {
      key: 'openid',
      header: 'OpenID',
      render: (f) => (
        <span className="openid-cell">
          <code className="mono truncate" title={f.openid}>{f.openid}</code>
          <CopyButton text={f.openid} what="OpenID" />
        </span>
      ),
    },
    {
      key: 'followed',
      header: t('followers.followed'),
      className: 'nowrap',
      render: (f) => (
        <div>
          <div>{dateTime(f.subscribe_time)}</div>
          <div className="muted small">{sceneLabel(f.subscribe_scene)}</div>
        </div>
      ),
    },
    {
      key: 'tags',
      header: t('followers.tags'),
      render: (f) => (
        <div className="follower-tags">
          {f.blacklisted && <Badge tone="red">{t('followers.blacklisted')}</Badge>}
          {!f.subscribed && <Badge>{t('followers.unfollowed')}</Badge>}
          {f.tags.map((t) => (
            <Badge key={t.id} tone="blue">{t.name}</Badge>
          ))}
        </div>
      ),
    },
  ];

  const n = selected.size;
  const shownFilter = shown?.filter ?? filter;
  const filterLabel =
    shownFilter.kind === 'all'
      ? t('followers.allFollowers')
      : shownFilter.kind === 'blacklist'
        ? t('followers.blacklist')
        : (tags.data?.tags.find((t) => t.id === shownFilter.id)?.name ?? t('followers.tag'));
  const customTags = tags.data?.tags ?? [];

  return (
    <div className="followers-layout">
      <div className="stack followers-main">
        <div className="card">
          <div className="followers-toolbar">
            <div className="followers-search">
              <Input
                type="search"
                value={search}
                aria-label={t('followers.searchFollowers')}
                placeholder={t('followers.searchNicknameRemarkOr')}
                onChange={(e) => setSearch(e.target.value)}
                maxLength={64}
              />
            </div>
            <div className="followers-count" aria-live="polite">
              <strong>{filterLabel}</strong>
              <span className="muted">
                {total === null ? '' : ` · ${t('followers.followerCount', { count: total })}`}
                {shown?.q ? t('followers.matching', { q: shown.q }) : ''}
              </span>
              {loading && <Spinner size={14} />}
            </div>
          </div>
          {n > 0 && (
            <div className="bulk-bar" role="region" aria-label={t('followers.bulkActions')}>
              <span className="bulk-count">{t('followers.selected', { n })}</span>
              <select className="input bulk-select" aria-label={t('followers.tagForSelectedFollowers')} value={bulkTag} onChange={(e) => setBulkTag(e.target.value)}>
                <option value="">{t('followers.chooseATag')}</option>
                {customTags.map((t) => (
                  <option key={t.id} value={String(t.id)}>{t.name}</option>
                ))}
              </select>
              <Button size="sm" disabled={!bulkTag || busy !== null} loading={busy === 'tag'} onClick={() => void bulk('tag')} title={t('followers.upToAtA', { TAGGING_BATCH_MAX })}>
                {t('followers.addTag')}
              </Button>
              <Button size="sm" disabled={!bulkTag || busy !== null} loading={busy === 'untag'} onClick={() => void bulk('untag')}>
                {t('followers.removeTag')}
              </Button>
              <span className="bulk-sep" />
              {filter.kind === 'blacklist' ? (
                <Button size="sm" disabled={busy !== null} loading={busy === 'unblacklist'} onClick={() => void bulk('unblacklist')}>
                  {t('followers.removeFromBlacklist')}
                </Button>
              ) : (
                <Button size="sm" variant="danger" disabled={busy !== null} loading={busy === 'blacklist'} onClick={() => void bulk('blacklist')} title={t('followers.upToAtA2', { BLACKLIST_BATCH_MAX })}>
                  {t('followers.blacklist')}
                </Button>
              )}
              <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
                {t('followers.clearSelection')}
              </Button>
            </div>
          )}
          {bulkError && (
            <div className="bulk-error">
              <Alert tone="error" title={t('followers.nothingWasChanged')}>{bulkError}</Alert>
            </div>
          )}
          {loadError ? (
            <div className="bulk-error">
              <Alert tone="error" title={t('followers.couldNotLoadFollowers')}>{loadError}</Alert>
            </div>
          ) : (
            <Table
              label={t('followers.followers')}
              columns={columns}
              rows={rows}
              rowKey={(f) => f.openid}
              empty={
                !loading && (
                  <EmptyState title={q || filter.kind !== 'all' ? t('followers.noFollowersMatch') : t('followers.noFollowersYet')}>
                    {q || filter.kind !== 'all' ? t('followers.tryAnotherSearchOr') : t('followers.peopleWhoFollowThe')}
                  </EmptyState>
                )
              }
            />
          )}
          {followers.hasNextPage && (
            <div className="followers-more">
              <Button onClick={() => void followers.fetchNextPage()} loading={loading}>
                {t('followers.loadMore')}
              </Button>
            </div>
          )}
        </div>
      </div>
      <TagsPanel appid={appid} view={tags.data} filter={filter} onFilter={setFilter} onChanged={refresh} />
    </div>
  );
}
