import { useEffect, useState } from 'react';
import { Alert, Card, Loading, useToast } from '../../ui/index.js';
import { useApiGet } from '../hooks.js';
import type { AccountDetail } from '../types.js';
import { chinaShort } from './chinaTime.js';
import { Composer } from './Composer.js';
import { History } from './History.js';
import { QuotaPanel } from './QuotaPanel.js';
import { ViolationsCard } from './ViolationsCard.js';
import { isLive, type Push, type PushQuota } from './types.js';
import './broadcasts.css';

/**
 * Push posts: the quota, the composer, and the history with delivery status. While a push is
 * being sent the history refreshes every second, so the counts run up as batches commit.
 */
export function BroadcastsPage({ account }: { account: AccountDetail }) {
  const toast = useToast();
  const base = `/accounts/${account.appid}/broadcasts`;
  const [version, setVersion] = useState(0);
  const quota = useApiGet<{ quota: PushQuota }>(`${base}/quota`);
  const [live, setLive] = useState(false);
  const history = useApiGet<{ pushes: Push[] }>(`${base}?limit=30`, { pollMs: live ? 1000 : 10_000 });
  const anyLive = (history.data?.pushes ?? []).some((p) => isLive(p.status));
  useEffect(() => setLive(anyLive), [anyLive]);

  const onSent = (push: Push) => {
    toast.show(push.status === 'scheduled' ? `Scheduled for ${chinaShort(push.scheduled_at)} (China time)` : 'Push post accepted: sending now');
    void quota.reload();
    void history.reload();
  };
  // A refusal may have recorded a violation (moderation) or shown a fuller quota than the panel.
  const onRefused = () => {
    void quota.reload();
    setVersion((v) => v + 1);
  };

  return (
    <div className="stack broadcasts">
      {quota.error && <Alert tone="error" title="Could not load the push quota">{quota.error.message}</Alert>}
      {quota.data && <QuotaPanel quota={quota.data.quota} />}
      <Composer account={account} quota={quota.data?.quota} onSent={onSent} onRefused={onRefused} />
      <Card
        title="Push history"
        description="Each push post with its delivery status. Click one for details."
        className="card-flush"
        actions={live ? <span className="live"><span className="live-dot" /> Sending — updating every second</span> : undefined}
      >
        {history.error && <div className="pad"><Alert tone="error" title="Could not load the history">{history.error.message}</Alert></div>}
        {!history.data && !history.error && <Loading />}
        {history.data && <History appid={account.appid} pushes={history.data.pushes} />}
      </Card>
      <ViolationsCard appid={account.appid} version={version} />
    </div>
  );
}
