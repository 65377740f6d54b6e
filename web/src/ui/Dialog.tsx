import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { t } from '../i18n/index.js';

/** Open dialogs, innermost last: only the innermost answers Escape and keeps Tab (a picker over an editor). */
const openDialogs: object[] = [];

/**
 * A modal dialog: focus moves into it on open and back on close, Escape and the backdrop
 * close it (unless `dismissable` is false, for dialogs that show a secret once). Rendered into
 * the document body, so a dialog opened from another (the material picker) stacks above it.
 */
export function Dialog({ open, title, children, footer, onClose, dismissable = true, width = 480 }: {
  open: boolean;
  title: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  onClose(): void;
  dismissable?: boolean;
  width?: number;
}) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    const first = panel.current?.querySelector<HTMLElement>('[data-autofocus], input, textarea, button:not([data-close])');
    (first ?? panel.current)?.focus();
    const token = {};
    openDialogs.push(token);
    const onKey = (e: KeyboardEvent) => {
      if (openDialogs[openDialogs.length - 1] !== token) return;
      if (e.key === 'Escape' && dismissable) onCloseRef.current();
      if (e.key === 'Tab' && panel.current) {
        // Keep Tab inside the dialog.
        const items = [...panel.current.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href], [tabindex="0"]')].filter((el) => !el.hasAttribute('disabled'));
        if (items.length === 0) return;
        const [firstEl, lastEl] = [items[0], items[items.length - 1]];
        if (e.shiftKey && document.activeElement === firstEl) {
          e.preventDefault();
          lastEl.focus();
        } else if (!e.shiftKey && document.activeElement === lastEl) {
          e.preventDefault();
          firstEl.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    document.body.classList.add('modal-open');
    return () => {
      document.removeEventListener('keydown', onKey);
      openDialogs.splice(openDialogs.indexOf(token), 1);
      if (openDialogs.length === 0) document.body.classList.remove('modal-open');
      previous?.focus?.();
    };
  }, [open, dismissable]);

  if (!open) return null;
  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(e) => dismissable && e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={panel} tabIndex={-1} style={{ maxWidth: width }}>
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          {dismissable && (
            <button type="button" className="dialog-close" aria-label={t('ui.close')} data-close onClick={onClose}>
              ×
            </button>
          )}
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}
