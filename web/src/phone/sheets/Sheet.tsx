import { useEffect, useId, useRef, type ReactNode } from 'react';
import { CloseIcon } from '../kit/icons.js';
import { t } from '../../i18n/index.js';

/**
 * A sheet that slides up inside the phone (WeChat's action sheets and pickers). Escape and the
 * scrim close it; focus moves into it on open.
 */
export function Sheet({ open, title, onClose, children, tall }: { open: boolean; title: ReactNode; onClose(): void; children: ReactNode; tall?: boolean }) {
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    if (!open) return;
    const first = panel.current?.querySelector<HTMLElement>('[data-autofocus], input:not([type=file]), textarea, button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closeRef.current();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  return (
    <div className="ph-sheet-scrim" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`ph-sheet ${tall ? 'ph-sheet-tall' : ''}`} role="dialog" aria-modal="true" aria-labelledby={id} ref={panel}>
        <header className="ph-sheet-head">
          <h2 id={id}>{title}</h2>
          <button type="button" className="ph-icon-btn" aria-label={t('phoneSheets.close')} onClick={onClose}>
            <CloseIcon />
          </button>
        </header>
        <div className="ph-sheet-body">{children}</div>
      </div>
    </div>
  );
}
