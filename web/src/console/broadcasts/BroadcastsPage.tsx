import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Loading, useToast } from '../../ui/index.js';
import { accountApi } from '../api.js';
import { accountKey, consoleQuery, invalidatePaths, useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { chinaShort } from './chinaTime.js';
import { Composer } from './Composer.js';
import { History } from './History.js';
import { MassProtectionCard } from './MassProtectionCard.js';
import { QuotaPanel } from './QuotaPanel.js';
import { ViolationsCard } from './ViolationsCard.js';
import { isLive, type Push, type PushQuota } from './types.js';
import './broadcasts.css';
import { t } from '../../i18n/index.js';

/** The newest push posts of an account. */
const historyQuery = (appid: string) => consoleQuery<{ pushes: Push[] }>(accountKey(appid, '/broadcasts?limit=30'), accountApi(appid, '/broadcasts?limit=30'));

/**
 * Push posts: the quota, the composer, and the history with delivery status. While a push is
 * being sent the history refreshes every second, so the counts run up as batches commit.
 */
export function BroadcastsPage({ account }: AccountPageProps) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const quota = useAccountData<{ quota: PushQuota }>(account.appid, '/broadcasts/quota');
  const history = useQuery({
    ...historyQuery(account.appid),
    refetchInterval: (q) => ((q.state.data?.pushes ?? []).some((p) => isLive(p.status)) ? 1000 : 10_000),
  });
  const live = (history.data?.pushes ?? []).some((p) => isLive(p.status));

  const onSent = (push: Push) => {
    toast.show(push.status === 'scheduled' ? t('broadcasts.scheduledForChinaTime', { chinaShort: chinaShort(push.scheduled_at) }) : t('broadcasts.pushPostAcceptedSending'));
    void invalidatePaths(queryClient, account.appid, '/broadcasts');
  };
  // A refusal may have recorded a violation (moderation) or shown a fuller quota than the panel.
  const onRefused = () => {
    void quota.refresh();
    void invalidatePaths(queryClient, account.appid, '/violations');
  };

  return (
    <div className="stack broadcasts">
      {quota.error && <Alert tone="error" title={t('broadcasts.couldNotLoadThe')}>{quota.error.message}</Alert>}
      {quota.data && <QuotaPanel quota={quota.data.quota} />}
      <Composer account={account} quota={quota.data?.quota} onSent={onSent} onRefused={onRefused} />
      <Card
        title={t('broadcasts.pushHistory')}
        description={t('broadcasts.eachPushPostWith')}
        className="card-flush"
        actions={live ? <span className="live"><span className="live-dot" /> {t('broadcasts.sendingUpdatingEverySecond')}</span> : undefined}
      >
        {history.error && <div className="pad"><Alert tone="error" title={t('broadcasts.couldNotLoadThe2')}>{history.error.message}</Alert></div>}
        {!history.data && !history.error && <Loading />}
        {history.data && <History appid={account.appid} pushes={history.data.pushes} />}
      </Card>
      <MassProtectionCard appid={account.appid} />
      <ViolationsCard appid={account.appid} />
    </div>
  );
}
