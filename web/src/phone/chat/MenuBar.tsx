import { useEffect, useRef, useState } from 'react';
import { KeyboardIcon } from '../kit/icons.js';
import type { MenuButton } from '../types.js';
import { t } from '../../i18n/index.js';

/**
 * The account's custom menu at the bottom of the chat: up to three buttons; a button with a
 * sub-menu opens a list of up to five above it. The keyboard icon switches to the input bar.
 */
export function MenuBar({ buttons, onPress, onKeyboard, disabled }: {
  buttons: MenuButton[];
  onPress(path: number[], button: MenuButton): void;
  onKeyboard(): void;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open === null) return;
    const close = (e: MouseEvent) => {
      if (bar.current && !bar.current.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const top = buttons.slice(0, 3);
  return (
    <div className="ph-menubar" ref={bar} role="menubar" aria-label={t('phoneChat.accountMenu')}>
      <button type="button" className="ph-menubar-toggle" aria-label={t('phoneChat.keyboard')} title={t('phoneChat.switchToKeyboard')} onClick={onKeyboard}>
        <KeyboardIcon />
      </button>
      {top.map((b, i) => {
        const subs = (b.sub_button ?? []).slice(0, 5);
        return (
          <div key={i} className="ph-menubar-cell">
            <button
              type="button"
              role="menuitem"
              className="ph-menubar-btn"
              aria-haspopup={subs.length > 0 || undefined}
              aria-expanded={subs.length > 0 ? open === i : undefined}
              disabled={disabled}
              onClick={() => {
                if (subs.length > 0) setOpen(open === i ? null : i);
                else {
                  setOpen(null);
                  onPress([i], b);
                }
              }}
            >
              {subs.length > 0 && <span className="wx-menu-lines" aria-hidden="true" />}
              <span className="ph-menubar-name">{b.name}</span>
            </button>
            {open === i && subs.length > 0 && (
              <div className="ph-submenu" role="menu" aria-label={b.name}>
                {subs.map((s, j) => (
                  <button
                    key={j}
                    type="button"
                    role="menuitem"
                    className="ph-submenu-btn"
                    onClick={() => {
                      setOpen(null);
                      onPress([i, j], s);
                    }}
                  >
                    {s.name}
                  </button>
                ))}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
