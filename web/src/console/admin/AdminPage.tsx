import { Link } from '../../router.js';
import { Alert } from '../../ui/index.js';
import { useSession } from '../session/session.js';
import { IcpDomainsPage } from './IcpDomainsPage.js';
import { ModerationTermsPage } from './ModerationTermsPage.js';
import './admin.css';

export type AdminTab = 'moderation' | 'icp';

/** Platform settings that apply to every account on this Herald: only platform administrators see them. */
export function AdminPage({ tab }: { tab: AdminTab }) {
  const { me } = useSession();
  if (!me.operator.platform_admin) {
    return (
      <div className="page">
        <Alert tone="error" title="Platform administrators only">These settings apply to every account on this Herald. Ask a platform administrator to change them.</Alert>
      </div>
    );
  }
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Platform settings</h1>
          <p className="page-description">Rules every account on this Herald follows.</p>
        </div>
      </div>
      <div className="tabs" role="tablist">
        <Link to="/console/admin/moderation" role="tab" aria-selected={tab === 'moderation'} className={`tab ${tab === 'moderation' ? 'active' : ''}`}>Content moderation</Link>
        <Link to="/console/admin/icp-domains" role="tab" aria-selected={tab === 'icp'} className={`tab ${tab === 'icp' ? 'active' : ''}`}>ICP-filed domains</Link>
      </div>
      {tab === 'moderation' ? <ModerationTermsPage /> : <IcpDomainsPage />}
    </div>
  );
}
