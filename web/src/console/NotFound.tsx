import { Link } from 'react-router';
import { EmptyState } from '../ui/index.js';

export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <div className="card">
      <EmptyState title={`This ${what} does not exist`} action={<Link to="/console/accounts">Back to accounts</Link>}>
        It may have been removed, or it belongs to another organization.
      </EmptyState>
    </div>
  );
}
