import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Field, Input, Loading, useToast } from '../../ui/index.js';
import { accountKey, useAccountData } from '../queries.js';
import type { AccountDetail } from '../types.js';
import { ArticleSettings, Counter, type FieldErrors } from './ArticleSettings.js';
import { ArticleList, type EditorArticle } from './ArticleList.js';
import { PreviewDialog } from './PreviewDialog.js';
import { PublishDialog } from './PublishDialog.js';
import { RichEditor } from './RichEditor.js';
import { emptyArticle, LIMITS, MAX_ARTICLES, type ArticleFields, type DraftView, type LinkWarning, type PublishStatus } from './types.js';
import { t } from '../../i18n/index.js';
import { moderationLabel } from '../format.js';

let keySeq = 0;
const newKey = () => `a${++keySeq}`;

function fromSaved(draft: DraftView): EditorArticle[] {
  return draft.articles.map((a) => ({ ...a, key: newKey() }));
}

function fieldsOf(a: EditorArticle): ArticleFields {
  const { title, author, digest, content, content_source_url, thumb_media_id, need_open_comment, only_fans_can_comment, original, can_reprint, donations_enabled, ads_enabled } = a;
  return { title, author, digest, content, content_source_url, thumb_media_id, need_open_comment, only_fans_can_comment, original, can_reprint, donations_enabled: original && donations_enabled, ads_enabled };
}

/** Checks the browser can make before asking the server (which checks everything again). */
function localProblems(a: ArticleFields, forPublish: boolean): FieldErrors {
  const e: FieldErrors = {};
  if (a.title.trim() === '') e.title = t('articles.enterATitle');
  else if ([...a.title].length > LIMITS.title) e.title = t('articles.atMostCharacters', { title: LIMITS.title });
  if ([...a.author].length > LIMITS.author) e.author = t('articles.atMostCharacters2', { author: LIMITS.author });
  if ([...a.digest].length > LIMITS.digest) e.digest = t('articles.atMostCharacters3', { digest: LIMITS.digest });
  if (forPublish && a.thumb_media_id === '') e.thumb_media_id = t('articles.chooseACoverBefore');
  return e;
}

/**
 * The draft editor: up to 8 articles (the list on the left), the selected article's title,
 * author and body in the middle, its cover and declarations on the right. Saves drafts,
 * previews on a phone, publishes, and warns about links to domains without an ICP filing.
 */
export function EditorPage({ account, mediaId }: { account: AccountDetail; mediaId?: string }) {
  const base = `/accounts/${account.appid}`;
  const [articles, setArticles] = useState<EditorArticle[] | null>(mediaId ? null : [{ ...emptyArticle(), key: newKey() }]);
  const [selected, setSelected] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<number, FieldErrors>>({});
  const [formError, setFormError] = useState<{ title: string; message: string } | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'preview' | 'publish'>(null);
  const [dirty, setDirty] = useState(false);
  const [warnings, setWarnings] = useState<LinkWarning[]>([]);
  const [preview, setPreview] = useState<string | null>(null);
  const [publishing, setPublishing] = useState<PublishStatus | null>(null);
  const [confirming, setConfirming] = useState<DraftView | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const savedId = useRef(mediaId);
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The draft box, the published list and the composer's draft picker show what was saved.
  const changed = () => queryClient.invalidateQueries({ queryKey: accountKey(account.appid) });
  // A new push post's articles start with the account's comment settings (留言设置).
  const commentDefaults = useAccountData<{ defaults: { open: boolean; followers_only: boolean } }>(account.appid, '/comments/defaults').data?.defaults;
  useEffect(() => {
    if (mediaId || dirty || !commentDefaults) return;
    const blank = emptyArticle(commentDefaults);
    setArticles((list) => list?.map((a) => ({ ...a, need_open_comment: blank.need_open_comment, only_fans_can_comment: blank.only_fans_can_comment })) ?? list);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [commentDefaults]);

  useEffect(() => {
    // After the first save the address gains the new draft's id: the editor already holds it.
    if (!mediaId || (mediaId === savedId.current && articles)) return;
    savedId.current = mediaId;
    consoleApi.get<{ draft: DraftView }>(`${base}/drafts/${encodeURIComponent(mediaId)}`).then(
      ({ draft }) => setArticles(fromSaved(draft)),
      (err) => setLoadError(errorMessage(err)),
    );
    // Runs when the draft id changes; `articles` is only read here.
  }, [base, mediaId]);

  // Leaving the page with unsaved changes asks first (the browser's own prompt).
  useEffect(() => {
    if (!dirty) return;
    const onLeave = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [dirty]);

  const current = articles?.[Math.min(selected, (articles?.length ?? 1) - 1)];
  const content = current?.content ?? '';

  // Link check: after typing stops, ask which linked domains have no ICP filing.
  useEffect(() => {
    if (!content.includes('href=')) {
      setWarnings([]);
      return;
    }
    const timer = window.setTimeout(() => {
      consoleApi.post<{ warnings: LinkWarning[] }>(`${base}/link-check`, { html: content }).then(
        (r) => setWarnings(r.warnings),
        () => setWarnings([]),
      );
    }, 600);
    return () => window.clearTimeout(timer);
  }, [base, content]);

  if (loadError) return <Alert tone="error" title={t('articles.couldNotOpenThe')}>{loadError}</Alert>;
  if (!articles || !current) return <Loading />;
  const index = articles.indexOf(current);
  const errs = errors[index] ?? {};

  const patch = (p: Partial<EditorArticle>) => {
    setArticles((list) => list && list.map((a, i) => (i === index ? { ...a, ...p } : a)));
    setDirty(true);
    if (errors[index]) setErrors({ ...errors, [index]: Object.fromEntries(Object.entries(errors[index]).filter(([k]) => !(k in p))) });
  };

  /** Saves the group; resolves with the saved draft or null when something is wrong. */
  const save = async (forPublish = false): Promise<DraftView | null> => {
    setFormError(null);
    const local: Record<number, FieldErrors> = {};
    articles.forEach((a, i) => {
      const e = localProblems(a, forPublish);
      if (Object.keys(e).length > 0) local[i] = e;
    });
    setErrors(local);
    const firstBad = Object.keys(local).map(Number)[0];
    if (firstBad !== undefined) {
      setSelected(firstBad);
      setFormError(articles.length > 1 ? { title: forPublish ? t('articles.notPublished') : t('articles.notSaved'), message: t('articles.articleNeedsAttentionBefore', { value: firstBad + 1, value2: forPublish ? t('articles.beforePublishing') : t('articles.beforeSaving') }) } : null);
      return null;
    }
    const body = { articles: articles.map(fieldsOf) };
    try {
      const { draft } = savedId.current
        ? await consoleApi.put<{ draft: DraftView }>(`${base}/drafts/${encodeURIComponent(savedId.current)}`, body)
        : await consoleApi.post<{ draft: DraftView }>(`${base}/drafts`, body);
      setArticles((list) => draft.articles.map((a, i) => ({ ...a, key: list?.[i]?.key ?? newKey() })));
      setDirty(false);
      void changed();
      if (!savedId.current) {
        savedId.current = draft.media_id;
        void navigate(`/console/accounts/${account.appid}/drafts/${draft.media_id}`, { replace: true });
      }
      return draft;
    } catch (err) {
      const details = err instanceof ApiError ? err.details : undefined;
      const at = typeof details?.index === 'number' ? details.index : undefined;
      const field = typeof details?.field === 'string' ? details.field : undefined;
      if (at !== undefined && field && at < articles.length) {
        setErrors({ [at]: { [field]: errorMessage(err) } });
        setSelected(at);
        if (!['title', 'author', 'digest', 'thumb_media_id', 'content_source_url', 'donations_enabled'].includes(field)) setFormError({ title: t('articles.notSaved'), message: errorMessage(err) });
      } else setFormError({ title: t('articles.notSaved'), message: errorMessage(err) });
      return null;
    }
  };

  const onSave = async () => {
    setBusy('save');
    const draft = await save();
    setBusy(null);
    if (draft) toast.show(t('articles.draftSaved'));
  };

  const onPreview = async () => {
    setBusy('preview');
    try {
      const draft = await save();
      const article = draft?.articles[index];
      if (!article) return;
      const r = await consoleApi.get<{ url: string }>(`${base}/articles/${encodeURIComponent(article.id)}/preview`);
      setPreview(r.url);
    } catch (err) {
      setFormError({ title: t('articles.noPreview'), message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  // 发表 saves first (so the checks run), then asks: publish only, or with 群发通知 too.
  const onPublish = async () => {
    setBusy('publish');
    try {
      const draft = await save(true);
      if (draft) {
        setConfirmError(null);
        setConfirming(draft);
      }
    } finally {
      setBusy(null);
    }
  };

  const onConfirmPublish = (notify: boolean) => {
    const draft = confirming;
    if (!draft) return;
    if (notify) void pushDraft(draft);
    else {
      setConfirming(null);
      void publishDraft(draft);
    }
  };

  /** 群发通知: the draft is pushed to every follower (a push post, counted in the quota). */
  const pushDraft = async (draft: DraftView) => {
    setBusy('publish');
    try {
      await consoleApi.post(`${base}/broadcasts`, { msgtype: 'mpnews', draftId: draft.media_id, audience: { kind: 'all' } });
      setConfirming(null);
      void changed();
      toast.show(t('articles.pushedDone'));
      void navigate(`/console/accounts/${account.appid}/published`);
    } catch (err) {
      setConfirmError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  /** 发表 only: public by link and in the account's history, nobody notified, no quota used. */
  const publishDraft = async (draft: DraftView) => {
    setBusy('publish');
    try {
      let status = (await consoleApi.post<{ publish: PublishStatus }>(`${base}/drafts/${encodeURIComponent(draft.media_id)}/publish`, {})).publish;
      setPublishing(status);
      const started = Date.now();
      while (status.status === 1 && Date.now() - started < 60_000) {
        await new Promise((r) => window.setTimeout(r, 800));
        status = (await consoleApi.get<{ publish: PublishStatus }>(`${base}/publish/${status.publish_id}`)).publish;
        setPublishing(status);
      }
      if (status.status === 0) {
        void changed();
        toast.show(t('articles.publishedDone'));
        void navigate(`/console/accounts/${account.appid}/published`);
      } else if (status.violation) {
        const v = status.violation;
        if (v.article_idx !== null && v.article_idx < articles.length) setSelected(v.article_idx);
        setFormError({
          title: t('articles.rejectedByContentReview', { category_label: moderationLabel(v.category, v.category_label) }),
          message: v.article_idx !== null ? t('articles.articleContainsPassage', { n: v.article_idx + 1, passage: v.passage }) : t('articles.foundPassage', { passage: v.passage }),
        });
      } else if (status.status !== 1) setFormError({ title: t('articles.notPublished'), message: status.status_label });
    } catch (err) {
      setFormError({ title: t('articles.notPublished'), message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  const setList = (next: EditorArticle[], sel: number) => {
    setArticles(next);
    setSelected(sel);
    setErrors({});
    setDirty(true);
  };

  return (
    <div className="editor-page">
      <div className="editor-bar">
        <div className="editor-crumbs">
          <Link to={`/console/accounts/${account.appid}/drafts`}>{t('articles.drafts')}</Link>
          <span aria-hidden="true">/</span>
          <span>{savedId.current ? t('articles.editDraft') : t('articles.newDraft')}</span>
          {dirty ? <span className="save-state">{t('articles.unsavedChanges')}</span> : savedId.current ? <span className="save-state saved">{t('articles.saved')}</span> : null}
        </div>
        <div className="editor-actions">
          <Button loading={busy === 'preview'} disabled={busy !== null} onClick={() => void onPreview()}>{t('articles.preview')}</Button>
          <Button loading={busy === 'save'} disabled={busy !== null} onClick={() => void onSave()}>{t('articles.saveDraft')}</Button>
          <Button variant="primary" loading={busy === 'publish'} disabled={busy !== null} onClick={() => void onPublish()}>{t('articles.publish')}</Button>
        </div>
      </div>
      {formError && <Alert tone="error" title={formError.title}>{formError.message}</Alert>}
      {publishing && publishing.status === 1 && <Alert tone="info" title={t('articles.publishing')}>{t('articles.theArticlesAreBeing')}</Alert>}
      <div className="editor-grid">
        <ArticleList
          articles={articles}
          selected={index}
          errors={errors}
          onSelect={setSelected}
          onAdd={() => articles.length < MAX_ARTICLES && setList([...articles, { ...emptyArticle(commentDefaults), key: newKey() }], articles.length)}
          onRemove={(i) => setList(articles.filter((_, j) => j !== i), Math.max(0, Math.min(index, articles.length - 2)))}
          onMove={(i, d) => {
            const next = [...articles];
            [next[i], next[i + d]] = [next[i + d], next[i]];
            setList(next, i + d);
          }}
        />
        <div className="editor-main">
          <Field label={<span className="label-row">{t('articles.title')} <Counter value={current.title} max={LIMITS.title} /></span>} error={errs.title}>
            {(p) => <Input {...p} className="title-input" value={current.title} placeholder={t('articles.title')} onChange={(e) => patch({ title: e.target.value })} />}
          </Field>
          <Field label={<span className="label-row">{t('articles.author')} <Counter value={current.author} max={LIMITS.author} /></span>} error={errs.author}>
            {(p) => <Input {...p} value={current.author} placeholder={t('articles.optional')} onChange={(e) => patch({ author: e.target.value })} />}
          </Field>
          <RichEditor key={current.key} appid={account.appid} value={current.content} onChange={(html) => patch({ content: html })} />
          {errs.content && <div className="field-error" role="alert">{errs.content}</div>}
          {warnings.length > 0 && (
            <div className="link-warnings">
              <Alert tone="warning" title={t('articles.someLinksMayNot')}>
                <ul>
                  {warnings.map((w) => (
                    <li key={w.url}><code className="mono">{w.domain}</code> — {w.message}</li>
                  ))}
                </ul>
                {t('articles.theseDomainsAreNot')}
              </Alert>
            </div>
          )}
        </div>
        <ArticleSettings appid={account.appid} single={articles.length === 1} article={current} coverUrl={current.thumb_url ?? ''} errors={errs} onChange={patch} />
      </div>
      <PreviewDialog url={preview} title={current.title} onClose={() => setPreview(null)} />
      <PublishDialog
        appid={account.appid}
        accountType={account.type}
        open={confirming !== null}
        title={confirming?.articles[0]?.title ?? ''}
        busy={busy === 'publish'}
        error={confirmError}
        onClose={() => setConfirming(null)}
        onConfirm={onConfirmPublish}
      />
    </div>
  );
}
