import { Badge, Card, Table, type Column } from '../../ui/index.js';
import { accountTypeLabel } from '../format.js';
import type { AccountDetail, CapabilityRow } from '../types.js';

const columns: Column<CapabilityRow>[] = [
  { key: 'label', header: 'API group', render: (c) => c.label },
  { key: 'capability', header: 'Key', render: (c) => <span className="mono muted">{c.capability}</span>, className: 'nowrap' },
  {
    key: 'allowed',
    header: 'Available',
    render: (c) => (c.allowed ? <Badge tone="green">✓ Available</Badge> : <Badge tone="gray">✕ Not available</Badge>),
    className: 'nowrap',
  },
];

/** What this account may call, from the platform's capability table (the API answers 48001 otherwise). */
export function CapabilitiesCard({ account }: { account: AccountDetail }) {
  const allowed = account.capabilities.filter((c) => c.allowed).length;
  return (
    <Card
      title="API permissions"
      description={`${accountTypeLabel(account.type)}, ${account.verified ? 'verified' : 'unverified'}: ${allowed} of ${account.capabilities.length} API groups available. Calls outside them answer 48001.`}
      className="card-flush"
    >
      <Table label="API permissions" columns={columns} rows={account.capabilities} rowKey={(c) => c.capability} />
    </Card>
  );
}
