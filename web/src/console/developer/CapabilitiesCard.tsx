import { Badge, Card, Table, type Column } from '../../ui/index.js';
import { accountTypeLabel } from '../format.js';
import type { AccountDetail, CapabilityRow } from '../types.js';
import { t } from '../../i18n/index.js';

const columns: Column<CapabilityRow>[] = [
  { key: 'label', header: t('developer.apiGroup'), render: (c) => c.label },
  { key: 'capability', header: t('developer.key'), render: (c) => <span className="mono muted">{c.capability}</span>, className: 'nowrap' },
  {
    key: 'allowed',
    header: t('developer.available2'),
    render: (c) => (c.allowed ? <Badge tone="green">{t('developer.available')}</Badge> : <Badge tone="gray">{t('developer.notAvailable')}</Badge>),
    className: 'nowrap',
  },
];

/** What this account may call, from the platform's capability table (the API answers 48001 otherwise). */
export function CapabilitiesCard({ account }: { account: AccountDetail }) {
  const allowed = account.capabilities.filter((c) => c.allowed).length;
  return (
    <Card
      title={t('developer.apiPermissions')}
      description={t('developer.ofApiGroupsAvailable', { accountTypeLabel: accountTypeLabel(account.type), value: account.verified ? t('developer.verifiedLower') : t('developer.unverifiedLower'), allowed, length: account.capabilities.length })}
      className="card-flush"
    >
      <Table label={t('developer.apiPermissions')} columns={columns} rows={account.capabilities} rowKey={(c) => c.capability} />
    </Card>
  );
}
