import { Badge, Card, Table, type Column } from '../../ui/index.js';
import { accountTypeLabel } from '../format.js';
import type { AccountDetail, CapabilityRow } from '../types.js';
import { t } from '../../i18n/index.js';
import type { Capability } from '../../../../src/modules/accounts/rules/capabilities.js';

/** Each API group in the reader's words (the server's label is English; a group added later falls back to it). */
export const CAPABILITY_WORDS: Record<Capability, () => string> = {
  basic: () => t('developer.capBasic'),
  menu: () => t('developer.capMenu'),
  menu_conditional: () => t('developer.capMenuConditional'),
  kf: () => t('developer.capKf'),
  mass_tag: () => t('developer.capMassTag'),
  mass_openid: () => t('developer.capMassOpenid'),
  template: () => t('developer.capTemplate'),
  user: () => t('developer.capUser'),
  location: () => t('developer.capLocation'),
  oauth: () => t('developer.capOauth'),
  qrcode: () => t('developer.capQrcode'),
  material: () => t('developer.capMaterial'),
  publish: () => t('developer.capPublish'),
  comment: () => t('developer.capComment'),
  datacube: () => t('developer.capDatacube'),
  jssdk_basic: () => t('developer.capJssdkBasic'),
  jssdk_share: () => t('developer.capJssdkShare'),
  miniprogram_link: () => t('developer.capMiniprogramLink'),
};

const columns: Column<CapabilityRow>[] = [
  { key: 'label', header: t('developer.apiGroup'), render: (c) => CAPABILITY_WORDS[c.capability as Capability]?.() ?? c.label },
  { key: 'capability', header: t('developer.key'), render: (c) => <span className="mono muted">{c.capability}</span>, className: 'nowrap' },
  {
    key: 'allowed',
    header: t('developer.available2'),
    render: (c) =>
      !c.served ? (
        <Badge tone="amber">{t('developer.notYetServed')}</Badge>
      ) : c.allowed ? (
        <Badge tone="green">{t('developer.available')}</Badge>
      ) : (
        <Badge tone="gray">{t('developer.notAvailable')}</Badge>
      ),
    className: 'nowrap',
  },
];

/** What this account may call, from the platform's capability table (the API answers 48001 otherwise). */
export function CapabilitiesCard({ account }: { account: AccountDetail }) {
  // Counted as available only when the account may use the group and Herald serves it.
  const allowed = account.capabilities.filter((c) => c.allowed && c.served).length;
  const unserved = account.capabilities.filter((c) => !c.served).length;
  return (
    <Card
      title={t('developer.apiPermissions')}
      description={t('developer.ofApiGroupsAvailable', { accountTypeLabel: accountTypeLabel(account.type), value: account.verified ? t('developer.verifiedLower') : t('developer.unverifiedLower'), allowed, length: account.capabilities.length })}
      className="card-flush"
    >
      {unserved > 0 && <p className="capabilities-note field-hint">{t('developer.notYetServedNote', { count: unserved })}</p>}
      <Table label={t('developer.apiPermissions')} columns={columns} rows={account.capabilities} rowKey={(c) => c.capability} />
    </Card>
  );
}
