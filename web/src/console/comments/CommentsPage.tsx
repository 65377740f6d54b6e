import { useState } from 'react';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Button, EmptyState, Input, Loading } from '../../ui/index.js';
import { errorMessage } from '../../api/client.js';
import { accountKey, invalidatePaths, useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { BlockedList } from './BlockedList.js';
import { CommentItem } from './CommentItem.js';
import { CommentSettings } from './CommentSettings.js';
import type { CommentArticles, CommentFilter, CommentPage } from './types.js';
import './comments.css';
import { t } from '../../i18n/index.js';

const FILTERS: CommentFilter[] = ['all', 'featured', 'normal'];
const FILTER_LABEL: Record<CommentFilter, string> = { all: 'comments.filterAll', featured: 'comments.filterFeatured', normal: 'comments.filterNormal' };
const PAGE = 20;

/**
 * 留言管理: readers' comments across the account's articles or on one article (all, featured or
 * not, searchable), with the actions WeChat offers, the comment settings and the blocked list.
 */
export function CommentsPage({ account }: AccountPageProps) {
  const appid = account.appid;
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<CommentFilter>('all');
  const [articleId, setArticleId] = useState('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const articles = useAccountData<CommentArticles>(appid, '/comments/articles');

  const params = (before: number | null) => {
    const p = new URLSearchParams({ filter, limit: String(PAGE) });
    if (articleId) p.set('article', articleId);
    if (q) p.set('q', q);
    if (before) p.set('before', String(before));
    return p.toString();
  };
  const comments = useInfiniteQuery({
    queryKey: accountKey(appid, '/comments', { filter, articleId, q }),
    queryFn: ({ pageParam, signal }) => consoleApi.get<CommentPage>(accountApi(appid, `/comments?${params(pageParam)}`), { signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before,
    placeholderData: keepPreviousData,
  });
  const list = comments.data?.pages.flatMap((p) => p.comments) ?? [];
  // What an action changed: the list, the counts beside articles, the blocked list.
  const refresh = async () => {
    await Promise.all([invalidatePaths(queryClient, appid, '/comments'), invalidatePaths(queryClient, appid, '/comment-blocks')]);
  };

  return (
    <div className="stack comments-page">
      <p className="field-hint">{t('comments.intro')}</p>
      <div className="comments-toolbar">
        <div className="segmented" role="group" aria-label={t('comments.filter')}>
          {FILTERS.map((f) => (
            <button key={f} type="button" className={f === filter ? 'active' : ''} aria-pressed={f === filter} onClick={() => setFilter(f)}>
              {t(FILTER_LABEL[f])}
            </button>
          ))}
        </div>
        <label className="comments-article-pick">
          <span className="field-label">{t('comments.article')}</span>
          <select className="input" value={articleId} onChange={(e) => setArticleId(e.target.value)}>
            <option value="">{t('comments.allArticles')}</option>
            {(articles.data?.articles ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {t('comments.articleOption', { title: a.title || t('comments.untitled'), count: a.comment_count })}
              </option>
            ))}
          </select>
        </label>
        <form
          className="comments-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setQ(search.trim());
          }}
        >
          <Input type="search" aria-label={t('comments.searchLabel')} placeholder={t('comments.searchPlaceholder')} value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} />
          <Button type="submit">{t('comments.search')}</Button>
        </form>
      </div>

      {articles.data && <CommentSettings appid={appid} data={articles.data} articleId={articleId} />}

      <section aria-label={t('comments.list')}>
        {comments.isPending && <Loading />}
        {comments.error && <Alert tone="error">{errorMessage(comments.error)}</Alert>}
        {comments.data && list.length === 0 && <EmptyState title={q || filter !== 'all' || articleId ? t('comments.noMatches') : t('comments.noComments')}>{t('comments.noCommentsHint')}</EmptyState>}
        {list.length > 0 && (
          <ul className="comment-list">
            {list.map((c) => (
              <CommentItem key={c.id} appid={appid} comment={c} onChanged={refresh} onArticle={setArticleId} />
            ))}
          </ul>
        )}
        {comments.hasNextPage && (
          <Button onClick={() => void comments.fetchNextPage()} loading={comments.isFetchingNextPage}>
            {t('comments.more')}
          </Button>
        )}
      </section>

      <BlockedList appid={appid} onChanged={() => void invalidatePaths(queryClient, appid, '/comments')} />
    </div>
  );
}
