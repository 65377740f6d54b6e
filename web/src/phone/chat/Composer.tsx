import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ImageIcon, LinkIcon, MenuIcon, PinIcon, PlusCircleIcon, VideoIcon, VoiceIcon } from '../kit/icons.js';
import { t } from '../../i18n/index.js';

/** What the input bar asks the conversation to send. */
export interface ComposerActions {
  sendText(text: string): Promise<boolean>;
  sendImages(files: File[]): void;
  sendVoice(file: File): void;
  sendVideo(file: File): void;
  pickLocation(): void;
  shareLink(): void;
}

/**
 * The input bar: text and Send (发送), the "+" panel for photos, voice notes, videos, locations
 * and links, and (when the account has a menu) the icon back to the menu bar.
 */
export function Composer({ actions, onShowMenu, busy }: { actions: ComposerActions; onShowMenu?: () => void; busy?: boolean }) {
  const [text, setText] = useState('');
  const [panel, setPanel] = useState(false);
  const images = useRef<HTMLInputElement>(null);
  const voice = useRef<HTMLInputElement>(null);
  const video = useRef<HTMLInputElement>(null);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const value = text;
    if (!value.trim()) return;
    setText('');
    if (!(await actions.sendText(value))) setText(value);
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };
  const pick = (input: HTMLInputElement | null) => {
    setPanel(false);
    input?.click();
  };

  return (
    <div className="ph-composer">
      <form className="ph-inputbar" onSubmit={submit}>
        {onShowMenu && (
          <button type="button" className="ph-icon-btn" aria-label={t('phoneChat.menu')} title={t('phoneChat.switchToTheAccount')} onClick={onShowMenu}>
            <MenuIcon />
          </button>
        )}
        <textarea
          className="ph-input"
          rows={1}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
          onFocus={() => setPanel(false)}
          aria-label={t('phoneChat.message')}
          maxLength={4096}
        />
        {text.trim() ? (
          <button type="submit" className="ph-send" disabled={busy}>
            {t('phoneChat.send')}
          </button>
        ) : (
          <button type="button" className="ph-icon-btn" aria-label={t('phoneChat.moreInput')} aria-expanded={panel} onClick={() => setPanel(!panel)}>
            <PlusCircleIcon size={28} />
          </button>
        )}
      </form>
      {panel && (
        <div className="ph-panel" role="group" aria-label={t('phoneChat.send')}>
          <button type="button" onClick={() => pick(images.current)}>
            <span className="ph-panel-icon">
              <ImageIcon />
            </span>
            {t('phoneChat.album')}
          </button>
          <button type="button" onClick={() => pick(voice.current)}>
            <span className="ph-panel-icon">
              <VoiceIcon />
            </span>
            {t('phoneChat.voice')}
          </button>
          <button type="button" onClick={() => pick(video.current)}>
            <span className="ph-panel-icon">
              <VideoIcon />
            </span>
            {t('phoneChat.video')}
          </button>
          <button type="button" onClick={() => (setPanel(false), actions.pickLocation())}>
            <span className="ph-panel-icon">
              <PinIcon />
            </span>
            {t('phoneChat.location')}
          </button>
          <button type="button" onClick={() => (setPanel(false), actions.shareLink())}>
            <span className="ph-panel-icon">
              <LinkIcon />
            </span>
            {t('phoneChat.link')}
          </button>
        </div>
      )}
      <input
        ref={images}
        type="file"
        accept="image/*"
        multiple
        className="ph-hidden-file"
        data-testid="send-image"
        aria-label={t('phoneChat.photoToSend')}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])].slice(0, 9);
          e.target.value = '';
          setPanel(false);
          if (files.length) actions.sendImages(files);
        }}
      />
      <input
        ref={voice}
        type="file"
        accept="audio/*,.amr,.spx,.speex,.mp3"
        className="ph-hidden-file"
        data-testid="send-voice"
        aria-label={t('phoneChat.voiceNoteToSend')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          setPanel(false);
          if (file) actions.sendVoice(file);
        }}
      />
      <input
        ref={video}
        type="file"
        accept="video/mp4,video/*"
        className="ph-hidden-file"
        data-testid="send-video"
        aria-label={t('phoneChat.videoToSend')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          setPanel(false);
          if (file) actions.sendVideo(file);
        }}
      />
    </div>
  );
}
