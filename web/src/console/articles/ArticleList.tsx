import type { FieldErrors } from './ArticleSettings.js';
import { MAX_ARTICLES, type ArticleFields } from './types.js';
import { t } from '../../i18n/index.js';

/** An article in the editor: its fields, the saved id and cover address once known, a stable key. */
export interface EditorArticle extends ArticleFields {
  key: string;
  id?: string;
  thumb_url?: string;
}

/** The push post's articles, lead first: select, reorder, remove, add up to 8. */
export function ArticleList({ articles, selected, errors, onSelect, onAdd, onRemove, onMove }: {
  articles: EditorArticle[];
  selected: number;
  errors: Record<number, FieldErrors>;
  onSelect(i: number): void;
  onAdd(): void;
  onRemove(i: number): void;
  onMove(i: number, delta: -1 | 1): void;
}) {
  return (
    <div className="article-list" aria-label={t('articles.articlesInThisPush')}>
      <ol>
        {articles.map((a, i) => (
          <li key={a.key} className={`article-item ${i === 0 ? 'lead' : ''} ${i === selected ? 'selected' : ''} ${errors[i] && Object.keys(errors[i]).length > 0 ? 'invalid' : ''}`}>
            <button type="button" className="article-item-main" onClick={() => onSelect(i)} aria-current={i === selected ? 'true' : undefined}>
              {a.thumb_url ? <img src={a.thumb_url} alt="" /> : <span className="article-item-noimg" aria-hidden="true">▤</span>}
              <span className="article-item-title">{a.title.trim() || t('articles.untitled')}</span>
            </button>
            <div className="article-item-tools">
              <button type="button" aria-label={t('articles.moveArticleUp', { value: i + 1 })} disabled={i === 0} onClick={() => onMove(i, -1)}>↑</button>
              <button type="button" aria-label={t('articles.moveArticleDown', { value: i + 1 })} disabled={i === articles.length - 1} onClick={() => onMove(i, 1)}>↓</button>
              <button type="button" aria-label={t('articles.removeArticle', { value: i + 1 })} disabled={articles.length === 1} onClick={() => onRemove(i)}>✕</button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="article-add" disabled={articles.length >= MAX_ARTICLES} onClick={onAdd}>
        {t('articles.addArticle')} <span className="field-hint">({articles.length} / {MAX_ARTICLES})</span>
      </button>
    </div>
  );
}
