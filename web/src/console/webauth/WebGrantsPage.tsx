import { errorMessage } from '../../api/client.js';
import { useAccountData } from '../queries.js';
import { Alert, Badge, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import { formatTime } from '../../i18n/time.js';
import type { AccountPageProps } from '../route.js';
import type { WebGrantView } from '../../../../src/modules/webauth/console/presenters.js';
import { JssdkCallsCard } from './JssdkCallsCard.js';

const RESULT: Record<string, () => string> = {
  silent: () => t('webauth.resultSilent'),
  allowed: () => t('webauth.resultAllowed'),
  denied: () => t('webauth.resultDenied'),
  refused: () => t('webauth.resultRefused'),
  snapshot: () => t('webauth.resultSnapshot'),
};

/** Who authorized the account's web pages, when, with which scope, and what came of it; then the pages' JS-SDK calls. */
export function WebGrantsPage({ account }: AccountPageProps) {
  const data = useAccountData<{ grants: WebGrantView[] }>(account.appid, '/web-grants', { refetchInterval: 5000 });
  if (data.isPending) return <Loading />;
  if (data.isError || !data.data) return <Alert tone="error">{errorMessage(data.error)}</Alert>;
  const columns: Column<WebGrantView>[] = [
    { key: 'at', header: t('webauth.when'), render: (g) => formatTime(g.at), className: 'nowrap' },
    { key: 'who', header: t('webauth.who'), render: (g) => (g.nickname ?? (g.openid ? <code>{g.openid}</code> : '—')) },
    { key: 'scope', header: t('webauth.scope'), render: (g) => <code>{g.scope || '—'}</code> },
    {
      key: 'result',
      header: t('webauth.result'),
      render: (g) => (
        <Badge tone={g.result === 'refused' || g.result === 'denied' ? 'red' : 'green'}>
          {(RESULT[g.result] ?? RESULT.refused)()}
          {g.errcode !== null ? ` ${g.errcode}` : ''}
        </Badge>
      ),
    },
    { key: 'host', header: t('webauth.redirectHost'), render: (g) => g.redirect_host || '—' },
  ];
  return (
    <>
      <Card title={t('webauth.grants')} description={t('webauth.grantsHint')}>
        <Table columns={columns} rows={data.data.grants} rowKey={(g) => g.id} label={t('webauth.grants')} empty={<EmptyState title={t('webauth.noGrants')} />} />
      </Card>
      <JssdkCallsCard appid={account.appid} />
    </>
  );
}
