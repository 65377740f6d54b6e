import { MAX_SUB_BUTTONS, MAX_TOP_BUTTONS, pathOf, type DraftButton } from './draft.js';
import { t } from '../../i18n/index.js';

export interface Selection {
  top: number;
  sub: number | null;
}

/**
 * A phone showing the chat's menu bar as WeChat draws it: a keyboard key, up to three buttons,
 * and the selected button's sub-menu above it. Buttons with problems carry a red dot.
 */
export function PhonePreview({ title, buttons, selected, problems, readOnly, onSelect, onAddTop, onAddSub }: {
  title: string;
  buttons: DraftButton[];
  selected: Selection | null;
  problems: Map<string, string>;
  readOnly: boolean;
  onSelect(s: Selection): void;
  onAddTop(): void;
  onAddSub(top: number): void;
}) {
  const hasProblem = (path: string) => [...problems.keys()].some((at) => at.startsWith(`${path}.`) && !at.slice(path.length + 1).startsWith('sub_button'));
  const openTop = selected?.top ?? null;
  return (
    <div className="phone" aria-label={t('menu.menuPreview')} role="group">
      <div className="phone-screen">
        <div className="phone-status" aria-hidden="true">
          <span>9:41</span>
          <span>●●● ▮</span>
        </div>
        <div className="phone-title">
          <span className="phone-back" aria-hidden="true">‹</span>
          <span className="phone-name">{title}</span>
          <span className="phone-dots" aria-hidden="true">···</span>
        </div>
        <div className="phone-chat">
          {buttons.length === 0 && <div className="phone-hint">{readOnly ? t('menu.noMenu') : t('menu.addAButtonWith')}</div>}
        </div>
        <div className="phone-bar" role="toolbar" aria-label={t('menu.menuBar')}>
          <span className="phone-kbd" aria-hidden="true">⌨</span>
          {buttons.map((b, i) => {
            // Editing shows the selected button's sub-menu even when empty, with + to start one.
            const open = openTop === i && (b.subs.length > 0 || !readOnly);
            const isSelected = selected?.top === i && selected.sub === null;
            return (
              <div key={b.uid} className="phone-slot">
                {open && (
                  <div className="phone-sub">
                    {b.subs.length > 0 && (
                    <div className="phone-sub-items" role="menu" aria-label={t('menu.subMenu', { value: b.name || t('menu.button') })}>
                      {b.subs.map((s, j) => (
                        <button
                          key={s.uid}
                          type="button"
                          role="menuitem"
                          className={`phone-sub-item ${selected?.top === i && selected.sub === j ? 'selected' : ''} ${hasProblem(pathOf(i, j)) ? 'has-problem' : ''}`}
                          onClick={() => onSelect({ top: i, sub: j })}
                        >
                          {s.name || <span className="phone-empty">{t('menu.subButton')}</span>}
                        </button>
                      ))}
                    </div>
                    )}
                    {/* Outside the menu: adding a sub-button is not one of its items. */}
                    {!readOnly && b.subs.length < MAX_SUB_BUTTONS && (
                      <button type="button" className="phone-sub-item phone-add" aria-label={t('menu.addASubButton', { value: b.name || `button ${i + 1}` })} onClick={() => onAddSub(i)}>
                        +
                      </button>
                    )}
                  </div>
                )}
                <button
                  type="button"
                  className={`phone-btn ${isSelected ? 'selected' : ''} ${hasProblem(pathOf(i, null)) ? 'has-problem' : ''}`}
                  aria-pressed={isSelected}
                  onClick={() => onSelect({ top: i, sub: null })}
                >
                  {b.subs.length > 0 && <span className="wx-menu-lines" aria-hidden="true" />}
                  <span className="phone-btn-name">{b.name || <span className="phone-empty">{t('menu.button')}</span>}</span>
                </button>
              </div>
            );
          })}
          {!readOnly && buttons.length < MAX_TOP_BUTTONS && (
            <div className="phone-slot">
              <button type="button" className="phone-btn phone-add" aria-label={t('menu.addAMenuButton')} onClick={onAddTop}>
                +
              </button>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
