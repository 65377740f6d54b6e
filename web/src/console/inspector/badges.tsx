import { Badge, type Tone } from '../../ui/index.js';
import { t } from '../../i18n/index.js';

const STATUS_TONE: Record<string, Tone> = { delivered: 'green', failed: 'red', pending: 'amber', delivering: 'blue', skipped: 'gray' };
const OUTCOME_TONE: Record<string, Tone> = { ok: 'green', timeout: 'red', http_error: 'red', network_error: 'red', invalid_reply: 'amber', interrupted: 'gray' };
const OUTCOME_LABEL: Record<string, string> = {
  ok: 'OK',
  timeout: t('inspector.timedOut'),
  http_error: t('inspector.httpError'),
  network_error: t('inspector.networkError'),
  invalid_reply: t('inspector.invalidReply'),
  interrupted: t('inspector.interrupted'),
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? 'gray'}>{status}</Badge>;
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={OUTCOME_TONE[outcome] ?? 'gray'}>{OUTCOME_LABEL[outcome] ?? outcome}</Badge>;
}

/** The passive reply: none ("success" or empty), a valid reply, or an invalid one. */
export function ReplyBadge({ status }: { status: string }) {
  if (status === 'valid') return <Badge tone="green">{t('inspector.replied')}</Badge>;
  if (status === 'invalid') return <Badge tone="red">{t('inspector.invalidReply')}</Badge>;
  return <span className="muted">—</span>;
}

/** "text", "event:subscribe" → a readable label with its kind. */
export function DeliveryLabel({ kind, label }: { kind: string; label: string }) {
  const isEvent = kind === 'event' || label.startsWith('event:');
  const name = label.startsWith('event:') ? label.slice(6) : label;
  return (
    <span className="delivery-label">
      <span className={`kind-dot ${isEvent ? 'event' : 'message'}`} aria-hidden="true" />
      <span className="delivery-label-name">{name}</span>
      <span className="muted small">{isEvent ? t('inspector.event') : t('inspector.message')}</span>
    </span>
  );
}
