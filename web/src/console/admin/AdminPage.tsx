import { Link, Outlet, useLocation } from 'react-router';
import { Alert } from '../../ui/index.js';
import { ADMIN_ROUTES } from '../pages.js';
import { useSession } from '../session/session.js';
import './admin.css';

/** Platform settings that apply to every account on this Herald: only platform administrators see them. */
export function AdminPage() {
  const { me } = useSession();
  const { pathname } = useLocation();
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
