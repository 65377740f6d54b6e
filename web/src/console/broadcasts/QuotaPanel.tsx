import { chinaShort } from './chinaTime.js';
import type { PushQuota } from './types.js';

/** "1 of 1 push posts used today — next push possible 25 Nov 00:00 (China time)". */
export function quotaSentence(q: PushQuota): string {
  const used = `${q.used} of ${q.limit} push ${q.limit === 1 ? 'post' : 'posts'} used ${q.period === 'day' ? 'today' : 'this month'}`;
  if (q.remaining > 0) return `${used} — ${q.remaining} left`;
  return `${used} — next push possible ${chinaShort(q.next_available_at)} (China time)`;
}

/** The push quota: used and left in the current China day or month, as a meter and a sentence. */
export function QuotaPanel({ quota }: { quota: PushQuota }) {
  const full = quota.remaining === 0;
  const rule = quota.period === 'day'
    ? 'Subscription accounts may send one push post per day (China time).'
    : 'Service accounts may send four push posts per month (China time); each follower receives at most four a month.';
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
