import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { KeyboardIcon } from '../kit/icons.js';
import type { MenuButton } from '../types.js';
import { t } from '../../i18n/index.js';

/** Moves focus among a list of items with the arrow keys, Home and End (ARIA menus). */
function moveFocus(e: KeyboardEvent<HTMLElement>, items: HTMLElement[], prev: string, next: string): boolean {
  const at = items.indexOf(document.activeElement as HTMLElement);
  let to = -1;
  if (e.key === next) to = at < 0 ? 0 : (at + 1) % items.length;
  else if (e.key === prev) to = at <= 0 ? items.length - 1 : at - 1;
  else if (e.key === 'Home') to = 0;
  else if (e.key === 'End') to = items.length - 1;
  if (to < 0 || items.length === 0) return false;
  e.preventDefault();
  items[to]?.focus();
  return true;
}

/**
 * The account's custom menu at the bottom of the chat: the keyboard icon (switches to the input
 * bar) beside a menu bar of up to three buttons; a button with a sub-menu opens a list of up to
 * five above it. ARIA's menubar pattern: the bar holds only menu items (each in a `none` cell
 * with its sub-menu), Left/Right move along the bar, Up/Down/Enter open a sub-menu and move in
 * it, Escape closes it and returns to its button.
 */
export function MenuBar({ buttons, onPress, onKeyboard, disabled }: {
  buttons: MenuButton[];
  onPress(path: number[], button: MenuButton): void;
  onKeyboard(): void;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const [focusSub, setFocusSub] = useState<'first' | 'last' | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  const sub = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open === null) return;
    const close = (e: MouseEvent) => {
      if (bar.current && !bar.current.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  useEffect(() => {
    if (open === null || !focusSub || !sub.current) return;
    const items = [...sub.current.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    (focusSub === 'first' ? items[0] : items[items.length - 1])?.focus();
    setFocusSub(null);
  }, [open, focusSub]);

  const topItems = () => [...(bar.current?.querySelectorAll<HTMLElement>('.ph-menubar-btn') ?? [])];
  const closeSub = (i: number) => {
    setOpen(null);
    topItems()[i]?.focus();
  };

  const top = buttons.slice(0, 3);
  return (
    <div className="ph-menubar">
      <button type="button" className="ph-menubar-toggle" aria-label={t('phoneChat.keyboard')} title={t('phoneChat.switchToKeyboard')} onClick={onKeyboard}>
        <KeyboardIcon />
      </button>
      <div
        className="ph-menubar-items"
        ref={bar}
        role="menubar"
        aria-label={t('phoneChat.accountMenu')}
        onKeyDown={(e) => {
          if ((e.target as HTMLElement).closest('.ph-submenu')) return;
          if (moveFocus(e, topItems(), 'ArrowLeft', 'ArrowRight')) setOpen(null);
        }}
      >
        {top.map((b, i) => {
          const subs = (b.sub_button ?? []).slice(0, 5);
          const subId = `ph-submenu-${i}`;
          return (
            <div key={i} className="ph-menubar-cell" role="none">
              <button
                type="button"
                role="menuitem"
                className="ph-menubar-btn"
                tabIndex={i === 0 ? 0 : -1}
                aria-haspopup={subs.length > 0 ? 'menu' : undefined}
                aria-expanded={subs.length > 0 ? open === i : undefined}
                aria-controls={subs.length > 0 && open === i ? subId : undefined}
                disabled={disabled}
                onKeyDown={(e) => {
                  if (subs.length === 0) return;
                  if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
                    e.preventDefault();
                    setOpen(i);
                    setFocusSub(e.key === 'ArrowUp' ? 'last' : 'first');
                  } else if (e.key === 'Escape' && open === i) {
                    e.preventDefault();
                    setOpen(null);
                  }
                }}
                onClick={() => {
                  if (subs.length > 0) {
                    setOpen(open === i ? null : i);
                    setFocusSub(open === i ? null : 'first');
                  } else {
                    setOpen(null);
                    onPress([i], b);
                  }
                }}
              >
                {subs.length > 0 && <span className="wx-menu-lines" aria-hidden="true" />}
                <span className="ph-menubar-name">{b.name}</span>
              </button>
              {open === i && subs.length > 0 && (
                <div
                  className="ph-submenu"
                  id={subId}
                  ref={sub}
                  role="menu"
                  aria-label={b.name}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape' || e.key === 'Tab') {
                      if (e.key === 'Escape') e.preventDefault();
                      return closeSub(i);
                    }
                    moveFocus(e, [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')], 'ArrowUp', 'ArrowDown');
                  }}
                >
                  {subs.map((s, j) => (
                    <button
                      key={j}
                      type="button"
                      role="menuitem"
                      tabIndex={-1}
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
    </div>
  );
}
