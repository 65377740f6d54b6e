import { chinaShort } from './chinaTime.js';
import type { PushQuota } from './types.js';
import { t } from '../../i18n/index.js';

/** "1 of 1 push posts used today — next push possible 25 Nov 00:00 (China time)". */
export function quotaSentence(q: PushQuota): string {
  const used = q.period === 'day' ? t('broadcasts.usedToday', { used: q.used, limit: q.limit }) : t('broadcasts.usedThisMonth', { used: q.used, limit: q.limit });
  if (q.remaining > 0) return t('broadcasts.quotaLeft', { used, remaining: q.remaining });
  return t('broadcasts.quotaNext', { used, time: chinaShort(q.next_available_at) });
}

/** The push quota: used and left in the current China day or month, as a meter and a sentence. */
export function QuotaPanel({ quota }: { quota: PushQuota }) {
  const full = quota.remaining === 0;
  const rule = quota.period === 'day'
    ? t('broadcasts.subscriptionAccountsMaySend')
    : t('broadcasts.serviceAccountsMaySend');
  return (
    <div className={`quota ${full ? 'quota-full' : ''}`} data-testid="push-quota">
      <div className="quota-meter" aria-hidden="true">
        {Array.from({ length: quota.limit }, (_, i) => (
          <span key={i} className={`quota-slot ${i < quota.used ? 'used' : ''}`} />
        ))}
      </div>
      <div>
        <div className="quota-text">{quotaSentence(quota)}</div>
        <div className="field-hint">{rule}</div>
      </div>
    </div>
  );
}
