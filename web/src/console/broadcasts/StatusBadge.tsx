import { Badge, Spinner, type Tone } from '../../ui/index.js';
import type { PushStatus } from './types.js';
import { t } from '../../i18n/index.js';

const LABEL: Record<PushStatus, [string, Tone]> & Record<string, [string, Tone] | undefined> = {
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
