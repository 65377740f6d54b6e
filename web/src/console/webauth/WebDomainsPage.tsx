import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { useAccountData } from '../queries.js';
import { Alert, Card, Checkbox, CopyButton, Loading } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import type { AccountPageProps } from '../route.js';
import type { WebDomainsView } from '../../../../src/modules/webauth/console/presenters.js';
import { DomainsCard } from './DomainsCard.js';

/** 设置与开发 → 账号设置 → 功能设置: web authorization, JS safe and business domains. */
export function WebDomainsPage({ account }: AccountPageProps) {
  const data = useAccountData<{ web: WebDomainsView }>(account.appid, '/web-domains');
  const [error, setError] = useState<string | null>(null);
  if (data.isPending) return <Loading />;
  if (data.isError || !data.data) return <Alert tone="error">{errorMessage(data.error)}</Alert>;
  const web = data.data.web;
  const emulator = web.mode === 'emulator';
  const onSaved = (next: WebDomainsView) => data.setData({ web: next });

  const toggleStrict = async (strict: boolean) => {
    setError(null);
    try {
      onSaved((await consoleApi.put<{ web: WebDomainsView }>(`/accounts/${account.appid}/web-settings`, { strict })).web);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="stack">
      <Card title={t('webauth.verifyFile')} description={t('webauth.verifyFileHint')}>
        <p>
          <code>{web.verify_file}</code> <CopyButton text={web.verify_file} />
        </p>
        <p>
          {t('webauth.verifyContent')} <code>{web.verify_content}</code> <CopyButton text={web.verify_content} />
        </p>
      </Card>
      {emulator && (
        <Card title={t('webauth.strictRules')} description={t('webauth.strictRulesHint')}>
          <Checkbox label={t('webauth.strictRulesSwitch')} checked={web.strict_switch} onChange={(v) => void toggleStrict(v)} />
          {error && <Alert tone="error">{error}</Alert>}
        </Card>
      )}
      {web.kinds.map((kind) => (
        <DomainsCard key={kind.kind} appid={account.appid} kind={kind} emulator={emulator} onSaved={onSaved} />
      ))}
    </div>
  );
}
