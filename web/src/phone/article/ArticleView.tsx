import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { useLocation, useNavigate } from 'react-router';
import { useToast } from '../../ui/index.js';
import { CommentSheet, ShareSheet } from './ArticleSheets.js';
import { CommentIcon, LikeIcon, ShareIcon, TipIcon, WowIcon } from './articleIcons.js';
import { BackIcon, MoreIcon } from '../kit/icons.js';
import { phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import { TipSheet } from './TipSheet.js';
import { SubscribeSheet } from '../browser/SubscribeSheet.js';
import { useArticleSubscribe } from './useArticleSubscribe.js';
import { ReportSheet } from '../sheets/ReportSheet.js';
import type { ArticleComment, ArticleState, ArticleTarget } from '../types.js';
import { t } from '../../i18n/index.js';

/** The article page's address on this origin (so the frame is same-origin and its links can be handled). */
export function framePath(url: string): string {
  try {
    const u = new URL(url, window.location.href);
    return u.pathname.startsWith('/s/') ? `${u.pathname}${u.search}` : u.href;
  } catch {
    return url;
  }
}

const count = (n: number) => (n <= 0 ? '' : n >= 100_000 ? '10万+' : String(n));

/** A count as the article page prints it (src/surfaces/reader/html.ts countLabel). */
const pageCount = (n: number) => (n > 100_000 ? '100000+' : String(n));

/**
 * Writes the current like and Wow counts into the page's own counters (marked data-count), so
 * the page and the phone's bar agree right after the reader reacts, without reloading the page
 * (which would count another read).
 */
function showFrameCounts(frame: HTMLIFrameElement | null, counts: { likeCount: number; wowCount: number }) {
  try {
    const doc = frame?.contentDocument;
    const like = doc?.querySelector('[data-count="like"]');
    const wow = doc?.querySelector('[data-count="wow"]');
    if (like) like.textContent = pageCount(counts.likeCount);
    if (wow) wow.textContent = pageCount(counts.wowCount);
  } catch {
    /* a page of another site */
  }
}

/** What a link inside the page asks the phone to do. */
interface FrameHandlers {
  onMiniProgram(path: string): void;
  onExternal(url: string, title: string): void;
  /** A page action the phone does natively (`data-action`, e.g. "donate"). */
  onAction(action: string): boolean;
  /** The article's subscribe block: its template ids, comma-separated. */
  onSubscribe(template: string): void;
}

/**
 * Links inside the article: page actions (the Donate link) open the phone's own sheets,
 * mini-program cards the phone's mini-program page, other sites the in-phone browser; article
 * links stay in the frame.
 */
function handleFrameLinks(frame: HTMLIFrameElement, { onMiniProgram, onExternal, onAction, onSubscribe }: FrameHandlers): void {
  let doc: Document | null = null;
  try {
    doc = frame.contentDocument;
  } catch {
    return;
  }
  const win = frame.contentWindow;
  if (!doc || !win) return;
  // Should the frame ever land on a phone page (a link followed some other way), show it in the phone instead.
  if (win.location.pathname.startsWith('/phone')) {
    onMiniProgram(`${win.location.pathname}${win.location.search}`);
    win.history.back();
    return;
  }
  doc.addEventListener('click', (ev) => {
    const el = ev.target as Element | null;
    const a = el && typeof el.closest === 'function' ? el.closest('a[href]') : null;
    if (!a) return;
    const action = a.getAttribute('data-action');
    if (action && onAction(action)) {
      ev.preventDefault();
      return;
    }
    let url: URL;
    try {
      url = new URL(a.getAttribute('href') ?? '', win.location.href);
    } catch {
      return;
    }
    if (url.origin === window.location.origin && url.pathname === '/phone/article-subscribe') {
      ev.preventDefault();
      onSubscribe(url.searchParams.get('template') ?? '');
    } else if (url.origin === window.location.origin && url.pathname.startsWith('/phone')) {
      ev.preventDefault();
      onMiniProgram(`${url.pathname}${url.search}`);
    } else if (url.origin !== window.location.origin && /^https?:$/.test(url.protocol)) {
      ev.preventDefault();
      onExternal(url.href, (a.textContent ?? '').trim());
    }
  });
}

type SheetKind = 'comment' | 'share' | 'tip' | 'report' | null;

/** How often the open comment sheet asks for what changed. */
const COMMENTS_REFRESH_MS = 5000;

/**
 * The in-phone article view: the public page (/s/<id>) in a frame, a native top bar (back, the
 * account's name) and WeChat's bottom bar: like (赞), wow (在看), comment, share and, when the
 * author accepts them, tips (赞赏) through a simulated WeChat Pay sheet.
 */
export function ArticleOverlay() {
  const { article } = usePhone();
  const { pathname } = useLocation();
  if (!article) return null;
  // A mini program opened from the article covers it; back returns to the same place in the page.
  return <ArticleView key={article.url} target={article} hidden={pathname.replace(/\/+$/, '') === '/phone/miniprogram'} />;
}

function ArticleView({ target, hidden }: { target: ArticleTarget; hidden: boolean }) {
  const navigate = useNavigate();
  const { closeArticle, openBrowser } = usePhone();
  const toast = useToast();
  const frame = useRef<HTMLIFrameElement>(null);
  const [state, setState] = useState<ArticleState | null>(null);
  const [comments, setComments] = useState<ArticleComment[]>([]);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  // An account hidden from the user's region: the page itself is not shown either.
  const [regionBlocked, setRegionBlocked] = useState(false);
  const [sheet, setSheet] = useState<SheetKind>(null);
  const [busy, setBusy] = useState(false);
  const subscribe = useArticleSubscribe(target.appid);
  // The frame's click handler outlives renders: it reads the latest state through this.
  const stateRef = useRef<ArticleState | null>(null);
  stateRef.current = state;

  const load = useCallback(async () => {
    try {
      const r = await phoneApi.get<{ article: ArticleState; comments: ArticleComment[] }>(`/articles/${encodeURIComponent(target.id)}`);
      setState(r.article);
      showFrameCounts(frame.current, r.article);
      setComments(r.comments);
      setUnavailable(null);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'region_unavailable') setRegionBlocked(true);
      if (err instanceof ApiError && err.status === 410) setUnavailable(t('phoneArticle.theAuthorDeletedThis'));
      else if (err instanceof ApiError && err.status === 404) setUnavailable(t('phoneArticle.previewLikesCommentsAnd'));
      else setUnavailable(errorMessage(err));
    }
  }, [target.id]);

  useEffect(() => {
    void load();
  }, [load]);

  // While the comments are open, what the author featured or answered in the meantime shows up.
  useEffect(() => {
    if (sheet !== 'comment') return;
    void load();
    const timer = window.setInterval(() => void load(), COMMENTS_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [sheet, load]);

  const react = async (kind: 'like' | 'wow') => {
    if (!state || busy) return;
    setBusy(true);
    const on = kind === 'like' ? !state.liked : !state.wowed;
    try {
      const r = await phoneApi.post<{ liked?: boolean; wowed?: boolean; likeCount: number; wowCount: number }>(`/articles/${encodeURIComponent(state.id)}/${kind}`, { on });
      setState((s) => (s ? { ...s, liked: r.liked ?? s.liked, wowed: r.wowed ?? s.wowed, likeCount: r.likeCount, wowCount: r.wowCount } : s));
      showFrameCounts(frame.current, r);
      if (kind === 'wow' && on) toast.show(t('phoneArticle.sharedToTopStories'), 'success');
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    const win = frame.current?.contentWindow;
    // Back within the page first (an article link followed inside it), then out of the view.
    try {
      if (win && win.location.pathname !== new URL(framePath(target.url), window.location.href).pathname) {
        win.history.back();
        return;
      }
    } catch {
      /* a page of another site: close */
    }
    closeArticle();
  };

  return (
    <div className="ph-overlay ph-article" role="dialog" aria-label={t('phoneArticle.article')} hidden={hidden}>
      <header className="ph-article-top">
        <button type="button" className="ph-icon-btn" aria-label={t('phoneArticle.back')} onClick={back}>
          <BackIcon />
        </button>
        <div className="ph-article-name">{state?.accountName ?? target.accountName}</div>
        <button type="button" className="ph-icon-btn" aria-label={t('phoneArticle.more')} onClick={() => setSheet('share')} disabled={!state}>
          <MoreIcon />
        </button>
      </header>
      {regionBlocked && (
        <div className="ph-center ph-article-frame" role="alert">
          {t('api.regionUnavailable')}
        </div>
      )}
      <iframe
        hidden={regionBlocked}
        ref={frame}
        className="ph-article-frame"
        src={regionBlocked ? 'about:blank' : framePath(target.url)}
        title={target.title}
        referrerPolicy="same-origin"
        onLoad={() => {
          if (!frame.current) return;
          if (stateRef.current) showFrameCounts(frame.current, stateRef.current);
          handleFrameLinks(frame.current, {
            onMiniProgram: (path) => navigate(path),
            onExternal: (url, title) => openBrowser(url, title),
            onSubscribe: (template) => void subscribe.open(template),
            onAction: (action) => {
              if (action !== 'donate' || !stateRef.current?.donationsEnabled) return false;
              setSheet('tip');
              return true;
            },
          });
        }}
      />
      {unavailable ? (
        <div className="ph-article-note" role="status">
          {unavailable}
        </div>
      ) : (
        <nav className="ph-article-bar" aria-label={t('phoneArticle.articleActions')}>
          {/* Each button is named by what it shows: the count (when there is one) and its word. */}
          <button type="button" className={state?.liked ? 'on' : ''} aria-pressed={Boolean(state?.liked)} onClick={() => react('like')} disabled={!state}>
            <LikeIcon on={state?.liked} />
            <span>{count(state?.likeCount ?? 0)}</span>
            <small>{t('phoneArticle.like')}</small>
          </button>
          <button type="button" className={state?.wowed ? 'on' : ''} aria-pressed={Boolean(state?.wowed)} onClick={() => react('wow')} disabled={!state}>
            <WowIcon on={state?.wowed} />
            <span>{count(state?.wowCount ?? 0)}</span>
            <small>{t('phoneArticle.wow')}</small>
          </button>
          {state?.commentsEnabled && (
            <button type="button" onClick={() => setSheet('comment')}>
              <CommentIcon />
              <span>{count(state.commentCount)}</span>
              <small>{t('phoneArticle.comment')}</small>
            </button>
          )}
          <button type="button" onClick={() => setSheet('share')} disabled={!state}>
            <ShareIcon />
            <span>{count(state?.shareCount ?? 0)}</span>
            <small>{t('phoneArticle.share2')}</small>
          </button>
          {state?.donationsEnabled && (
            <button type="button" aria-label={t('phoneArticle.tipTheAuthor')} className="ph-article-tip" onClick={() => setSheet('tip')}>
              <TipIcon />
              <small>{t('phoneArticle.tip')}</small>
            </button>
          )}
        </nav>
      )}
      {state && (
        <>
          <CommentSheet
            open={sheet === 'comment'}
            article={state}
            comments={comments}
            onClose={() => setSheet(null)}
            onLiked={(id, liked, likeCount) => setComments((list) => list.map((c) => (c.id === id ? { ...c, liked, likeCount } : c)))}
            onPosted={(c) => {
              setComments((list) => [...list, c]);
              setState((s) => (s ? { ...s, commentCount: s.commentCount + 1 } : s));
            }}
          />
          <ShareSheet
            open={sheet === 'share'}
            article={state}
            onClose={() => setSheet(null)}
            onShared={(shareCount) => setState((s) => (s ? { ...s, shareCount } : s))}
            onReport={() => setSheet('report')}
          />
          <ReportSheet
            open={sheet === 'report'}
            appid={state.appid}
            target="article"
            targetRef={target.url}
            onClose={() => setSheet(null)}
            onReported={() => {
              setSheet(null);
              toast.show(t('phoneReport.reported'));
            }}
          />
          <TipSheet open={sheet === 'tip'} article={state} onClose={() => setSheet(null)} />
        </>
      )}
      <SubscribeSheet ask={subscribe.ask} />
    </div>
  );
}
