import { t } from '../../i18n/index.js';
import type { FollowerMessageEntry } from './types.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** What the follower sent, as the MP backend shows it: text, an image thumbnail, voice, video, a place, a link. */
export function MessageContent({ message: m }: { message: FollowerMessageEntry }) {
  const c = m.content as Record<string, unknown>;
  switch (m.msgtype) {
    case 'text':
      return <p className="message-text">{str(c.text)}</p>;
    case 'image': {
      const url = str(c.url);
      return url ? (
        <a className="message-media" href={url} target="_blank" rel="noreferrer" aria-label={t('messages.openImage')}>
          <img className="message-thumb" src={url} alt={t('messages.imageFrom', { nickname: m.follower.nickname })} loading="lazy" />
        </a>
      ) : (
        <p className="message-kind">{t('messages.image')}</p>
      );
    }
    case 'voice':
      return (
        <div className="message-voice">
          <span className="message-kind">{t('messages.voice')}</span>
          {str(c.url) && (
            <a href={str(c.url)} target="_blank" rel="noreferrer">{t('messages.listen')}</a>
          )}
          {str(c.recognition) && <p className="message-text">{str(c.recognition)}</p>}
        </div>
      );
    case 'video':
    case 'shortvideo':
      return (
        <a className="message-media message-video" href={str(c.url) || undefined} target="_blank" rel="noreferrer">
          {str(c.thumb_url) && <img className="message-thumb" src={str(c.thumb_url)} alt="" loading="lazy" />}
          <span className="message-kind">{m.msgtype === 'video' ? t('messages.video') : t('messages.shortVideo')}</span>
        </a>
      );
    case 'location': {
      const lat = num(c.latitude);
      const lng = num(c.longitude);
      return (
        <p className="message-location">
          <span className="message-kind">{t('messages.location')}</span> {str(c.label)}
          {lat !== null && lng !== null && <span className="muted small mono"> {lat.toFixed(4)}, {lng.toFixed(4)}</span>}
        </p>
      );
    }
    case 'link':
      return (
        <div className="message-link">
          <span className="message-kind">{t('messages.link')}</span>{' '}
          {str(c.url) ? <a href={str(c.url)} target="_blank" rel="noreferrer">{str(c.title)}</a> : str(c.title)}
          {str(c.description) && <p className="muted small">{str(c.description)}</p>}
        </div>
      );
    default:
      return <p className="message-kind">{t('messages.otherType', { type: m.msgtype })}</p>;
  }
}
