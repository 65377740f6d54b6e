import { Link, Outlet, useLocation } from 'react-router';
import { Alert } from '../../ui/index.js';
import { ADMIN_ROUTES } from '../pages.js';
import { useSession } from '../session/session.js';
import './admin.css';
import { t } from '../../i18n/index.js';

/** Platform settings that apply to every account on this Herald: only platform administrators see them. */
export function AdminPage() {
  const { me } = useSession();
  const { pathname } = useLocation();
  if (!me.operator.platform_admin) {
    return (
      <div className="page">
        <Alert tone="error" title={t('admin.platformAdministratorsOnly')}>{t('admin.theseSettingsApplyTo')}</Alert>
      </div>
    );
  }
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>{t('admin.platformSettings')}</h1>
          <p className="page-description">{t('admin.rulesEveryAccountOn')}</p>
        </div>
      </div>
      <div className="tabs" role="tablist">
        {ADMIN_ROUTES.map((r) => {
          const to = `/console/admin/${r.path}`;
          return (
            <Link key={r.path} to={to} role="tab" aria-selected={pathname === to} className={`tab ${pathname === to ? 'active' : ''}`}>
              {r.label}
            </Link>
          );
        })}
      </div>
      <Outlet />
    </div>
  );
}
