import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { statusOf } from '../../api/queryClient.js';
import { errorMessage } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Badge, Button, Card, Dialog, Loading, useToast } from '../../ui/index.js';
import { accountKey, consoleQuery, invalidatePaths } from '../queries.js';
import { NotFound } from '../NotFound.js';
import type { AccountPageProps } from '../route.js';
import { chinaFull } from './chinaTime.js';
import { audienceText } from './History.js';
import { StatusBadge, summaryText, TYPE_LABEL } from './StatusBadge.js';
import { isLive, type Push } from './types.js';
import './broadcasts.css';
import { t } from '../../i18n/index.js';

const PLACEMENT: Record<string, string> = {
  chats: t('broadcasts.chatListWithNotification'),
  subscriptions: t('broadcasts.subscriptionsFolder'),
};

function Count({ label, value, hint }: { label: string; value: number; hint: string }) {
  return (
    <div className="push-count">
      <div className="push-count-value" data-testid={`count-${label.toLowerCase().replace(/\s+/g, '-')}`}>{value.toLocaleString()}</div>
      <div className="push-count-label">{label}</div>
      <div className="field-hint">{hint}</div>
    </div>
  );
}

/** One push post: what and to whom, its status and counts (live while sending), and cancel while scheduled. */
export function PushDetail({ account }: AccountPageProps) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const msgId = useParams().msgId ?? '';
  const rest = `/broadcasts/${encodeURIComponent(msgId)}`;
  const path = accountApi(account.appid, rest);
  const query = consoleQuery<{ push: Push }>(accountKey(account.appid, rest), path);
  // Every second while it is being sent; now and then while it waits for its time.
  const loaded = useQuery({
    ...query,
    refetchInterval: (q) => {
      const status = q.state.data?.push.status;
      return !status || isLive(status) ? 1000 : status === 'scheduled' ? 10_000 : false;
    },
  });
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const push = loaded.data?.push;

  if (statusOf(loaded.error) === 404) return <NotFound what={t('broadcasts.pushPost')} />;
  if (loaded.error) return <Alert tone="error" title={t('broadcasts.couldNotLoadThe3')}>{loaded.error.message}</Alert>;
  if (!push) return <Loading />;

  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      const { push: next } = await consoleApi.post<{ push: Push }>(`${path}/cancel`);
      queryClient.setQueryData(query.queryKey, { push: next });
      void invalidatePaths(queryClient, account.appid, '/broadcasts');
      setConfirm(false);
      toast.show(t('broadcasts.scheduledPushPostCancelled'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const c = push.counts;
  const pct = c.filtered > 0 ? Math.min(100, Math.round((c.sent / c.filtered) * 100)) : push.status === 'done' ? 100 : 0;
  return (
    <div className="stack">
      <div className="section-bar push-detail-bar">
        <Link to={`/console/accounts/${account.appid}/broadcasts`}>{t('broadcasts.allPushPosts')}</Link>
        {push.can_cancel && <Button variant="danger" onClick={() => setConfirm(true)}>{t('broadcasts.cancelScheduledPush')}</Button>}
      </div>
      <Card
        title={<span className="detail-title">{TYPE_LABEL[push.msgtype] ?? t('broadcasts.summaryOther')} {t('broadcasts.pushPost')} <StatusBadge status={push.status} /></span>}
        description={summaryText(push)}
        actions={isLive(push.status) ? <span className="live"><span className="live-dot" /> {t('broadcasts.live')}</span> : undefined}
      >
        {push.status === 'scheduled' && <Alert tone="info" title={t('broadcasts.scheduledForChinaTime2', { chinaFull: chinaFull(push.scheduled_at) })}>{t('broadcasts.itCanBeCancelled')}</Alert>}
        {push.status === 'cancelled' && <Alert tone="info" title={t('broadcasts.cancelled')}>{t('broadcasts.thisPushPostWas2')}</Alert>}
        {push.status === 'failed' && <Alert tone="error" title={t('broadcasts.thePushPostFailed')}>{push.result_status ?? t('broadcasts.itCouldNotBe')}</Alert>}
        {push.status !== 'scheduled' && push.status !== 'cancelled' && (
          <>
            <div className="push-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={t('broadcasts.delivered')}>
              <div className="push-progress-bar" style={{ width: `${pct}%` }} />
            </div>
            <div className="push-counts">
              <Count label={t('broadcasts.audience')} value={c.total} hint={t('broadcasts.followersWhenItWas')} />
              <Count label={t('broadcasts.toSend')} value={c.filtered} hint={c.filtered_out > 0 ? t('broadcasts.overTheFourA', { filtered_out: c.filtered_out }) : t('broadcasts.afterFiltering')} />
              <Count label={t('broadcasts.delivered')} value={c.sent} hint={isLive(push.status) ? t('broadcasts.batchesSoFar', { batches: push.batches }) : t('broadcasts.receivedThePushPost')} />
              <Count label={t('broadcasts.errors')} value={c.errors} hint={t('broadcasts.couldNotBeDelivered')} />
            </div>
          </>
        )}
        <dl className="facts push-facts">
          <div><dt>{t('broadcasts.msgId')}</dt><dd className="mono">{push.msg_id}</dd></div>
          {push.msg_data_id !== null && <div><dt>{t('broadcasts.msgDataId')}</dt><dd className="mono">{push.msg_data_id}</dd></div>}
          <div><dt>{t('broadcasts.audience')}</dt><dd>{audienceText(push.audience)}</dd></div>
          <div><dt>{t('broadcasts.shown')}</dt><dd title={PLACEMENT[push.placement]}>{PLACEMENT[push.placement] ?? push.placement}</dd></div>
          <div><dt>{t('broadcasts.sentFrom')}</dt><dd>{push.source === 'api' ? <Badge tone="blue">{t('broadcasts.api')}</Badge> : t('broadcasts.console')}</dd></div>
          {push.scheduled_at && <div><dt>{t('broadcasts.scheduledForChina')}</dt><dd>{chinaFull(push.scheduled_at)}</dd></div>}
          <div><dt>{t('broadcasts.acceptedChina')}</dt><dd>{chinaFull(push.accepted_at)}</dd></div>
          <div><dt>{t('broadcasts.startedChina')}</dt><dd>{chinaFull(push.started_at)}</dd></div>
          <div><dt>{t('broadcasts.finishedChina')}</dt><dd>{chinaFull(push.finished_at)}</dd></div>
          {push.result_status && <div><dt>{t('broadcasts.result')}</dt><dd className="mono">{push.result_status}</dd></div>}
        </dl>
        {push.content !== null && (
          <>
            <h3 className="section-title">{t('broadcasts.text')}</h3>
            <p className="push-text">{push.content}</p>
          </>
        )}
      </Card>
      <Dialog
        open={confirm}
        title={t('broadcasts.cancelThisScheduledPush')}
        onClose={() => setConfirm(false)}
        footer={<><Button onClick={() => setConfirm(false)}>{t('broadcasts.keepIt')}</Button><Button variant="danger" loading={busy} onClick={() => void cancel()}>{t('broadcasts.cancelPushPost')}</Button></>}
      >
        <p className="dialog-lead">{t('broadcasts.itWillNotBe')}</p>
        {error && <Alert tone="error">{error}</Alert>}
      </Dialog>
    </div>
  );
}
