import { useEffect, useState } from 'react';
import { Alert, Button, Dialog } from '../../ui/index.js';
import { useAccountData } from '../queries.js';
import type { PushQuota } from '../broadcasts/types.js';
import { quotaSentence } from '../broadcasts/QuotaPanel.js';
import { chinaShort } from '../broadcasts/chinaTime.js';
import { t } from '../../i18n/index.js';

/** The push quota's answer path (the composer's quota panel shares it). */
export const QUOTA_PATH = '/broadcasts/quota';

/**
 * WeChat's 发表 confirmation: publishing makes the articles public (by link, in the account's
 * history) without telling anyone; with 群发通知 they are also pushed to every follower, which
 * uses one of the account type's push posts. Without quota left the option is off and says
 * when the next push is possible. `pushOnly`: an already published post, pushed later.
 */
export function PublishDialog({ appid, accountType, open, title, busy, error, pushOnly = false, onClose, onConfirm }: {
  appid: string;
  accountType: string;
  open: boolean;
  title: string;
  busy: boolean;
  error: string | null;
  pushOnly?: boolean;
  onClose(): void;
  onConfirm(notify: boolean): void;
}) {
  const quota = useAccountData<{ quota: PushQuota }>(appid, QUOTA_PATH, { enabled: open });
  const q = quota.data?.quota;
  const canPush = q !== undefined && q.remaining > 0;
  const [notify, setNotify] = useState(pushOnly);
  useEffect(() => {
    if (open) setNotify(pushOnly);
  }, [open, pushOnly]);
  const pushing = notify && canPush;
  const delivery = accountType === 'service' ? t('articles.notifyService') : t('articles.notifySubscription');

  return (
    <Dialog
      open={open}
      title={pushOnly ? t('articles.pushPublishedTitle') : t('articles.publishConfirmTitle')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('articles.cancel')}</Button>
          <Button variant="primary" loading={busy} disabled={(pushOnly || notify) && !canPush} onClick={() => onConfirm(pushing)}>
            {pushOnly ? t('articles.pushLater') : pushing ? t('articles.publishAndNotify') : t('articles.publish')}
          </Button>
        </>
      }
    >
      <p className="dialog-lead">{pushOnly ? t('articles.pushPublishedLead', { title }) : t('articles.publishConfirmLead', { title })}</p>
      {!pushOnly && (
        <label className="checkbox publish-notify">
          <input type="checkbox" checked={pushing} disabled={!canPush} onChange={(e) => setNotify(e.target.checked)} data-testid="publish-notify" />
          <span>
            {t('articles.notifyFollowers')}
            <span className="field-hint">{t('articles.notifyFollowersHint', { delivery })}</span>
          </span>
        </label>
      )}
      {pushOnly && <p className="field-hint">{delivery}</p>}
      {q && <p className="field-hint" data-testid="publish-quota">{quotaSentence(q)}</p>}
      {q && !canPush && (
        <Alert tone="warning" title={t('articles.noPushLeft')}>
          {t('articles.nextPushAt', { time: chinaShort(q.next_available_at) })}
        </Alert>
      )}
      {error && <Alert tone="error">{error}</Alert>}
    </Dialog>
  );
}
