import { Badge, Spinner, type Tone } from '../../ui/index.js';
import type { PushStatus } from './types.js';
import { t } from '../../i18n/index.js';

const LABEL: Record<PushStatus, [string, Tone]> & Record<string, [string, Tone] | undefined> = {
  awaiting_confirmation: [t('broadcasts.awaitingConfirmation'), 'blue'],
  scheduled: [t('broadcasts.scheduled'), 'blue'],
  queued: [t('broadcasts.queued'), 'amber'],
  sending: [t('broadcasts.sending'), 'amber'],
  done: [t('broadcasts.done'), 'green'],
  failed: [t('broadcasts.failed'), 'red'],
  cancelled: [t('broadcasts.cancelled'), 'gray'],
  deleted: [t('broadcasts.deleted'), 'gray'],
};

/** A push post's status as a pill; sending ones spin. */
export function StatusBadge({ status }: { status: PushStatus | string }) {
  const [label, tone] = LABEL[status] ?? [status, 'gray'];
  return (
    <span className="push-status" data-status={status}>
      {(status === 'sending' || status === 'queued') && <Spinner size={12} />}
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}

export const TYPE_LABEL: Record<string, string> = { mpnews: t('broadcasts.articles'), text: t('broadcasts.text'), image: t('broadcasts.image'), voice: t('broadcasts.voice'), mpvideo: t('broadcasts.video'), wxcard: t('broadcasts.card') };

/** A push post's type in words, for a post with no line of its own (an image without a name, an article without a title). */
const TYPE_SUMMARY: Record<string, () => string> = {
  mpnews: () => t('broadcasts.summaryArticle'),
  text: () => t('broadcasts.summaryText'),
  image: () => t('broadcasts.summaryImage'),
  voice: () => t('broadcasts.summaryVoice'),
  mpvideo: () => t('broadcasts.summaryVideo'),
  wxcard: () => t('broadcasts.summaryCard'),
};

/** What a push post says in the history and its detail: its own line, else its type in words (never the raw msgtype). */
export const summaryText = (p: { msgtype: string; summary: string }): string => p.summary || (TYPE_SUMMARY[p.msgtype] ?? (() => t('broadcasts.summaryOther')))();
