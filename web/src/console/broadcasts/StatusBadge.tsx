import { Badge, Spinner, type Tone } from '../../ui/index.js';
import type { PushStatus } from './types.js';

const LABEL: Record<PushStatus, [string, Tone]> & Record<string, [string, Tone] | undefined> = {
  scheduled: ['Scheduled', 'blue'],
  queued: ['Queued', 'amber'],
  sending: ['Sending', 'amber'],
  done: ['Done', 'green'],
  failed: ['Failed', 'red'],
  cancelled: ['Cancelled', 'gray'],
  deleted: ['Deleted', 'gray'],
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

export const TYPE_LABEL: Record<string, string> = { mpnews: 'Articles', text: 'Text', image: 'Image', voice: 'Voice', mpvideo: 'Video', wxcard: 'Card' };
