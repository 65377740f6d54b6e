import { useRef, useState } from 'react';
import { VoiceIcon } from '../kit/icons.js';
import { t } from '../../i18n/index.js';

/**
 * A voice message as WeChat draws it: a bubble with the sound icon and the length in seconds,
 * wider for longer notes; a tap plays or stops it.
 */
export function VoiceBubble({ url, mine }: { url: string; mine: boolean }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [seconds, setSeconds] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const toggle = () => {
    const a = audio.current;
    if (!a) return;
    if (a.paused) void a.play().catch(() => setPlaying(false));
    else a.pause();
  };
  const width = 70 + Math.min(150, (seconds ?? 1) * 6);
  return (
    <button type="button" className={`ph-voicebtn ${mine ? 'ph-voicebtn-mine' : ''} ${playing ? 'playing' : ''}`} style={{ width }} onClick={toggle} aria-label={t('phoneChat.playVoiceMessage')}>
      <span className="ph-voicebtn-icon">
        <VoiceIcon />
      </span>
      <span className="ph-voicebtn-len">{seconds !== null ? `${seconds}″` : ''}</span>
      <audio
        ref={audio}
        src={url}
        preload="metadata"
        onLoadedMetadata={(e) => {
          const d = e.currentTarget.duration;
          if (Number.isFinite(d) && d > 0) setSeconds(Math.max(1, Math.round(d)));
        }}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
      />
    </button>
  );
}
