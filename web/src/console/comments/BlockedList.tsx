import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Button, Card, EmptyState, Loading } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { useAccountData } from '../queries.js';
import type { BlockedReader } from './types.js';
import { t } from '../../i18n/index.js';

/** 留言黑名单: readers blocked from commenting, each with a button to let them comment again. */
export function BlockedList({ appid, onChanged }: { appid: string; onChanged(): void }) {
  const blocked = useAccountData<{ blocked: BlockedReader[] }>(appid, '/comment-blocks');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const unblock = async (r: BlockedReader) => {
    setBusy(r.user_id);
    setError(null);
    try {
      await consoleApi.delete(accountApi(appid, `/comment-blocks/${encodeURIComponent(r.user_id)}`));
      await blocked.refresh();
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const list = blocked.data?.blocked ?? [];
  return (
    <Card title={t('comments.blockedList')} description={t('comments.blockedHint')}>
      {blocked.isPending && <Loading />}
      {error && <Alert tone="error">{error}</Alert>}
      {blocked.data && list.length === 0 && <EmptyState title={t('comments.noBlocked')} />}
      {list.length > 0 && (
        <ul className="blocked-list" aria-label={t('comments.blockedList')}>
          {list.map((r) => (
            <li key={r.user_id}>
              <span className="blocked-name">{r.nickname}</span>
              <span className="field-hint">{t('comments.blockedAt', { time: formatTime(r.blocked_at) })}</span>
              <Button size="sm" onClick={() => void unblock(r)} loading={busy === r.user_id} disabled={busy !== null} aria-label={t('comments.unblockWho', { name: r.nickname })}>
                {t('comments.unblock')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
