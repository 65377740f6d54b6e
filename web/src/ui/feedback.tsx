import type { ReactNode } from 'react';
import { t } from '../i18n/index.js';

/** A small rotating ring. */
export function Spinner({ size = 18, label }: { size?: number; label?: string }) {
  return <span className="spinner" style={{ width: size, height: size }} role={label ? 'status' : undefined} aria-label={label} />;
}

export type Tone = 'green' | 'gray' | 'red' | 'amber' | 'blue';

/** A status pill. */
export function Badge({ tone = 'gray', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** An inline message box: success, error, warning or plain information. */
export function Alert({ tone = 'info', title, children, role }: { tone?: 'success' | 'error' | 'warning' | 'info'; title?: ReactNode; children?: ReactNode; role?: string }) {
  return (
    <div className={`alert alert-${tone}`} role={role ?? (tone === 'error' ? 'alert' : 'status')}>
      <span className="alert-icon" aria-hidden="true">
        {tone === 'success' ? '✓' : tone === 'error' ? '!' : tone === 'warning' ? '!' : t('ui.i')}
      </span>
      <div className="alert-body">
        {title && <div className="alert-title">{title}</div>}
        {children && <div className="alert-text">{children}</div>}
      </div>
    </div>
  );
}

/** What a list shows when it has nothing yet. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty-title">{title}</div>
      {children && <div className="empty-text">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

/** A full-area loading state. */
export function Loading({ label = t('ui.loading') }: { label?: string }) {
  return (
    <div className="loading">
      <Spinner size={22} />
      <span>{label}</span>
    </div>
  );
}

/** Preformatted machine text (XML bodies, URLs), wrapped and scrollable. */
export function Code({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <pre className="code" aria-label={label}>
      <code>{children}</code>
    </pre>
  );
}
