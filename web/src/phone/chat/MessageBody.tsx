import type { ReactNode } from 'react';
import { articlesOf, field, mediaUrl, msgMenuOf, safeUrl, str } from './messageContent.js';
import { parseRichText } from './richText.js';
import type { Message } from '../types.js';
import { VoiceBubble } from './VoiceBubble.js';
import { t } from '../../i18n/index.js';

/** What a message can ask the conversation to do when tapped. */
export interface MessageActions {
  openUrl(url: string, title?: string): void;
  /** Opens the renderer; `scene` is WeChat's scene value (1043 template message, 1074 card, 1082 text link). */
  openMiniProgram(appid: string, path: string, scene?: string): void;
  /** A msgmenu option: sent back as text with its bizmsgmenuid. */
  chooseOption(id: string, content: string): void;
  viewImage(url: string): void;
}

function RichText({ text, actions }: { text: string; actions: MessageActions }) {
  return (
    <>
      {parseRichText(text).map((s, i) => {
        switch (s.kind) {
          case 'link':
            return (
              <a key={i} href={s.href} className="ph-msg-link" onClick={(e) => (e.preventDefault(), actions.openUrl(s.href))}>
                {s.text}
              </a>
            );
          case 'miniprogram':
            return (
              <a key={i} href="#" className="ph-msg-link" onClick={(e) => (e.preventDefault(), actions.openMiniProgram(s.appid, s.path, '1082'))}>
                {s.text}
              </a>
            );
          case 'msgmenu':
            return (
              <a key={i} href="#" className="ph-msg-link" onClick={(e) => (e.preventDefault(), actions.chooseOption(s.id, s.content))}>
                {s.text}
              </a>
            );
          default:
            return <span key={i}>{s.text}</span>;
        }
      })}
    </>
  );
}

/** A card with a title, a description and an optional picture on the right (links, music). */
function Card({ title, description, picture, icon, footer, onClick, label }: {
  title: string;
  description?: string;
  picture?: string;
  icon?: ReactNode;
  footer?: ReactNode;
  onClick?(): void;
  label: string;
}) {
  return (
    <div className={`ph-card ${onClick ? 'ph-clickable' : ''}`} onClick={onClick} role={onClick ? 'link' : undefined} aria-label={label}>
      <div className="ph-card-title">{title || label}</div>
      <div className="ph-card-main">
        <div className="ph-card-desc">{description}</div>
        {picture ? <img className="ph-card-pic" src={picture} alt="" /> : icon ? <div className="ph-card-icon">{icon}</div> : null}
      </div>
      {footer && <div className="ph-card-foot">{footer}</div>}
    </div>
  );
}

/** The news message: a lead article with its cover and title, then the others as rows. */
function News({ m, actions }: { m: Message; actions: MessageActions }) {
  const articles = articlesOf(m);
  if (articles.length === 0) {
    const placeholder = field(m, 'placeholder') || t('phoneChat.article');
    return <Card label={t('phoneChat.article')} title={placeholder} description={field(m, 'media_id', 'article_id')} />;
  }
  const [lead, ...rest] = articles;
  const open = (url: string, title: string) => safeUrl(url) && actions.openUrl(url, title);
  if (rest.length === 0 && !lead.picurl) {
    return <Card label={t('phoneChat.article')} title={lead.title} description={lead.description} onClick={() => open(lead.url, lead.title)} />;
  }
  return (
    <div className="ph-news" aria-label={t('phoneChat.articles')}>
      <button type="button" className="ph-news-lead" onClick={() => open(lead.url, lead.title)}>
        {lead.picurl ? <img src={safeUrl(lead.picurl)} alt="" /> : <span className="ph-news-nopic" />}
        <span className="ph-news-lead-title">{lead.title}</span>
      </button>
      {rest.length === 0 && lead.description && <div className="ph-news-desc">{lead.description}</div>}
      {rest.map((a, i) => (
        <button type="button" key={i} className="ph-news-item" onClick={() => open(a.url, a.title)}>
          <span className="ph-news-item-title">{a.title}</span>
          {a.picurl && <img src={safeUrl(a.picurl)} alt="" />}
        </button>
      ))}
    </div>
  );
}

/** One field of a template card: its name (the template's words), value and colour. */
interface TemplateField {
  name: string;
  value: string;
  color: string;
}

/**
 * The fields of a template card: `fields` as message/template/send records them (the template's
 * names, in its order), else a bare `data` object (its keys as names).
 */
function templateFields(c: Record<string, unknown>): TemplateField[] {
  const text = (v: unknown, k: string) => (v && typeof v === 'object' ? str((v as Record<string, unknown>)[k]) : '');
  if (Array.isArray(c.fields)) return c.fields.slice(0, 20).map((f) => ({ name: text(f, 'name'), value: text(f, 'value'), color: text(f, 'color') }));
  const data = c.data && typeof c.data === 'object' ? Object.entries(c.data as Record<string, unknown>) : [];
  return data.slice(0, 20).map(([k, v]) => ({ name: k, value: v && typeof v === 'object' ? text(v, 'value') : str(v), color: text(v, 'color') }));
}

/** A template message as WeChat draws it: its title, the fields, and 详情 to the URL or mini program. */
export function Template({ m, actions, label }: { m: Pick<Message, 'content' | 'account_name'>; actions: Pick<MessageActions, 'openUrl' | 'openMiniProgram'>; label?: string }) {
  const c = m.content;
  const url = safeUrl(field(m, 'url'));
  const mini = c.miniprogram && typeof c.miniprogram === 'object' ? (c.miniprogram as Record<string, unknown>) : null;
  const title = field(m, 'title') || m.account_name;
  const details = mini ? () => actions.openMiniProgram(str(mini.appid), str(mini.pagepath), '1043') : url ? () => actions.openUrl(url, title) : undefined;
  return (
    <div className="ph-template" role="group" aria-label={label ?? t('phoneChat.templateMessage')}>
      <div className="ph-template-title">{title}</div>
      <dl>
        {templateFields(c).map((f, i) => (
          <div key={i} className="ph-template-row">
            <dt>{f.name}</dt>
            <dd style={/^#[0-9a-f]{3,8}$/i.test(f.color) ? { color: f.color } : undefined}>{f.value}</dd>
          </div>
        ))}
      </dl>
      {details && (
        <button type="button" className="ph-template-more" onClick={details}>
          {t('phoneChat.viewDetails')}
        </button>
      )}
    </div>
  );
}

/** Whether a message is drawn without a bubble (cards draw their own frame). */
export function isCard(m: Message): boolean {
  return ['image', 'voice', 'video', 'shortvideo', 'news', 'mpnews', 'mpnewsarticle', 'music', 'link', 'location', 'miniprogrampage', 'wxcard', 'template', 'subscribe'].includes(m.msg_type);
}

/** Draws a message's content by its type: every reply type an account can send, and what followers send. */
export function MessageBody({ m, actions }: { m: Message; actions: MessageActions }) {
  const url = safeUrl(mediaUrl(m));
  switch (m.msg_type) {
    case 'text':
      return <RichText text={field(m, 'content')} actions={actions} />;
    case 'image':
      return url ? (
        <button type="button" className="ph-image" onClick={() => actions.viewImage(url)} aria-label={t('phoneChat.image')}>
          <img src={url} alt={t('phoneChat.image')} />
        </button>
      ) : (
        <span className="ph-muted">{t('phoneChat.image2')}</span>
      );
    case 'voice':
      return (
        <div className="ph-voice" aria-label={t('phoneChat.voiceMessage')}>
          {url ? <VoiceBubble url={url} mine={m.direction === 'in'} /> : <span>{t('phoneChat.voice2')}</span>}
          {field(m, 'recognition') && <div className="ph-voice-text">{field(m, 'recognition')}</div>}
        </div>
      );
    case 'video':
    case 'shortvideo':
      return (
        <div className="ph-video" aria-label={t('phoneChat.video')}>
          {url ? <video controls preload="metadata" src={url} poster={safeUrl(field(m, 'thumb_url')) || undefined} /> : <div className="ph-video-none">{t('phoneChat.video2')}</div>}
          {(field(m, 'title') || field(m, 'description')) && (
            <div className="ph-video-caption">
              <strong>{field(m, 'title')}</strong> {field(m, 'description')}
            </div>
          )}
        </div>
      );
    case 'music': {
      const music = safeUrl(field(m, 'musicurl', 'hqmusicurl'));
      return (
        <Card
          label={t('phoneChat.music')}
          title={field(m, 'title') || t('phoneChat.music')}
          description={field(m, 'description')}
          picture={safeUrl(field(m, 'thumb_url')) || undefined}
          icon={<span className="ph-music-note">♪</span>}
          footer={music ? <audio controls preload="none" src={music} aria-label={t('phoneChat.playMusic')} /> : t('phoneChat.music')}
        />
      );
    }
    case 'news':
    case 'mpnews':
    case 'mpnewsarticle':
      return <News m={m} actions={actions} />;
    case 'link': {
      const link = safeUrl(field(m, 'url'));
      return (
        <Card
          label={t('phoneChat.link')}
          title={field(m, 'title')}
          description={field(m, 'description') || link}
          picture={safeUrl(field(m, 'thumb_url')) || undefined}
          icon={<span className="ph-link-glyph">🔗</span>}
          onClick={link ? () => actions.openUrl(link, field(m, 'title')) : undefined}
        />
      );
    }
    case 'location': {
      const x = Number(m.content.location_x);
      const y = Number(m.content.location_y);
      return (
        <div className="ph-location" aria-label={t('phoneChat.location')}>
          <div className="ph-location-text">
            <div className="ph-card-title">{field(m, 'label', 'poiname') || t('phoneChat.location')}</div>
            <div className="ph-card-desc">{Number.isFinite(x) && Number.isFinite(y) ? `${x.toFixed(5)}, ${y.toFixed(5)}` : ''}</div>
          </div>
          <div className="ph-location-map" aria-hidden="true">
            <span className="ph-location-pin" />
          </div>
        </div>
      );
    }
    case 'miniprogrampage': {
      const appid = field(m, 'appid');
      const path = field(m, 'pagepath');
      const thumb = safeUrl(field(m, 'thumb_url'));
      return (
        <div className="ph-mini ph-clickable" role="link" aria-label={t('phoneChat.miniProgram')} onClick={() => actions.openMiniProgram(appid, path, '1074')}>
          <div className="ph-mini-head">
            <span className="ph-mini-logo" aria-hidden="true" />
            <span>{appid}</span>
          </div>
          <div className="ph-mini-title">{field(m, 'title')}</div>
          <div className="ph-mini-thumb">{thumb ? <img src={thumb} alt="" /> : <span>{path || t('phoneChat.miniProgram')}</span>}</div>
          <div className="ph-mini-foot">{t('phoneChat.miniProgram2')}</div>
        </div>
      );
    }
    case 'msgmenu': {
      const menu = msgMenuOf(m);
      return (
        <div className="ph-msgmenu">
          {menu.head && <div>{menu.head}</div>}
          {menu.options.map((o) => (
            <div key={o.id}>
              <a href="#" className="ph-msg-link" onClick={(e) => (e.preventDefault(), actions.chooseOption(o.id, o.content))}>
                {o.content}
              </a>
            </div>
          ))}
          {menu.tail && <div>{menu.tail}</div>}
        </div>
      );
    }
    case 'wxcard':
      return <Card label={t('phoneChat.card')} title={t('phoneChat.cardOffer')} description={field(m, 'card_id')} icon={<span className="ph-link-glyph">🎫</span>} />;
    case 'template':
      return <Template m={m} actions={actions} />;
    case 'subscribe':
      return <Template m={m} actions={actions} label={t('phoneChat.subscribeMessage')} />;
    default:
      return <span className="ph-muted">{t('phoneChat.thisMessageTypeCannot', { msg_type: m.msg_type })}</span>;
  }
}
