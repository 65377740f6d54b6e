import { errorMessage } from '../../api/client.js';
import { useAccountData } from '../queries.js';
import { Alert, Badge, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import { formatTime } from '../../i18n/time.js';
import type { JssdkCallView } from '../../../../src/modules/jssdk/console.js';

interface ShareCount {
  link: string;
  scene: string;
  shares: number;
}

const RESULT: Record<string, () => string> = {
  ok: () => t('webauth.callOk'),
  cancel: () => t('webauth.callCancel'),
  fail: () => t('webauth.callFail'),
};

/** The JS-SDK calls the account's pages made in the phone's in-app browser: who, when, which API, the result. */
export function JssdkCallsCard({ appid }: { appid: string }) {
  const data = useAccountData<{ calls: JssdkCallView[]; shares: ShareCount[] }>(appid, '/jssdk-calls', { refetchInterval: 5000 });
  if (data.isPending) return <Loading />;
  if (data.isError || !data.data) return <Alert tone="error">{errorMessage(data.error)}</Alert>;
  const columns: Column<JssdkCallView>[] = [
    { key: 'at', header: t('webauth.when'), render: (c) => formatTime(c.at), className: 'nowrap' },
    { key: 'who', header: t('webauth.who'), render: (c) => c.nickname ?? '—' },
    { key: 'api', header: t('webauth.api'), render: (c) => <code>{c.api}</code> },
    {
      key: 'result',
      header: t('webauth.result'),
      render: (c) => <Badge tone={c.result === 'ok' ? 'green' : c.result === 'cancel' ? 'gray' : 'red'}>{(RESULT[c.result] ?? RESULT.fail)()}</Badge>,
    },
    { key: 'errmsg', header: t('webauth.errMsg'), render: (c) => <code>{c.err_msg}</code> },
    { key: 'page', header: t('webauth.page'), render: (c) => c.page || '—' },
  ];
  const shareColumns: Column<ShareCount>[] = [
    { key: 'link', header: t('webauth.page'), render: (s) => s.link },
    { key: 'scene', header: t('webauth.shareScene'), render: (s) => (s.scene === 'timeline' ? t('webauth.sceneTimeline') : t('webauth.sceneAppMessage')) },
    { key: 'shares', header: t('webauth.shares'), render: (s) => s.shares },
  ];
  return (
    <>
      <Card title={t('webauth.jssdkCalls')} description={t('webauth.jssdkCallsHint')}>
        <Table columns={columns} rows={data.data.calls} rowKey={(c) => c.id} label={t('webauth.jssdkCalls')} empty={<EmptyState title={t('webauth.noJssdkCalls')} />} />
      </Card>
      <Card title={t('webauth.pageShares')}>
        <Table columns={shareColumns} rows={data.data.shares} rowKey={(s) => `${s.scene} ${s.link}`} label={t('webauth.pageShares')} empty={<EmptyState title={t('webauth.noShares')} />} />
      </Card>
    </>
  );
}
